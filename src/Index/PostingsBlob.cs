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
        for (int f = 0; f < p.Fields.Length; f++)
        {
            int n = 0;
            for (int i = from; i < to; i++) if (p.Field[i] == f && inHead[i - lo] == head) n++;
            Varint(o, (uint)n);
            int last = 0;
            for (int i = from; i < to; i++)
            {
                if (p.Field[i] != f || inHead[i - lo] != head) continue;
                Varint(o, (uint)(p.Doc[i] - last));
                if (p.Millis[i] < 0) throw new InvalidOperationException($"negative field-vector element for term {p.Terms[t]}");
                Varint(o, (uint)p.Millis[i]);
                last = p.Doc[i];
            }
        }
    }

    private static void Varint(ArrayBufferWriter<byte> o, uint v)
    {
        var span = o.GetSpan(5);
        int k = 0;
        while (v >= 0x80) { span[k++] = (byte)(v | 0x80); v >>= 7; }
        span[k++] = (byte)v;
        o.Advance(k);
    }
}
