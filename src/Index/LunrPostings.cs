using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Site.Index;

/// <summary>
/// The scoring content of a lunr index, by term: for every term its lunr <c>_index</c> and, per field,
/// the documents holding it with their field-vector element (<c>Math.round(score * 1000)</c>, the very
/// number index.json stores divided by 1000). This is all <c>lunr.Index.query</c> reads from
/// <c>fieldVectors</c> and <c>invertedIndex</c> for the clauses the site sends, so a query engine fed
/// with these postings scores exactly like lunr (see <see cref="WriteSearchShards"/>). Documents are
/// ref ids, which equal the refs "0", "1", … of the site index.
/// </summary>
public sealed class LunrPostings
{
    /// <summary>Terms by lunr <c>_index</c>.</summary>
    public required string[] Terms { get; init; }
    /// <summary>Field names in lunr's order; <see cref="Field"/> values index this.</summary>
    public required string[] Fields { get; init; }
    public required int DocumentCount { get; init; }
    /// <summary>Postings of term t are [Start[t], Start[t + 1]), in document order, fields in lunr order within a document.</summary>
    public required int[] Start { get; init; }
    public required int[] Doc { get; init; }
    public required byte[] Field { get; init; }
    public required int[] Millis { get; init; }

    /// <summary>Documents holding the term in some field (lunr's idf count).</summary>
    public int DocumentFrequency(int term)
    {
        int n = 0, last = -1;
        for (int i = Start[term]; i < Start[term + 1]; i++)
            if (Doc[i] != last) { n++; last = Doc[i]; }
        return n;
    }
}

public sealed partial class LunrIndexBuilder
{
    /// <summary>
    /// The index's postings with their scores (see <see cref="LunrPostings"/>). Requires refs "0", "1", …
    /// added once each, in order, as <see cref="BuildSearchIndex"/> adds them.
    /// </summary>
    public LunrPostings Postings()
    {
        if (_triples) throw new InvalidOperationException("postings export needs each ref added once");
        for (int r = 0; r < _refs.Count; r++)
            if (_refs[r] != r.ToString(System.Globalization.CultureInfo.InvariantCulture))
                throw new InvalidOperationException($"postings export needs refs 0, 1, …; ref {r} is \"{_refs[r]}\"");
        var fieldOrder = FieldOrder();
        int fieldCount = _fieldNames.Count;
        var position = new byte[fieldCount];
        for (int i = 0; i < fieldOrder.Length; i++) position[fieldOrder[i]] = (byte)i;
        var st = new WriteState { FieldCount = fieldCount, FieldBoost = new double[fieldCount] };
        st.FieldPrefix = new byte[fieldCount][];
        for (int f = 0; f < fieldCount; f++) { st.FieldBoost[f] = JsOr1(_fieldBoosts[f]); st.FieldPrefix[f] = Array.Empty<byte>(); }
        PrepareWrite(st);

        int termCount = _terms.Count;
        var start = new int[termCount + 1];
        var slots = CollectionsMarshal.AsSpan(_slots);
        foreach (ref readonly var s in slots)
            for (int k = 0; k < s.TfCount; k++) start[(int)(_pairs[s.TfStart + k] >> 32) + 1]++;
        for (int t = 0; t < termCount; t++) start[t + 1] += start[t];
        int total = start[termCount];
        var doc = new int[total];
        var field = new byte[total];
        var millis = new int[total];
        var fill = start.AsSpan(0, termCount).ToArray();
        Fill(slots, position, st, fill, doc, field, millis);
        // a document's fields were added in insertion order; lunr's field order can differ (numeric names)
        if (!IsIdentity(fieldOrder)) SortFieldsWithinDocs(start, doc, field, millis);
        var fields = new string[fieldCount];
        for (int i = 0; i < fieldOrder.Length; i++) fields[i] = _fieldNames[fieldOrder[i]];
        return new LunrPostings { Terms = _terms.ToArray(), Fields = fields, DocumentCount = _refs.Count, Start = start, Doc = doc, Field = field, Millis = millis };
    }

    [MethodImpl(Site.Core.HotLoop.Options)]
    private void Fill(ReadOnlySpan<Slot> slots, byte[] position, WriteState st, int[] fill, int[] doc, byte[] field, int[] millis)
    {
        double k1 = K1, b = _b;
        foreach (ref readonly var s in slots)
        {
            double fb = st.FieldBoost[s.Field], db = st.RefBoost[s.Ref], avg = st.Avg[s.Field];
            for (int k = 0; k < s.TfCount; k++)
            {
                long pair = _pairs[s.TfStart + k];
                int term = (int)(pair >> 32), tf = (int)pair;
                int at = fill[term]++;
                doc[at] = s.Ref;
                field[at] = position[s.Field];
                millis[at] = (int)ScoreMillis(st.Idf[term], tf, k1, b, s.Length, avg, fb, db);
            }
        }
    }

    private static bool IsIdentity(int[] order)
    {
        for (int i = 0; i < order.Length; i++) if (order[i] != i) return false;
        return true;
    }

    private static void SortFieldsWithinDocs(int[] start, int[] doc, byte[] field, int[] millis)
    {
        for (int t = 0; t + 1 < start.Length; t++)
        {
            int lo = start[t], hi = start[t + 1];
            for (int i = lo + 1; i < hi; i++) // insertion sort: entries are already in document order
            {
                int d = doc[i], m = millis[i];
                byte f = field[i];
                int j = i - 1;
                while (j >= lo && (doc[j] > d || (doc[j] == d && field[j] > f)))
                {
                    doc[j + 1] = doc[j]; field[j + 1] = field[j]; millis[j + 1] = millis[j];
                    j--;
                }
                doc[j + 1] = d; field[j + 1] = f; millis[j + 1] = m;
            }
        }
    }
}
