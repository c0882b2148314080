using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Site.Index;

/// <summary>
/// A C# port of lunr.js 2.3.9's <c>lunr.Builder</c> (add → calculateAverageFieldLengths →
/// createFieldVectors → toJSON) for an index whose token pipeline and search pipeline are empty and
/// whose metadata whitelist is empty. <see cref="LunrIndex.ToJson"/> is byte-identical to
/// <c>JSON.stringify(builder.build())</c> in node when the builder's tokenizer returns the same tokens
/// (theme/search/build-index.mjs; checked by the differential tests).
/// <para>
/// Representation (for speed and memory; the JS objects are reproduced only when serialising):
/// terms, refs and fields are small integers. A term's id is its lunr <c>_index</c> (first-seen
/// order). Each <c>fieldRef</c> ("field/ref", a key of lunr's <c>fieldTermFrequencies</c>) is a slot
/// holding its length and its (term, tf) pairs in a flat array; postings (<c>invertedIndex[term][field][ref]</c>)
/// are flat (term, field, ref) triples appended in lunr's insertion order and grouped by a counting
/// sort when written. JS key order (array-index keys first, ascending) is applied at write time.
/// </para>
/// <para>
/// Besides <see cref="Add"/> (text in, tokenized here) there is <see cref="AddTokenized"/> for callers
/// that tokenize elsewhere (in parallel, see <see cref="BuildSearchIndex"/>): it takes each field's
/// distinct terms in first-occurrence order with their frequencies, which is all lunr keeps.
/// </para>
/// <para>
/// The old object model (<c>LunrIndex.FieldVectors</c>, <c>InvertedIndex</c>, <c>Posting</c>,
/// <c>OrderedSet</c>, <c>LunrFieldVector</c>) is gone: nothing outside src/Index used it, and building
/// it was most of the cost. <see cref="LunrIndex"/> serialises; <see cref="LunrIndex.WriteTo(Stream)"/>
/// streams.
/// </para>
/// </summary>
public sealed partial class LunrIndexBuilder
{
    public const string LunrVersion = "2.3.9";

    private static readonly Func<string?, List<string>> DefaultTokenize = Tokenizer.Tokenize;

    // fields, by insertion index
    private readonly List<string> _fieldNames = new();
    private readonly List<double?> _fieldBoosts = new();
    private readonly Dictionary<string, int> _fieldIds = new(StringComparer.Ordinal);
    private int[]? _fieldOrder; // Object.keys(_fields) as field ids; null = recompute

    // terms, by id (= lunr _index)
    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly List<string> _terms = new();
    private readonly List<int> _termFieldCount = new(); // fields that existed when the posting was created
    private int[] _docsWithTerm = new int[256];

    // refs
    private readonly Dictionary<string, int> _refIds = new(StringComparer.Ordinal);
    private readonly List<string> _refs = new();
    private readonly List<double?> _refBoosts = new();
    /// <summary>Posting keys (term, field) already holding a ref, kept only for refs added more than once.</summary>
    private readonly Dictionary<int, HashSet<long>> _dupRefPostings = new();
    private readonly List<bool> _refAddedTwice = new();

    // fieldRef slots, in insertion order of lunr's fieldTermFrequencies / fieldLengths
    private readonly Dictionary<long, int> _slotOf = new(); // (field, ref) → slot, for refs added again
    private readonly List<Slot> _slots = new();
    // (term << 32 | tf) pairs of all slots; a slot's pairs are in first-occurrence order
    private long[] _pairs = new long[1024];
    private int _tfLen;

    // postings: (term, field, ref) triples in insertion order. Only kept once a ref is added a second
    // time (_triples): until then every slot pair is a posting entry in slot order, so the postings
    // are derived from the slots when writing.
    private bool _triples;
    private int[] _pTerm = new int[1024];
    private int[] _pField = new int[1024];
    private int[] _pRef = new int[1024];
    private int _pLen;

    // per-term scratch for Add: stamp of the last (doc, field) the term was seen in, and its tf position
    private int[] _stamp = new int[256];
    private int[] _stampPos = new int[256];
    private int _stampNow;
    private Tokenizer.Scratch? _scratch;

    private int _documentCount;
    private double _b = 0.75;

    private struct Slot
    {
        public int Field, Ref, Length, TfStart, TfCount; // pairs at _pairs[TfStart .. TfStart + TfCount)
    }

    /// <summary>Turns a field's text into terms. Defaults to <see cref="Tokenizer.Tokenize(string?)"/>.</summary>
    public Func<string?, List<string>> Tokenize { get; set; } = DefaultTokenize;

    /// <summary>Field length normalisation, clamped to 0…1 like lunr's <c>builder.b()</c>.</summary>
    public double B { get => _b; set => _b = value < 0 ? 0 : value > 1 ? 1 : value; }
    public double K1 { get; set; } = 1.2;

    public int DocumentCount => _documentCount;

    /// <summary><c>builder.field(name, {boost})</c>. Null boost = no boost attribute.</summary>
    public void Field(string name, double? boost = null)
    {
        if (name == "_index") throw new ArgumentException("'_index' is reserved by lunr's posting format", nameof(name));
        if (name.Contains('/')) throw new ArgumentException($"Field '{name}' contains illegal character '/'", nameof(name));
        if (_fieldIds.TryGetValue(name, out var id)) { _fieldBoosts[id] = boost; return; }
        _fieldIds[name] = _fieldNames.Count;
        _fieldNames.Add(name);
        _fieldBoosts.Add(boost);
        _fieldOrder = null;
    }

    /// <summary>Fields in lunr's order (<c>Object.keys(builder._fields)</c>).</summary>
    public IReadOnlyList<string> Fields
    {
        get
        {
            var order = FieldOrder();
            var names = new string[order.Length];
            for (int i = 0; i < order.Length; i++) names[i] = _fieldNames[order[i]];
            return names;
        }
    }

    /// <summary>Field ids in <c>Object.keys(builder._fields)</c> order.</summary>
    internal int[] FieldOrder() => _fieldOrder ??= JsKeyOrder(_fieldNames);

    /// <summary>Positions of <paramref name="keys"/> in JS <c>Object.keys</c> order (array indices first, ascending). No LINQ: JIT time counts here.</summary>
    private static int[] JsKeyOrder(IReadOnlyList<string> keys)
    {
        var idx = new int[keys.Count];
        int n = 0;
        var numeric = new List<(ulong Value, int Pos)>();
        for (int i = 0; i < keys.Count; i++)
            if (JsCompat.IsArrayIndex(keys[i])) numeric.Add((ulong.Parse(keys[i], System.Globalization.CultureInfo.InvariantCulture), i));
        if (numeric.Count > 0)
        {
            numeric.Sort((x, y) => x.Value.CompareTo(y.Value));
            foreach (var (_, pos) in numeric) idx[n++] = pos;
        }
        for (int i = 0; i < keys.Count; i++)
            if (numeric.Count == 0 || !JsCompat.IsArrayIndex(keys[i])) idx[n++] = i;
        return idx;
    }

    /// <summary>The id of a field, or -1.</summary>
    internal int FieldId(string name) => _fieldIds.TryGetValue(name, out var id) ? id : -1;

    /// <summary>The term's id (lunr <c>_index</c>), creating its posting with the fields that exist now.</summary>
    [MethodImpl(Site.Core.HotLoop.Options)]
    internal int InternTerm(string term)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_termIds, term, out bool exists);
        if (exists) return id;
        id = _terms.Count;
        _terms.Add(term);
        _termFieldCount.Add(_fieldNames.Count);
        if (id >= _docsWithTerm.Length) Array.Resize(ref _docsWithTerm, _docsWithTerm.Length * 2);
        return id;
    }

    private int InternTerm(ReadOnlySpan<char> term)
    {
        var lookup = _termIds.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.TryGetValue(term, out var id) ? id : InternTerm(new string(term));
    }

    /// <summary><c>builder.add(doc, {boost})</c>: <paramref name="fields"/> maps field name → text (missing = undefined).</summary>
    public void Add(string docRef, IReadOnlyDictionary<string, string?> fields, double? boost = null)
    {
        int refId = BeginDocument(docRef, boost);
        var order = FieldOrder();
        bool fast = ReferenceEquals(Tokenize, DefaultTokenize);
        var sink = fast ? new InternSink(this) : null;
        foreach (var f in order)
        {
            fields.TryGetValue(_fieldNames[f], out var text);
            int tfStart = _tfLen;
            NextStamp();
            int length;
            if (sink != null)
            {
                sink.Count = 0;
                Tokenizer.Tokenize(text, sink, _scratch ??= new Tokenizer.Scratch());
                length = sink.Count;
            }
            else
            {
                var terms = Tokenize(text);
                foreach (var t in terms) CountTerm(InternTerm(t), tfStart);
                length = terms.Count;
            }
            AddField(refId, f, length, tfStart);
        }
    }

    private sealed class InternSink : ITokenSink
    {
        private readonly LunrIndexBuilder _b;
        public int Count;
        public InternSink(LunrIndexBuilder b) => _b = b;
        public void Token(ReadOnlySpan<char> token)
        {
            Count++;
            _b.CountTerm(_b.InternTerm(token), -1);
        }
    }

    private void NextStamp()
    {
        if (++_stampNow == int.MaxValue) { Array.Clear(_stamp); _stampNow = 1; }
    }

    /// <summary>Counts one occurrence of a term in the current (doc, field), whose pairs start at the current tf position.</summary>
    private void CountTerm(int term, int _)
    {
        if (term >= _stamp.Length)
        {
            int n = Math.Max(_stamp.Length * 2, term + 1);
            Array.Resize(ref _stamp, n);
            Array.Resize(ref _stampPos, n);
        }
        if (_stamp[term] == _stampNow) { _pairs[_stampPos[term]]++; return; } // tf is the low half
        _stamp[term] = _stampNow;
        EnsureTf(1);
        _stampPos[term] = _tfLen;
        _pairs[_tfLen++] = ((long)term << 32) | 1;
    }

    private void EnsureTf(int more)
    {
        if (_tfLen + more <= _pairs.Length) return;
        Array.Resize(ref _pairs, (int)Math.Min(Array.MaxLength, Math.Max(_pairs.Length * 2L, _tfLen + (long)more)));
    }

    /// <summary>Registers a document (<c>this._documents[docRef] = attributes; documentCount += 1</c>); returns its ref id.</summary>
    internal int BeginDocument(string docRef, double? boost)
    {
        _documentCount++;
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_refIds, docRef, out bool exists);
        if (exists)
        {
            _refBoosts[id] = boost;
            if (!_refAddedTwice[id])
            {
                if (!_triples) MaterializeTriples();
                _refAddedTwice[id] = true;
                var set = new HashSet<long>();
                for (int i = 0; i < _pLen; i++)
                    if (_pRef[i] == id) set.Add(PostingKey(_pTerm[i], _pField[i]));
                _dupRefPostings[id] = set;
                for (int s = 0; s < _slots.Count; s++)
                    if (_slots[s].Ref == id) _slotOf[SlotKey(_slots[s].Field, id)] = s;
            }
            return id;
        }
        id = _refs.Count;
        _refs.Add(docRef);
        _refBoosts.Add(boost);
        _refAddedTwice.Add(false);
        return id;
    }

    /// <summary>Switches to explicit posting triples: every pair so far, in slot order, is one.</summary>
    private void MaterializeTriples()
    {
        _triples = true;
        foreach (var s in CollectionsMarshal.AsSpan(_slots))
        {
            EnsurePostings(s.TfCount);
            for (int k = 0; k < s.TfCount; k++)
            {
                _pTerm[_pLen] = (int)(_pairs[s.TfStart + k] >> 32);
                _pField[_pLen] = s.Field;
                _pRef[_pLen] = s.Ref;
                _pLen++;
            }
        }
    }

    private static long PostingKey(int term, int field) => ((long)term << 20) | (uint)field;
    private static long SlotKey(int field, int refId) => ((long)refId << 20) | (uint)field;

    /// <summary>
    /// Adds one field of a document whose distinct terms (first-occurrence order) and frequencies are
    /// already at <c>_pairs[tfStart.._tfLen)</c>. <paramref name="length"/> is the token count.
    /// </summary>
    [MethodImpl(Site.Core.HotLoop.Options)]
    private void AddField(int refId, int field, int length, int tfStart)
    {
        int count = _tfLen - tfStart;
        // postings, in token order (lunr walks the tokens; first occurrences decide, so distinct terms suffice)
        HashSet<long>? dup = _refAddedTwice[refId] ? _dupRefPostings[refId] : null;
        if (_triples) EnsurePostings(count);
        for (int k = tfStart; k < _tfLen; k++)
        {
            int term = (int)(_pairs[k] >> 32);
            // a field declared after the posting was created is absent from it in lunr too (it would throw there)
            if (field >= _termFieldCount[term])
                throw new InvalidOperationException($"field '{_fieldNames[field]}' was added after documents were indexed");
            if (dup != null && !dup.Add(PostingKey(term, field))) continue;
            _docsWithTerm[term]++;
            if (!_triples) continue;
            _pTerm[_pLen] = term;
            _pField[_pLen] = field;
            _pRef[_pLen] = refId;
            _pLen++;
        }
        var slot = new Slot { Field = field, Ref = refId, Length = length, TfStart = tfStart, TfCount = count };
        if (_refAddedTwice[refId])
        {
            ref var s = ref CollectionsMarshal.GetValueRefOrAddDefault(_slotOf, SlotKey(field, refId), out bool exists);
            if (exists) { _slots[s] = slot; return; } // reassignment keeps the key's first position (JS objects)
            s = _slots.Count;
        }
        _slots.Add(slot);
    }

    /// <summary>Room for <paramref name="pairs"/> more (term, tf) pairs and postings and <paramref name="slots"/> more field vectors.</summary>
    internal void Reserve(int pairs, int slots)
    {
        EnsureTf(pairs);
        if (_triples) EnsurePostings(pairs);
        _slots.EnsureCapacity(_slots.Count + slots);
    }

    private void EnsurePostings(int more)
    {
        if (_pLen + more <= _pTerm.Length) return;
        int n = Math.Max(_pTerm.Length * 2, _pLen + more);
        Array.Resize(ref _pTerm, n);
        Array.Resize(ref _pField, n);
        Array.Resize(ref _pRef, n);
    }

    /// <summary>
    /// <c>builder.add</c> for pre-tokenized text: for each field in <see cref="FieldOrder"/> order, the
    /// distinct terms' ids (<see cref="InternTerm(string)"/>, in first-occurrence order), their
    /// frequencies and the field's token count.
    /// </summary>
    [MethodImpl(Site.Core.HotLoop.Options)]
    internal void AddTokenized(string docRef, double? boost, ReadOnlySpan<int> fieldLengths,
        ReadOnlySpan<int> fieldTermCounts, ReadOnlySpan<int> terms, ReadOnlySpan<int> tfs)
    {
        int refId = BeginDocument(docRef, boost);
        var order = FieldOrder();
        int at = 0;
        for (int i = 0; i < order.Length; i++)
        {
            int n = fieldTermCounts[i];
            int tfStart = _tfLen;
            EnsureTf(n);
            var dest = _pairs.AsSpan(_tfLen, n);
            for (int k = 0; k < n; k++) dest[k] = ((long)terms[at + k] << 32) | (uint)tfs[at + k];
            _tfLen += n;
            at += n;
            AddField(refId, order[i], fieldLengths[i], tfStart);
        }
    }

    public LunrIndex Build() => new(this);

    /// <summary>lunr.idf.</summary>
    internal static double Idf(int documentsWithTerm, int documentCount)
    {
        double x = (documentCount - documentsWithTerm + 0.5) / (documentsWithTerm + 0.5);
        return JsCompat.Log(1 + Math.Abs(x));
    }

    /// <summary><c>attributes.boost || 1</c>.</summary>
    private static double JsOr1(double? v) => v is null || v.Value == 0 || double.IsNaN(v.Value) ? 1 : v.Value;

    /// <summary>Threads <see cref="LunrIndex.WriteTo(JsonOut)"/> may use (field vectors in two halves and the postings at once).</summary>
    public int WriteParallelism { get; set; } = 1;

    /// <summary>Shared, read-only state of one serialisation.</summary>
    private sealed class WriteState
    {
        public int FieldCount;
        public double[] Avg = null!, Idf = null!, FieldBoost = null!, RefBoost = null!;
        public byte[][] FieldPrefix = null!, RefBody = null!, RefEntry = null!;
        public long VectorBytes, PostingBytes;
    }

    /// <summary>Writes <c>JSON.stringify(index)</c> (see <see cref="LunrIndex"/>).</summary>
    /// <remarks>Only the loops are in separately fully-optimised methods: the stage runs once per process and JIT time counts.</remarks>
    internal void WriteJson(JsonOut o)
    {
        var fieldOrder = FieldOrder();
        int fieldCount = _fieldNames.Count;
        var st = new WriteState { FieldCount = fieldCount };
        st.FieldPrefix = new byte[fieldCount][];
        for (int f = 0; f < fieldCount; f++) st.FieldPrefix[f] = JsonBody(_fieldNames[f] + "/");
        st.FieldBoost = new double[fieldCount];
        for (int f = 0; f < fieldCount; f++) st.FieldBoost[f] = JsOr1(_fieldBoosts[f]);
        PrepareWrite(st);

        o.Raw("{\"version\":"u8);
        o.String(LunrVersion);
        o.Raw(",\"fields\":["u8);
        for (int i = 0; i < fieldOrder.Length; i++)
        {
            if (i > 0) o.Byte((byte)',');
            o.String(_fieldNames[fieldOrder[i]]);
        }

        int slotCount = _slots.Count;
        o.Raw("],\"fieldVectors\":["u8);
        if (WriteParallelism <= 1 || slotCount < 4096)
        {
            o.Reserve(st.VectorBytes + st.PostingBytes + 256);
            WriteVectors(o, st, 0, slotCount);
            o.Raw("],\"invertedIndex\":["u8);
            var ps = PreparePostings(st);
            WriteTermEntries(o, st, ps, 0, ps.Sorted.Length);
            o.Raw("],\"pipeline\":[]}"u8);
            return;
        }

        // Parallel: the output is cut into parts (slot ranges, then term ranges) that the threads write
        // into buffers of their own; this thread hands finished parts to o in order (streaming o writes
        // them straight to its stream) and reuses the buffers, so at most a few parts are in memory.
        if (!o.Streaming) o.Reserve(st.VectorBytes + st.PostingBytes + 256);
        var postingsReady = Task.Run(() => PreparePostings(st));
        int vectorParts = (slotCount + VectorPartSlots - 1) / VectorPartSlots;
        int termParts = (_terms.Count + PostingPartTerms - 1) / PostingPartTerms;
        try
        {
            OrderedParts.Run(vectorParts + termParts, WriteParallelism, (part, buf) =>
            {
                if (part < vectorParts)
                    WriteVectors(buf, st, part * VectorPartSlots, Math.Min(slotCount, (part + 1) * VectorPartSlots));
                else
                {
                    int t = part - vectorParts;
                    var ps = postingsReady.GetAwaiter().GetResult();
                    WriteTermEntries(buf, st, ps, t * PostingPartTerms, Math.Min(ps.Sorted.Length, (t + 1) * PostingPartTerms));
                }
            }, (part, buf) =>
            {
                if (part == vectorParts) o.Raw("],\"invertedIndex\":["u8);
                else if (part > 0) o.Byte((byte)',');
                o.Part(buf);
            });
        }
        finally
        {
            postingsReady.Wait();
        }
        if (termParts == 0) o.Raw("],\"invertedIndex\":["u8);
        o.Raw("],\"pipeline\":[]}"u8);
    }

    private const int VectorPartSlots = 4096;
    private const int PostingPartTerms = 128;

    /// <summary>calculateAverageFieldLengths, idf per term, per-ref bytes and output size estimates.</summary>
    [MethodImpl(Site.Core.HotLoop.Options)]
    private void PrepareWrite(WriteState st)
    {
        int fieldCount = st.FieldCount;
        var sum = new double[fieldCount];
        var cnt = new double[fieldCount];
        var slots = CollectionsMarshal.AsSpan(_slots);
        foreach (ref readonly var s in slots)
        {
            cnt[s.Field] += 1;
            sum[s.Field] += s.Length;
        }
        st.Avg = new double[fieldCount];
        for (int f = 0; f < fieldCount; f++) st.Avg[f] = cnt[f] > 0 ? sum[f] / cnt[f] : double.NaN;

        int termCount = _terms.Count;
        st.Idf = new double[termCount];
        for (int t = 0; t < termCount; t++) st.Idf[t] = Idf(_docsWithTerm[t], _documentCount);

        int refCount = _refs.Count;
        st.RefBody = new byte[refCount][];
        st.RefEntry = new byte[refCount][];
        st.RefBoost = new double[refCount];
        for (int r = 0; r < refCount; r++)
        {
            var body = st.RefBody[r] = JsonBody(_refs[r]);
            var e = new byte[body.Length + 5]; // "ref":{}
            e[0] = (byte)'"';
            body.CopyTo(e, 1);
            "\":{}"u8.CopyTo(e.AsSpan(1 + body.Length));
            st.RefEntry[r] = e;
            st.RefBoost[r] = JsOr1(_refBoosts[r]);
        }

        // size estimates, so in-memory outputs allocate once
        int termDigits = termCount < 10 ? 1 : (int)Math.Floor(Math.Log10(termCount)) + 1;
        foreach (ref readonly var s in slots) st.VectorBytes += st.FieldPrefix[s.Field].Length + st.RefBody[s.Ref].Length + 8 + s.TfCount * (termDigits + 10L);
        if (_triples) for (int i = 0; i < _pLen; i++) st.PostingBytes += st.RefBody[_pRef[i]].Length + 6;
        else foreach (ref readonly var s in slots) st.PostingBytes += (st.RefBody[s.Ref].Length + 6L) * s.TfCount;
        foreach (var t in _terms) st.PostingBytes += t.Length * 3 + 24 + fieldCount * 16;
    }

    /// <summary>createFieldVectors + toJSON for slots [from, to): <c>["field/ref",[termIndex,score,…]]</c>, comma-separated.</summary>
    [MethodImpl(Site.Core.HotLoop.Options)]
    private void WriteVectors(JsonOut o, WriteState st, int from, int to)
    {
        var slots = CollectionsMarshal.AsSpan(_slots);
        var idf = st.Idf;
        double k1 = K1, b = _b;
        var packed = new long[64];
        for (int si = from; si < to; si++)
        {
            ref readonly var s = ref slots[si];
            if (si > from) o.Byte((byte)',');
            o.Raw("[\""u8);
            o.Raw(st.FieldPrefix[s.Field]);
            o.Raw(st.RefBody[s.Ref]);
            o.Raw("\",["u8);
            double fieldLength = s.Length;
            double fb = st.FieldBoost[s.Field], db = st.RefBoost[s.Ref], fieldAvg = st.Avg[s.Field];
            // lunr's Vector keeps elements sorted by term index: sort (term, tf) packed as longs
            int n = s.TfCount;
            if (packed.Length < n) packed = new long[Math.Max(n, packed.Length * 2)];
            var pairs = packed.AsSpan(0, n);
            bool sorted = true;
            for (int k = 0; k < n; k++)
            {
                pairs[k] = _pairs[s.TfStart + k];
                if (k > 0 && pairs[k] < pairs[k - 1]) sorted = false;
            }
            if (!sorted) SortLongs(pairs);
            for (int k = 0; k < n; k++)
            {
                int term = (int)(pairs[k] >> 32);
                int tf = (int)pairs[k];
                double rounded = ScoreMillis(idf[term], tf, k1, b, fieldLength, fieldAvg, fb, db) / 1000;
                if (k > 0) o.Byte((byte)',');
                o.Int(term);
                o.Byte((byte)',');
                o.Number(rounded);
            }
            o.Raw("]]"u8);
        }
    }

    /// <summary>A field vector element (lunr's createFieldVectors) times 1000: <c>Math.round(score * 1000)</c>, an integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double ScoreMillis(double idf, int tf, double k1, double b, double fieldLength, double fieldAvg, double fieldBoost, double docBoost)
    {
        double score = idf * ((k1 + 1) * tf) / (k1 * (1 - b + b * (fieldLength / fieldAvg)) + tf);
        score *= fieldBoost;
        score *= docBoost;
        return JsCompat.Round(score * 1000);
    }

    /// <summary>
    /// Sorts distinct longs ascending. Hand-written (insertion sort for short runs, median-of-three
    /// quicksort above) because the BCL's generic span sort for long starts out as tier-0 code in a
    /// fresh process and this runs once per build.
    /// </summary>
    [MethodImpl(Site.Core.HotLoop.Options)]
    internal static void SortLongs(Span<long> a)
    {
        while (a.Length > 24)
        {
            int mid = a.Length >> 1, last = a.Length - 1;
            if (a[mid] < a[0]) (a[mid], a[0]) = (a[0], a[mid]);
            if (a[last] < a[0]) (a[last], a[0]) = (a[0], a[last]);
            if (a[last] < a[mid]) (a[last], a[mid]) = (a[mid], a[last]);
            long pivot = a[mid];
            int i = 0, j = last;
            while (i <= j)
            {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }
            // recurse into the smaller part, loop on the larger
            if (j + 1 < a.Length - i)
            {
                SortLongs(a[..(j + 1)]);
                a = a[i..];
            }
            else
            {
                SortLongs(a[i..]);
                a = a[..(j + 1)];
            }
        }
        for (int i = 1; i < a.Length; i++)
        {
            long v = a[i];
            int k = i - 1;
            while (k >= 0 && a[k] > v)
            {
                a[k + 1] = a[k];
                k--;
            }
            a[k + 1] = v;
        }
    }

    /// <summary>What writing the postings needs: entries grouped by (term, field), terms in sorted order, key bytes and orders.</summary>
    private sealed class PostingState
    {
        public int[] GroupStart = null!, Grouped = null!, Sorted = null!;
        public string[] TermArr = null!;
        public bool[] RefIsIndex = null!;
        public ulong[] RefIndexValue = null!;
        public byte[][] FieldKey = null!;
        public int[][] KeysByCreated = null!;
    }

    private PostingState PreparePostings(WriteState st)
    {
        int fieldCount = st.FieldCount;
        int termCount = _terms.Count;
        var ps = new PostingState { GroupStart = new int[termCount * fieldCount + 1] };
        ps.Grouped = GroupPostings(ps.GroupStart, fieldCount);

        ps.RefIsIndex = new bool[_refs.Count];
        ps.RefIndexValue = new ulong[_refs.Count];
        RefIndexValues(ps.RefIsIndex, ps.RefIndexValue);
        ps.FieldKey = new byte[fieldCount][];
        for (int f = 0; f < fieldCount; f++) ps.FieldKey[f] = Encoding.UTF8.GetBytes(JsCompat.JsonString(_fieldNames[f]) + ":{");
        // posting key order per "fields at creation" count: "_index" (-1) and the fields, in Object.keys order
        ps.KeysByCreated = new int[fieldCount + 1][];
        foreach (int created in _termFieldCount)
        {
            if (ps.KeysByCreated[created] != null) continue;
            var names = new List<string> { "_index" };
            var ids = new List<int> { -1 };
            // the posting's fields were inserted in Object.keys(_fields) order of that time
            foreach (var f in JsKeyOrder(_fieldNames.GetRange(0, created))) { names.Add(_fieldNames[f]); ids.Add(f); }
            var order = JsKeyOrder(names);
            var keys = new int[order.Length];
            for (int k = 0; k < order.Length; k++) keys[k] = ids[order[k]];
            ps.KeysByCreated[created] = keys;
        }

        ps.Sorted = new int[termCount];
        for (int t = 0; t < termCount; t++) ps.Sorted[t] = t;
        ps.TermArr = _terms.ToArray();
        Array.Sort(ps.TermArr, ps.Sorted, StringComparer.Ordinal);
        return ps;
    }

    /// <summary>Groups the posting entries by (term, field) with a stable counting sort: refs of group g are <c>grouped[groupStart[g] .. groupStart[g + 1])</c>.</summary>
    [MethodImpl(Site.Core.HotLoop.Options)]
    private int[] GroupPostings(int[] groupStart, int fieldCount)
    {
        int[] grouped;
        if (_triples)
        {
            for (int i = 0; i < _pLen; i++) groupStart[_pTerm[i] * fieldCount + _pField[i] + 1]++;
            for (int g = 1; g < groupStart.Length; g++) groupStart[g] += groupStart[g - 1];
            grouped = new int[_pLen];
            var fill = groupStart.AsSpan(0, groupStart.Length - 1).ToArray();
            for (int i = 0; i < _pLen; i++) grouped[fill[_pTerm[i] * fieldCount + _pField[i]]++] = _pRef[i];
        }
        else
        {
            // every pair of every slot is a posting entry, in slot order
            var slots = CollectionsMarshal.AsSpan(_slots);
            var pairs = _pairs;
            foreach (ref readonly var s in slots)
                for (int k = s.TfStart, e = s.TfStart + s.TfCount; k < e; k++)
                    groupStart[(int)(pairs[k] >> 32) * fieldCount + s.Field + 1]++;
            for (int g = 1; g < groupStart.Length; g++) groupStart[g] += groupStart[g - 1];
            grouped = new int[groupStart[^1]];
            var fill = groupStart.AsSpan(0, groupStart.Length - 1).ToArray();
            foreach (ref readonly var s in slots)
                for (int k = s.TfStart, e = s.TfStart + s.TfCount; k < e; k++)
                    grouped[fill[(int)(pairs[k] >> 32) * fieldCount + s.Field]++] = s.Ref;
        }
        return grouped;
    }

    [MethodImpl(Site.Core.HotLoop.Options)]
    private void RefIndexValues(bool[] isIndex, ulong[] value)
    {
        for (int r = 0; r < _refs.Count; r++)
            if (JsCompat.IsArrayIndex(_refs[r])) { isIndex[r] = true; value[r] = ulong.Parse(_refs[r], System.Globalization.CultureInfo.InvariantCulture); }
    }

    /// <summary>invertedIndex entries of sorted terms [from, to), comma-separated.</summary>
    [MethodImpl(Site.Core.HotLoop.Options)]
    private void WriteTermEntries(JsonOut o, WriteState st, PostingState ps, int from, int to)
    {
        var termArr = ps.TermArr;
        var sorted = ps.Sorted;
        var groupStart = ps.GroupStart;
        var grouped = ps.Grouped;
        var fieldKey = ps.FieldKey;
        int fieldCount = st.FieldCount;
        var scratch = new List<int>();
        var scratchOther = new List<int>();
        for (int i = from; i < to; i++)
        {
            int term = sorted[i];
            if (i > from) o.Byte((byte)',');
            o.Byte((byte)'[');
            o.String(termArr[i]);
            o.Raw(",{"u8);
            bool firstKey = true;
            foreach (int f in ps.KeysByCreated[_termFieldCount[term]])
            {
                if (!firstKey) o.Byte((byte)',');
                firstKey = false;
                if (f < 0)
                {
                    o.Raw("\"_index\":"u8);
                    o.Int(term);
                    continue;
                }
                o.Raw(fieldKey[f]);
                int g = term * fieldCount + f;
                var refs = grouped.AsSpan(groupStart[g], groupStart[g + 1] - groupStart[g]);
                WriteRefs(o, refs, ps.RefIsIndex, ps.RefIndexValue, st.RefEntry, scratch, scratchOther);
                o.Byte((byte)'}');
            }
            o.Raw("}]"u8);
        }
    }

    /// <summary>A posting's refs in Object.keys order: array-index refs ascending, then the rest in insertion order.</summary>
    [MethodImpl(Site.Core.HotLoop.Options)]
    private static void WriteRefs(JsonOut o, ReadOnlySpan<int> refs, bool[] isIndex, ulong[] value, byte[][] entry,
        List<int> scratch, List<int> other)
    {
        bool inOrder = true;
        bool seenOther = false;
        ulong last = 0;
        for (int i = 0; i < refs.Length; i++)
        {
            int r = refs[i];
            if (!isIndex[r]) { seenOther = true; continue; }
            if (seenOther || (i > 0 && value[r] <= last)) { inOrder = false; break; }
            last = value[r];
        }
        if (!inOrder)
        {
            scratch.Clear();
            other.Clear();
            foreach (var r in refs) (isIndex[r] ? scratch : other).Add(r);
            scratch.Sort((x, y) => value[x].CompareTo(value[y]));
            scratch.AddRange(other);
            refs = CollectionsMarshal.AsSpan(scratch);
        }
        for (int i = 0; i < refs.Length; i++)
        {
            if (i > 0) o.Byte((byte)',');
            o.Raw(entry[refs[i]]);
        }
    }

    private static byte[] JsonBody(string s)
    {
        bool plain = true;
        foreach (char c in s) if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') { plain = false; break; }
        if (plain)
        {
            var b = new byte[s.Length];
            for (int i = 0; i < s.Length; i++) b[i] = (byte)s[i];
            return b;
        }
        using var o = new JsonOut(s.Length * 3 + 16);
        o.StringBody(s);
        return o.WrittenSpan.ToArray();
    }
}

/// <summary>A built lunr index, serialised like lunr 2.3.9's <c>Index#toJSON</c> + <c>JSON.stringify</c>.</summary>
/// <remarks>
/// The field vectors and postings are computed while writing (lunr's createFieldVectors work happens
/// in <see cref="WriteTo(JsonOut)"/>), so an index is cheap to hold and best written once, straight
/// to its destination with <see cref="WriteTo(Stream)"/> or <see cref="ToUtf8"/>. It is a view of its
/// builder: documents added after <see cref="LunrIndexBuilder.Build"/> show up in what it writes.
/// </remarks>
public sealed class LunrIndex
{
    private readonly LunrIndexBuilder _builder;
    internal LunrIndex(LunrIndexBuilder builder) => _builder = builder;

    public IReadOnlyList<string> Fields => _builder.Fields;

    /// <summary>The JSON as UTF-8 bytes.</summary>
    public byte[] ToUtf8()
    {
        using var o = new JsonOut(1 << 20);
        WriteTo(o);
        return o.WrittenSpan.ToArray();
    }

    /// <summary>Streams the JSON (UTF-8) to <paramref name="stream"/>.</summary>
    public void WriteTo(Stream stream)
    {
        using var o = new JsonOut(stream);
        WriteTo(o);
    }

    public void WriteTo(JsonOut o) => _builder.WriteJson(o);

    public string ToJson()
    {
        using var o = new JsonOut(1 << 20);
        WriteTo(o);
        return Encoding.UTF8.GetString(o.WrittenSpan); // lone surrogates are escaped, so the bytes are valid UTF-8
    }
}
