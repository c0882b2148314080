namespace Site.Index;

/// <summary>
/// How a large term's postings are stored for exact top-k search (theme/search/top-k.mjs): the
/// <b>head</b> holds the <c>headDocs</c> documents with the largest weight W (the sum of the term's
/// field-vector elements in the document, in millis; ties broken by document order), the <b>tail</b>
/// holds every other document, cut in document order into chunks of <c>tailDocs</c> documents.
/// <see cref="TailMax"/> is the largest W in the tail: a document absent from the head gains at most
/// that much (× the clause boost) from the term, which is the bound the browser stops on. A tail
/// chunk covers the documents from its first document up to the next chunk's, so "is document d in
/// this term, and with which weights?" needs one chunk. A term with fewer than 2 × headDocs documents
/// keeps them all in its head (no tail).
/// </summary>
public sealed class ImpactSplit
{
    /// <summary>Per posting of the term (index − Start[t]): true if its document is in the head.</summary>
    public required bool[] InHead { get; init; }
    /// <summary>Largest W among tail documents (0 when the tail is empty).</summary>
    public required long TailMax { get; init; }
    /// <summary>First document of each tail chunk, ascending.</summary>
    public required int[] TailFirsts { get; init; }

    public static ImpactSplit Of(LunrPostings p, int t, int headDocs, int tailDocs)
    {
        int lo = p.Start[t], hi = p.Start[t + 1];
        var doc = p.Doc;
        var millis = p.Millis;
        // documents of the term with their weight W (pooled: this runs for every large term, thousands per build)
        var docW = System.Buffers.ArrayPool<long>.Shared.Rent(hi - lo);
        var docOf = System.Buffers.ArrayPool<int>.Shared.Rent(hi - lo); // posting → local document number
        try
        {
            Array.Clear(docW, 0, hi - lo);
            int docs = 0;
            for (int i = lo; i < hi; i++)
            {
                if (i == lo || doc[i] != doc[i - 1]) docs++;
                docOf[i - lo] = docs - 1;
                docW[docs - 1] += millis[i];
            }
            var head = new bool[docs];
            if (docs - headDocs < headDocs) Array.Fill(head, true); // a tail smaller than the head is not worth its own files
            else
            {
                var copy = System.Buffers.ArrayPool<long>.Shared.Rent(docs);
                docW.AsSpan(0, docs).CopyTo(copy);
                long cutoff = NthLargest(copy.AsSpan(0, docs), headDocs);
                System.Buffers.ArrayPool<long>.Shared.Return(copy);
                int taken = 0;
                for (int d = 0; d < docs; d++) if (docW[d] > cutoff) { head[d] = true; taken++; }
                for (int d = 0; d < docs && taken < headDocs; d++) if (docW[d] == cutoff) { head[d] = true; taken++; }
            }
            long tailMax = 0;
            var firsts = new List<int>();
            int inChunk = 0;
            for (int i = lo, d = -1; i < hi; i++)
            {
                if (docOf[i - lo] == d) continue;
                d = docOf[i - lo];
                if (head[d]) continue;
                if (docW[d] > tailMax) tailMax = docW[d];
                if (inChunk == 0) firsts.Add(doc[i]);
                if (++inChunk == tailDocs) inChunk = 0;
            }
            var inHead = new bool[hi - lo];
            for (int i = 0; i < inHead.Length; i++) inHead[i] = head[docOf[i]];
            return new ImpactSplit { InHead = inHead, TailMax = tailMax, TailFirsts = firsts.ToArray() };
        }
        finally
        {
            System.Buffers.ArrayPool<long>.Shared.Return(docW);
            System.Buffers.ArrayPool<int>.Shared.Return(docOf);
        }
    }

    /// <summary>The k-th largest value (k ≥ 1) of <paramref name="a"/> (reordered in place): quickselect, O(n).</summary>
    internal static long NthLargest(Span<long> a, int k)
    {
        int lo = 0, hi = a.Length - 1, target = k - 1;
        while (lo < hi)
        {
            long pivot = a[lo + (hi - lo) / 2];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (a[i] > pivot) i++;
                while (a[j] < pivot) j--;
                if (i <= j) { (a[i], a[j]) = (a[j], a[i]); i++; j--; }
            }
            if (target <= j) hi = j;
            else if (target >= i) lo = i;
            else return a[target];
        }
        return a[target];
    }
}
