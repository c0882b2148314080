using System.Buffers;

namespace Site.Index;

/// <summary>
/// The binary postings of a large term's head or tail chunk (<c>search/p/*.gz</c>, gzip-compressed):
/// for each field in lunr's order, the number of postings n (varint), then n pairs (document delta,
/// millis) as unsigned LEB128 varints, documents ascending (the first delta is from 0). millis is the
/// field-vector element × 1000 (<see cref="LunrPostings.Millis"/>). Read by theme/search/sharded-index.mjs.
/// </summary>
public static class PostingsBlob
{
    /// <summary>
    /// Writes the postings i in [<paramref name="from"/>, <paramref name="to"/>) of term <paramref name="t"/>
    /// (a range of its documents) whose <paramref name="inHead"/>[i − Start[t]] equals <paramref name="head"/>.
    /// </summary>
    public static void Write(ArrayBufferWriter<byte> o, LunrPostings p, int t, int from, int to, bool[] inHead, bool head)
    {
        int lo = p.Start[t];
        int fields = p.Fields.Length;
        // the chosen postings grouped by field (a stable counting sort keeps documents ascending), then one write
        Span<int> count = fields <= 64 ? stackalloc int[fields + 1] : new int[fields + 1];
        count.Clear();
        var field = p.Field;
        for (int i = from; i < to; i++) if (inHead[i - lo] == head) count[field[i] + 1]++;
        int n = 0;
        for (int f = 0; f < fields; f++) { n += count[f + 1]; count[f + 1] = n; }
        var chosen = ArrayPool<int>.Shared.Rent(Math.Max(1, n));
        try
        {
            for (int i = from; i < to; i++) if (inHead[i - lo] == head) chosen[count[field[i]]++] = i;
            // count[f] is now the end of field f's run (and the start of field f + 1's)
            var span = o.GetSpan(5 * fields + 10 * n);
            int k = 0, at = 0;
            var doc = p.Doc;
            var millis = p.Millis;
            for (int f = 0; f < fields; f++)
            {
                int end = count[f];
                k = Varint(span, k, (uint)(end - at));
                int last = 0;
                for (; at < end; at++)
                {
                    int i = chosen[at];
                    if (millis[i] < 0) throw new InvalidOperationException($"negative field-vector element for term {p.Terms[t]}");
                    k = Varint(span, k, (uint)(doc[i] - last));
                    k = Varint(span, k, (uint)millis[i]);
                    last = doc[i];
                }
            }
            o.Advance(k);
        }
        finally { ArrayPool<int>.Shared.Return(chosen); }
    }

    private static int Varint(Span<byte> span, int k, uint v)
    {
        while (v >= 0x80) { span[k++] = (byte)(v | 0x80); v >>= 7; }
        span[k++] = (byte)v;
        return k;
    }
}
