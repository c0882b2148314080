using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Site.Core;

namespace Site.Index;

/// <summary>
/// Each search document's tokenized fields from the last build (CACHE_DIR/search-tokens.bin), keyed by a
/// hash of the document's four field texts: when one note changed, the index re-tokenizes only the
/// documents whose text changed and replays the others (<see cref="ParallelIndexer"/>); idf, scores and the
/// files are still computed for the whole site. A field is stored as lunr keeps it: its token count and its
/// distinct terms in first-occurrence order with their frequencies, so a replayed document gives the
/// builder exactly what tokenizing it gives (same term order, same index bytes).
/// <para>
/// File: the <see cref="CacheFile"/> frame (magic, fingerprint = this assembly's build and the field order,
/// checksum); the payload is varints: the term table (UTF-8), then per document its hash (16 bytes), the
/// byte length of its block and per field the token count, the number of terms and (term, tf) pairs. Like
/// every cache it is only an accelerator: anything unreadable means "tokenize".
/// </para>
/// </summary>
public sealed class TokenCache
{
    public const string FileName = "search-tokens.bin";
    private const string Magic = "kb-search-tokens/1";

    private readonly byte[] _payload;
    private readonly Dictionary<ContentHash, int> _at; // document hash → offset of its field blocks in _payload

    /// <summary>The stored term table: a document's pairs name terms by their position here.</summary>
    internal string[] Terms { get; }

    private TokenCache(byte[] payload, string[] terms, Dictionary<ContentHash, int> at)
    {
        _payload = payload;
        Terms = terms;
        _at = at;
    }

    public int DocumentCount => _at.Count;

    public static string PathFor(string cacheDir) => Path.Combine(cacheDir, FileName);

    private static string Fingerprint(IReadOnlyList<string> fields) =>
        typeof(TokenCache).Assembly.ManifestModule.ModuleVersionId + "|" + string.Join("/", fields);

    /// <summary>The hash a document is stored under: its field texts in lunr field order, each with its length.</summary>
    internal static ContentHash Hash(ContentHash.Builder hash, string?[] texts, int[] fieldOrder)
    {
        Span<byte> len = stackalloc byte[4];
        foreach (int f in fieldOrder)
        {
            var t = texts[f] ?? "";
            BinaryPrimitives.WriteInt32LittleEndian(len, t.Length);
            hash.Append(len).Append(t.AsSpan());
        }
        return hash.Finish();
    }

    /// <summary>Where the stored fields of the document hashing to <paramref name="hash"/> start (for <see cref="Replay"/>).</summary>
    internal bool TryFind(ContentHash hash, out int at) => _at.TryGetValue(hash, out at);

    /// <summary>
    /// Reads the head of the field stored at <paramref name="at"/> (advanced past it): returns its token count and sets
    /// <paramref name="terms"/> to the number of (term, tf) pairs that follow (<see cref="ReadPair"/>). Thread-safe.
    /// </summary>
    internal int ReadField(ref int at, out int terms)
    {
        var p = _payload;
        int length = (int)Varint(p, ref at);
        terms = (int)Varint(p, ref at);
        return length;
    }

    /// <summary>The next (stored term, tf) pair at <paramref name="at"/>.</summary>
    internal (int Term, int Tf) ReadPair(ref int at)
    {
        var p = _payload;
        int term = (int)Varint(p, ref at);
        int tf = (int)Varint(p, ref at);
        if ((uint)term >= (uint)Terms.Length) throw new InvalidDataException("corrupt token cache");
        return (term, tf);
    }

    private static uint Varint(byte[] p, ref int at)
    {
        uint v = 0;
        int shift = 0;
        while (true)
        {
            byte b = p[at++];
            v |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return v;
            shift += 7;
            if (shift > 28) throw new InvalidDataException("corrupt token cache");
        }
    }

    /// <summary>The cache of the last build, or null when there is none usable (missing, damaged, other build of the generator).</summary>
    public static TokenCache? Load(string? cacheDir, IReadOnlyList<string> fields)
    {
        if (cacheDir is null) return null;
        try
        {
            var path = PathFor(cacheDir);
            if (!File.Exists(path)) return null;
            if (!CacheFile.TryVerify(File.ReadAllBytes(path), out var body)) return null;
            var bytes = body.ToArray();
            int at = 0;
            if (ReadString(bytes, ref at) != Magic || ReadString(bytes, ref at) != Fingerprint(fields)) return null;
            int payloadLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at, 4));
            at += 4;
            if (payloadLength < 0 || payloadLength > bytes.Length - at) return null;
            int end = at + payloadLength, mark = end;
            if (ReadString(bytes, ref mark) != CacheFile.EndMark || mark != bytes.Length) return null;
            var terms = new string[Varint(bytes, ref at)];
            for (int i = 0; i < terms.Length; i++)
            {
                int n = (int)Varint(bytes, ref at);
                terms[i] = Encoding.UTF8.GetString(bytes, at, n);
                at += n;
            }
            int docs = (int)Varint(bytes, ref at);
            var index = new Dictionary<ContentHash, int>(docs);
            for (int d = 0; d < docs; d++)
            {
                var h = ContentHash.Read(bytes.AsSpan(at, ContentHash.Size));
                at += ContentHash.Size;
                int block = (int)Varint(bytes, ref at);
                index.TryAdd(h, at);
                at += block;
            }
            if (at != end) return null;
            return new TokenCache(bytes, terms, index);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or IndexOutOfRangeException
            or ArgumentException or OverflowException or DecoderFallbackException)
        {
            return null;
        }
    }

    private static string ReadString(byte[] b, ref int at)
    {
        int n = (int)Varint(b, ref at);
        var s = Encoding.UTF8.GetString(b, at, n);
        at += n;
        return s;
    }

    /// <summary>
    /// Stores every document of <paramref name="builder"/> (refs "0", "1", … added once each by
    /// <see cref="ParallelIndexer"/>, so slot d·F + i is document d's i-th field in lunr order) under its hash.
    /// Failures are swallowed.
    /// </summary>
    public static void Save(string cacheDir, LunrIndexBuilder builder, ContentHash[] docHashes)
    {
        var fields = builder.Fields;
        int fieldCount = fields.Count;
        if (builder.SlotCount != docHashes.Length * fieldCount) return; // not a plain one-add-per-document build
        var terms = builder.TermList;
        // Sized for the file up front (varint term id + tf ≈ 4 bytes a pair): growing from 1 MB allocated 3x the file.
        var o = new ArrayBufferWriter<byte>((int)Math.Min(Array.MaxLength, 4L * builder.PairCount + 24L * docHashes.Length + 12L * terms.Count + 4096));
        WriteVarint(o, (uint)terms.Count);
        foreach (var t in terms)
        {
            var n = Encoding.UTF8.GetByteCount(t);
            WriteVarint(o, (uint)n);
            o.Advance(Encoding.UTF8.GetBytes(t, o.GetSpan(n)));
        }
        WriteVarint(o, (uint)docHashes.Length);
        var block = new ArrayBufferWriter<byte>(1 << 14);
        for (int d = 0; d < docHashes.Length; d++)
        {
            block.ResetWrittenCount();
            for (int i = 0; i < fieldCount; i++)
            {
                var pairs = builder.SlotPairs(d * fieldCount + i, out int length);
                WriteVarint(block, (uint)length);
                WriteVarint(block, (uint)pairs.Length);
                foreach (long pair in pairs)
                {
                    WriteVarint(block, (uint)(pair >> 32));
                    WriteVarint(block, (uint)pair);
                }
            }
            var h = o.GetSpan(ContentHash.Size);
            docHashes[d].WriteTo(h);
            o.Advance(ContentHash.Size);
            WriteVarint(o, (uint)block.WrittenCount);
            o.Write(block.WrittenSpan);
        }
        CacheFile.Write(PathFor(cacheDir), Magic, Fingerprint(fields), w =>
        {
            w.Write(o.WrittenCount);
            w.Write(o.WrittenSpan);
        });
    }

    private static void WriteVarint(ArrayBufferWriter<byte> o, uint v)
    {
        var span = o.GetSpan(5);
        int k = 0;
        while (v >= 0x80) { span[k++] = (byte)(v | 0x80); v >>= 7; }
        span[k++] = (byte)v;
        o.Advance(k);
    }
}

public sealed partial class LunrIndexBuilder
{
    /// <summary>Field vectors (lunr's fieldRef entries) so far, in insertion order.</summary>
    internal int SlotCount => _slots.Count;

    /// <summary>(term, tf) pairs of all field vectors so far.</summary>
    internal int PairCount => _tfLen;

    /// <summary>Field vector <paramref name="slot"/>: its (term &lt;&lt; 32 | tf) pairs in first-occurrence order, and its token count.</summary>
    internal ReadOnlySpan<long> SlotPairs(int slot, out int length)
    {
        var s = _slots[slot];
        length = s.Length;
        return _pairs.AsSpan(s.TfStart, s.TfCount);
    }

    /// <summary>Terms by id (lunr <c>_index</c>).</summary>
    internal IReadOnlyList<string> TermList => _terms;
}
