using System.Collections.Immutable;
using System.Text;

namespace Site.Index;

/// <summary>
/// Writes the sharded search index the browser queries (theme/search/sharded-index.mjs reads it). All
/// files but meta.json are gzip-compressed on disk (<see cref="GzipBytes"/>; the browser inflates them):
/// <list type="bullet">
/// <item><c>search/meta.json</c> — {"v":5,"fields":[…],"docs":N,"chunk":C,"shards":[first term of each shard…],
///   "heads":[[term,_index],…]}: "heads" lists every large term (UTF-16 order) with its _index, so a query fetches
///   the heads of its own words while it fetches their dictionary shards (one round trip fewer).</item>
/// <item><c>search/t/{i}.json.gz</c> — the terms from shards[i] (inclusive) to shards[i+1] (exclusive) in
///   UTF-16 order: {"t":[[term,_index,df,postings],…],"s":[[char,[[bigram,df],…]],…]}. postings is one array
///   per field of (document delta, millis) pairs, documents ascending, millis the field-vector element ×
///   1000. A large term is [term,_index,df,0,tailMax,[tail chunk first documents…]] instead: its postings
///   are split by <see cref="ImpactSplit"/> into a head <c>search/p/{_index}.gz</c> (the documents where it
///   weighs most) and tail chunks <c>search/p/{_index}-{c}.gz</c> (<see cref="PostingsBlob"/>), so a query
///   proves its top results exactly from the heads and fetches tail chunks only when the bound requires.
///   "s" lists, for each single CJK character in the shard's range, the bigrams ending with it (most
///   frequent first, at most <see cref="SuffixCap"/>): a single-character query finds them there
///   instead of scanning the dictionary.</item>
/// <item><c>search/d/{k}.json.gz</c> — display data of documents k·C … k·C+C−1:
///   {"notes":[[note,url,title],…],"docs":[[note,sectionTitle,anchor,[ancestors…],text],…]}.
///   text is the section's text (whitespace collapsed, at most <see cref="DisplayTextMax"/> units); a
///   heading-only section shows its first child's text.</item>
/// </list>
/// Shards are cut by an estimate of their JSON size so each is a few KB compressed; the layout is a
/// pure function of the postings and documents (cached and uncached builds are byte-identical).
/// </summary>
public static class WriteSearchShards
{
    public const int FormatVersion = 5;
    public const int ShardBytes = 24_000;
    public const int LargePostings = 1_500;
    /// <summary>Documents in a large term's head, and in each of its tail chunks (<see cref="ImpactSplit"/>).</summary>
    public const int HeadDocs = 1_000;
    public const int TailDocs = 8_000;
    public const int DocChunk = 16;
    public const int DisplayTextMax = 1_200;
    public const int SuffixCap = 24;

    /// <summary>Everything that shapes the files besides the documents (for the product-cache key).</summary>
    public static string LayoutKey => $"{FormatVersion}/{ShardBytes}/{LargePostings}/{HeadDocs}/{TailDocs}/{DocChunk}/{DisplayTextMax}/{SuffixCap}";

    /// <summary>
    /// Writes all files through <paramref name="write"/> (site-relative path, bytes); returns the paths in a
    /// fixed order. The display chunks need no postings: with <paramref name="parallelism"/> &gt; 1 they are
    /// written while <paramref name="postings"/> builds them (as docs.json used to be), meta.json last.
    /// <paramref name="gzip"/> (path, JSON or blob → the file's bytes; default <see cref="GzipBytes.Compress"/>)
    /// lets a caller reuse the compressed bytes of a file whose contents did not change.
    /// </summary>
    public static List<string> Write(Func<LunrPostings> postings, IReadOnlyList<SearchDoc> docs, Action<string, ReadOnlyMemory<byte>> write, int parallelism = 1,
        int shardBytes = ShardBytes, int largePostings = LargePostings, int headDocs = HeadDocs, int tailDocs = TailDocs,
        Func<string, ReadOnlyMemory<byte>, byte[]>? gzip = null)
    {
        gzip ??= Gzip;
        var display = parallelism > 1 ? Task.Run(() => WriteDisplay(docs, write, 1, gzip)) : null;
        List<string> paths;
        byte[] meta;
        try { (paths, meta) = WriteTerms(postings(), docs.Count, write, parallelism, shardBytes, largePostings, headDocs, tailDocs, gzip); }
        finally { display?.Wait(); }
        paths.AddRange(display?.Result ?? WriteDisplay(docs, write, parallelism, gzip));
        write("search/meta.json", meta);
        return paths;
    }

    /// <summary>The display chunks <c>search/d/*.json.gz</c>; returns their paths.</summary>
    public static string[] WriteDisplay(IReadOnlyList<SearchDoc> docs, Action<string, ReadOnlyMemory<byte>> write, int parallelism,
        Func<string, ReadOnlyMemory<byte>, byte[]>? gzip = null)
    {
        gzip ??= Gzip;
        int chunks = (docs.Count + DocChunk - 1) / DocChunk;
        var chunkPaths = new string[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, c =>
        {
            using var o = new JsonOut(1 << 16);
            WriteDocChunk(o, docs, c * DocChunk, Math.Min(docs.Count, (c + 1) * DocChunk));
            chunkPaths[c] = $"search/d/{c}.json.gz";
            write(chunkPaths[c], gzip(chunkPaths[c], o.WrittenMemory));
        });
        return chunkPaths;
    }

    /// <summary>The dictionary shards and large postings; returns their paths (meta.json first, not yet written) and meta.json's bytes.</summary>
    private static (List<string> Paths, byte[] Meta) WriteTerms(LunrPostings p, int docCount, Action<string, ReadOnlyMemory<byte>> write, int parallelism,
        int shardBytes, int largePostings, int headDocs, int tailDocs, Func<string, ReadOnlyMemory<byte>, byte[]> gzip)
    {
        var terms = p.Terms;
        var order = new int[terms.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) => string.CompareOrdinal(terms[a], terms[b]));

        // cut shards
        var shardStart = new List<int> { 0 }; // positions in order
        long size = 0;
        for (int k = 0; k < order.Length; k++)
        {
            int t = order[k];
            int n = p.Start[t + 1] - p.Start[t];
            long est = terms[t].Length * 3 + 24 + (n > largePostings ? 0 : n * 8L);
            if (size > 0 && size + est > shardBytes) { shardStart.Add(k); size = 0; }
            size += est;
        }
        int shardCount = order.Length == 0 ? 1 : shardStart.Count;
        var firstTerms = new string[shardCount];
        for (int s = 0; s < shardCount; s++) firstTerms[s] = s == 0 ? "" : terms[order[shardStart[s]]];

        var df = new int[terms.Length];
        for (int t = 0; t < terms.Length; t++) df[t] = p.DocumentFrequency(t);
        var suffixes = SuffixLists(terms, df, firstTerms);

        var paths = new List<string>();
        var meta = new JsonOut(1 << 12);
        meta.Raw("{\"v\":"u8); meta.Int(FormatVersion);
        meta.Raw(",\"fields\":["u8);
        for (int f = 0; f < p.Fields.Length; f++) { if (f > 0) meta.Byte((byte)','); meta.String(p.Fields[f]); }
        meta.Raw("],\"docs\":"u8); meta.Int(docCount);
        meta.Raw(",\"chunk\":"u8); meta.Int(DocChunk);
        meta.Raw(",\"shards\":["u8);
        for (int s = 0; s < shardCount; s++) { if (s > 0) meta.Byte((byte)','); meta.String(firstTerms[s]); }
        meta.Raw("],\"heads\":["u8);
        bool firstHead = true;
        foreach (int t in order)
        {
            if (p.Start[t + 1] - p.Start[t] <= largePostings) continue;
            if (!firstHead) meta.Byte((byte)',');
            firstHead = false;
            meta.Byte((byte)'['); meta.String(terms[t]); meta.Byte((byte)','); meta.Int(t); meta.Byte((byte)']');
        }
        meta.Raw("]}"u8);
        paths.Add("search/meta.json"); // written last: a preview serving this folder never pairs a new meta.json with old shards

        var shardPaths = new string[shardCount];
        var bigPaths = new List<string>[shardCount];
        Parallel.For(0, shardCount, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, s =>
        {
            int from = order.Length == 0 ? 0 : shardStart[s], to = s + 1 < shardCount ? shardStart[s + 1] : order.Length;
            using var o = new JsonOut(1 << 16); // disposed: its pooled buffer goes back for the next shard
            var big = new List<string>();
            o.Raw("{\"t\":["u8);
            for (int k = from; k < to; k++)
            {
                int t = order[k];
                if (k > from) o.Byte((byte)',');
                o.Byte((byte)'[');
                o.String(terms[t]); o.Byte((byte)',');
                o.Int(t); o.Byte((byte)',');
                o.Int(df[t]); o.Byte((byte)',');
                if (p.Start[t + 1] - p.Start[t] > largePostings)
                {
                    o.Byte((byte)'0');
                    WriteLarge(o, p, t, headDocs, tailDocs, write, big, gzip);
                }
                else WritePostings(o, p, t);
                o.Byte((byte)']');
            }
            o.Raw("],\"s\":["u8);
            bool first = true;
            foreach (var (ch, list) in suffixes[s])
            {
                if (!first) o.Byte((byte)',');
                first = false;
                o.Byte((byte)'['); o.String(ch); o.Raw(",["u8);
                for (int i = 0; i < list.Count; i++)
                {
                    if (i > 0) o.Byte((byte)',');
                    o.Byte((byte)'['); o.String(terms[list[i]]); o.Byte((byte)','); o.Int(df[list[i]]); o.Byte((byte)']');
                }
                o.Raw("]]"u8);
            }
            o.Raw("]}"u8);
            shardPaths[s] = $"search/t/{s}.json.gz";
            write(shardPaths[s], gzip(shardPaths[s], o.WrittenMemory));
            bigPaths[s] = big;
        });
        for (int s = 0; s < shardCount; s++) { paths.Add(shardPaths[s]); paths.AddRange(bigPaths[s]); }
        return (paths, meta.WrittenSpan.ToArray());
    }

    /// <summary>
    /// The rest of a large term's dictionary entry (",tailMax,[firsts…]") and its head and tail files
    /// (<see cref="ImpactSplit"/>, <see cref="PostingsBlob"/>); adds their paths to <paramref name="paths"/> in order.
    /// </summary>
    private static void WriteLarge(JsonOut o, LunrPostings p, int t, int headDocs, int tailDocs, Action<string, ReadOnlyMemory<byte>> write, List<string> paths,
        Func<string, ReadOnlyMemory<byte>, byte[]> gzip)
    {
        var split = ImpactSplit.Of(p, t, headDocs, tailDocs);
        o.Byte((byte)','); o.Int(split.TailMax); o.Raw(",["u8);
        for (int c = 0; c < split.TailFirsts.Length; c++) { if (c > 0) o.Byte((byte)','); o.Int(split.TailFirsts[c]); }
        o.Byte((byte)']');
        int lo = p.Start[t], hi = p.Start[t + 1];
        var blob = _blob ??= new System.Buffers.ArrayBufferWriter<byte>(1 << 14); // one per thread, reused
        blob.ResetWrittenCount();
        PostingsBlob.Write(blob, p, t, lo, hi, split.InHead, head: true);
        var head = $"search/p/{t}.gz";
        write(head, gzip(head, blob.WrittenMemory));
        paths.Add(head);
        var firsts = split.TailFirsts;
        int at = lo;
        for (int c = 0; c < firsts.Length; c++)
        {
            // the postings of documents [firsts[c], firsts[c + 1]): documents ascend within the term
            int end = at;
            int next = c + 1 < firsts.Length ? firsts[c + 1] : int.MaxValue;
            while (end < hi && p.Doc[end] < next) end++;
            blob.ResetWrittenCount();
            PostingsBlob.Write(blob, p, t, at, end, split.InHead, head: false);
            at = end;
            var path = $"search/p/{t}-{c}.gz";
            write(path, gzip(path, blob.WrittenMemory));
            paths.Add(path);
        }
    }

    [ThreadStatic] private static System.Buffers.ArrayBufferWriter<byte>? _blob;

    private static byte[] Gzip(string path, ReadOnlyMemory<byte> data) => GzipBytes.Compress(data.Span);

    /// <summary>[[doc delta, millis, …] per field] for term <paramref name="t"/>.</summary>
    private static void WritePostings(JsonOut o, LunrPostings p, int t)
    {
        o.Byte((byte)'[');
        for (int f = 0; f < p.Fields.Length; f++)
        {
            if (f > 0) o.Byte((byte)',');
            o.Byte((byte)'[');
            int last = 0;
            bool first = true;
            for (int i = p.Start[t]; i < p.Start[t + 1]; i++)
            {
                if (p.Field[i] != f) continue;
                if (!first) o.Byte((byte)',');
                first = false;
                o.Int(p.Doc[i] - last);
                o.Byte((byte)',');
                o.Int(p.Millis[i]);
                last = p.Doc[i];
            }
            o.Byte((byte)']');
        }
        o.Byte((byte)']');
    }

    /// <summary>Per shard: (single CJK character, bigrams ending with it by df descending) for the characters in its range.</summary>
    private static List<(string Char, List<int> Bigrams)>[] SuffixLists(string[] terms, int[] df, string[] firstTerms)
    {
        var byChar = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int t = 0; t < terms.Length; t++)
        {
            var s = terms[t];
            if (!IsCjkBigram(s, out var second)) continue;
            if (!byChar.TryGetValue(second, out var l)) byChar[second] = l = new List<int>();
            l.Add(t);
        }
        var result = new List<(string, List<int>)>[firstTerms.Length];
        for (int i = 0; i < result.Length; i++) result[i] = new();
        foreach (var ch in byChar.Keys.OrderBy(c => c, StringComparer.Ordinal))
        {
            var l = byChar[ch];
            l.Sort((a, b) => df[b] != df[a] ? df[b].CompareTo(df[a]) : string.CompareOrdinal(terms[a], terms[b]));
            int shard = ShardOf(firstTerms, ch);
            result[shard].Add((ch, l.Take(SuffixCap).ToList()));
        }
        return result;
    }

    /// <summary>The last shard whose first term is ≤ <paramref name="term"/> (ordinal).</summary>
    public static int ShardOf(string[] firstTerms, string term)
    {
        int lo = 0, hi = firstTerms.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (string.CompareOrdinal(firstTerms[mid], term) <= 0) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    private static bool IsCjkBigram(string s, out string second)
    {
        second = "";
        if (Rune.DecodeFromUtf16(s, out var a, out int n1) != System.Buffers.OperationStatus.Done || !Tokenizer.IsCjk(a.Value)) return false;
        if (Rune.DecodeFromUtf16(s.AsSpan(n1), out var b, out int n2) != System.Buffers.OperationStatus.Done || !Tokenizer.IsCjk(b.Value)) return false;
        if (n1 + n2 != s.Length) return false;
        second = s.Substring(n1);
        return true;
    }

    private static void WriteDocChunk(JsonOut o, IReadOnlyList<SearchDoc> docs, int from, int to)
    {
        o.Raw("{\"notes\":["u8);
        int lastNote = -1;
        for (int i = from; i < to; i++)
        {
            var d = docs[i];
            if (d.NoteIndex == lastNote) continue;
            if (lastNote >= 0) o.Byte((byte)',');
            lastNote = d.NoteIndex;
            o.Byte((byte)'['); o.Int(d.NoteIndex); o.Byte((byte)','); o.String(d.NoteUrl); o.Byte((byte)','); o.String(d.NoteTitle); o.Byte((byte)']');
        }
        o.Raw("],\"docs\":["u8);
        for (int i = from; i < to; i++)
        {
            var d = docs[i];
            if (i > from) o.Byte((byte)',');
            o.Byte((byte)'[');
            o.Int(d.NoteIndex); o.Byte((byte)',');
            o.String(d.SectionTitle); o.Byte((byte)',');
            o.String(d.Anchor); o.Raw(",["u8);
            var anc = d.Ancestors.IsDefault ? ImmutableArray<string>.Empty : d.Ancestors;
            for (int j = 0; j < anc.Length; j++) { if (j > 0) o.Byte((byte)','); o.String(anc[j]); }
            o.Raw("],"u8);
            var text = _displayBuffer ??= new char[DisplayTextMax + 1];
            o.String(text.AsSpan(0, DisplayText(docs, i, text)));
            o.Byte((byte)']');
        }
        o.Raw("]}"u8);
    }

    [ThreadStatic] private static char[]? _displayBuffer;

    /// <summary>The text shown for document <paramref name="i"/>: its own, or for a heading-only section its first child's.</summary>
    public static string DisplayText(IReadOnlyList<SearchDoc> docs, int i)
    {
        var buffer = new char[DisplayTextMax + 1];
        return new string(buffer, 0, DisplayText(docs, i, buffer));
    }

    /// <summary><see cref="DisplayText(IReadOnlyList{SearchDoc}, int)"/> into <paramref name="dest"/> (DisplayTextMax + 1 long); returns its length.</summary>
    private static int DisplayText(IReadOnlyList<SearchDoc> docs, int i, Span<char> dest)
    {
        var d = docs[i];
        var n = BuildSearchIndex.Excerpt(d.Body, DisplayTextMax, dest);
        if (n > 0 || d.Anchor.Length == 0) return n;
        int depth = d.Ancestors.IsDefault ? 0 : d.Ancestors.Length;
        for (int j = i + 1; j < docs.Count; j++)
        {
            var c = docs[j];
            if (c.NoteIndex != d.NoteIndex || (c.Ancestors.IsDefault ? 0 : c.Ancestors.Length) <= depth) break; // not a descendant
            n = BuildSearchIndex.Excerpt(c.Body, DisplayTextMax, dest);
            if (n > 0) return n;
        }
        return 0;
    }
}
