using System.Collections.Immutable;
using System.Text;
using Site.Core;
using Site.Normalize;

namespace Site.Incremental;

/// <summary>
/// The note cache on disk (<c>CACHE_DIR/notes.bin</c>): one binary file, read at the start of a build and
/// rewritten atomically at the end when anything changed. It is only ever an accelerator: a missing,
/// truncated, foreign or corrupt file is ignored (the build just does all the work), and every entry is
/// tied to a fingerprint of the generator binary and of every option that changes normalize or render
/// output, so a new build of the generator or other options never reuses old results.
/// </summary>
public static class NoteCacheFile
{
    public const string FileName = "notes.bin";
    private const string Magic = "kb-note-cache/3";

    /// <summary>Everything besides a note's own text that its normalize/render results depend on.</summary>
    public static string Fingerprint(BuildOptions o)
    {
        var katex = Render.Mathematics.KatexRenderer.ReadKatexVersion(o.ThemeDir) ?? "none";
        var mvid = typeof(NoteCacheFile).Assembly.ManifestModule.ModuleVersionId;
        return $"{mvid}|{katex}|{o.BaseUrl}|{o.SiteUrl}|{o.FixMath}|{o.MathEnabled}|{o.AllowHtml}|{o.IncludeDrafts}|{o.Preview}|{Path.GetFullPath(o.InputDir)}";
    }

    public static string PathFor(string cacheDir) => System.IO.Path.Combine(cacheDir, FileName);

    /// <summary>Loads the cache, or an empty one when there is none usable.</summary>
    public static NoteCache Load(string cacheDir, string fingerprint)
    {
        var cache = new NoteCache();
        var path = PathFor(cacheDir);
        try
        {
            if (!File.Exists(path)) return cache;
            if (!CacheFile.TryVerify(MappedFile.Open(path), out var payload)) return cache; // damaged: ignored as a whole
            var r = new Reader(payload);
            if (r.ReadString() != Magic || r.ReadString() != fingerprint) return cache;
            var count = Count(r);
            for (int i = 0; i < count; i++) cache.Set(ReadEntry(r));
            if (r.ReadString() != CacheFile.EndMark) cache.Clear();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or EndOfStreamException or FormatException or ArgumentException or OverflowException or IndexOutOfRangeException)
        {
            cache.Clear();
        }
        cache.Dirty = false;
        return cache;
    }

    /// <summary>Writes the cache atomically (temp file + rename); failures only cost the next build time.</summary>
    public static void Save(NoteCache cache, string cacheDir, string fingerprint)
    {
        if (SavePending(cache, cacheDir, fingerprint) is not { } pending) return;
        try { pending.Publish(); cache.Dirty = false; }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { pending.Discard(); }
    }

    /// <summary>
    /// Writes the cache to a temporary file beside <c>notes.bin</c> without publishing it: a build starts this
    /// once the render stage is done (the cache does not change after it) and publishes it at the end, or
    /// discards it when the build failed. Null when it could not be written.
    /// </summary>
    public static AtomicFile.Pending? SavePending(NoteCache cache, string cacheDir, string fingerprint)
    {
        var entries = cache.Entries.OrderBy(e => e.Key.SourcePath, StringComparer.Ordinal).ToList();
        return CacheFile.WritePending(PathFor(cacheDir), Magic, fingerprint, w =>
        {
            w.Write(entries.Count);
            foreach (var e in entries) WriteEntry(w, e);
        });
    }

    private static void WriteEntry(BinaryWriter w, NoteCacheEntry e)
    {
        w.Write(e.Key.SourcePath); w.Write(e.Key.ContentHash); w.Write(e.Key.Url); w.Write(e.Key.OutputPath);
        w.Write(e.Normalized is not null);
        if (e.Normalized is { } n)
        {
            WriteNullable(w, n.Body);
            WriteInts(w, n.LineMap);
            w.Write(n.Title);
            WriteNullable(w, n.Intro);
            w.Write(n.Sections.IsDefault ? 0 : n.Sections.Length);
            if (!n.Sections.IsDefault)
                foreach (var s in n.Sections)
                {
                    w.Write(s.Level); w.Write(s.Number); w.Write(s.Title); w.Write(s.Id); w.Write(s.ShareId);
                    WriteStrings(w, s.Path); w.Write(s.SourceLine); w.Write(s.Text);
                }
        }
        WriteDiagnostics(w, e.NormalizeDiagnostics);
        w.Write(e.HasHtml);
        if (e.Html is not null) w.Write(e.Html);
        else if (e.HasHtml) { w.Write7BitEncodedInt(e.HtmlUtf8.Length); w.Write(e.HtmlUtf8.Span); }
        WriteNullable(w, e.RenderUniverse);
        WriteDiagnostics(w, e.RenderDiagnostics);
        WriteStrings(w, e.UsedAssets);
    }

    private static NoteCacheEntry ReadEntry(Reader r)
    {
        var key = new NoteKey(r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString());
        NormalizedPart? part = null;
        if (r.ReadBoolean())
        {
            var body = ReadNullable(r);
            var lineMap = ReadInts(r);
            var title = r.ReadString();
            var intro = ReadNullable(r);
            var n = Count(r);
            var sections = ImmutableArray.CreateBuilder<Section>(n);
            for (int i = 0; i < n; i++)
                sections.Add(new Section
                {
                    Level = r.ReadInt32(), Number = r.ReadString(), Title = r.ReadString(), Id = r.ReadString(), ShareId = r.ReadString(),
                    Path = ReadStrings(r), SourceLine = r.ReadInt32(), Text = r.ReadString(),
                });
            part = new NormalizedPart(body, lineMap, title, intro, sections.MoveToImmutable());
        }
        return new NoteCacheEntry
        {
            Key = key,
            Normalized = part,
            NormalizeDiagnostics = ReadDiagnostics(r),
            HtmlUtf8 = r.ReadBoolean() ? r.ReadUtf8() : default,
            RenderUniverse = ReadNullable(r),
            RenderDiagnostics = ReadDiagnostics(r),
            UsedAssets = ReadStrings(r),
        };
    }

    /// <summary>Reads what <see cref="BinaryWriter"/> wrote, from one byte array (BinaryReader.ReadString is slow for long strings).</summary>
    /// <summary>Reads what <see cref="BinaryWriter"/> wrote (BinaryReader.ReadString is slow for long strings).</summary>
    private sealed class Reader(ReadOnlyMemory<byte> memory)
    {
        private int _pos;
        private ReadOnlySpan<byte> Bytes => memory.Span;

        public bool ReadBoolean() => Bytes[_pos++] != 0;

        public int ReadInt32()
        {
            var v = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(Bytes.Slice(_pos, 4));
            _pos += 4;
            return v;
        }

        /// <summary>A string as its UTF-8 bytes (a slice of the file: nothing is decoded or copied).</summary>
        public ReadOnlyMemory<byte> ReadUtf8()
        {
            var len = ReadLength();
            var m = memory.Slice(_pos, len);
            _pos += len;
            return m;
        }

        private int ReadLength()
        {
            var bytes = Bytes;
            int len = 0, shift = 0;
            byte b;
            do
            {
                if (shift > 28) throw new FormatException("corrupt note cache");
                b = bytes[_pos++];
                len |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if (len < 0 || len > bytes.Length - _pos) throw new FormatException("corrupt note cache");
            return len;
        }

        public string ReadString()
        {
            var len = ReadLength();
            var s = len == 0 ? "" : Encoding.UTF8.GetString(Bytes.Slice(_pos, len));
            _pos += len;
            return s;
        }
    }

    /// <summary>
    /// The cache file mapped into memory, read-only: nothing is copied at load, and the HTML slices that
    /// notes keep point into the mapping (pages are read from the page cache when emit writes them). The
    /// mapping lives as long as the process; a later Save replaces the file by rename, which leaves the
    /// mapped inode intact.
    /// </summary>
    private sealed unsafe class MappedFile : System.Buffers.MemoryManager<byte>
    {
        private readonly System.IO.MemoryMappedFiles.MemoryMappedFile _file;
        private readonly System.IO.MemoryMappedFiles.MemoryMappedViewAccessor _view;
        private readonly byte* _ptr;
        private readonly int _length;
        private static readonly System.Collections.Concurrent.ConcurrentBag<MappedFile> Alive = new();

        private MappedFile(string path, long length)
        {
            _file = System.IO.MemoryMappedFiles.MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, System.IO.MemoryMappedFiles.MemoryMappedFileAccess.Read);
            _view = _file.CreateViewAccessor(0, length, System.IO.MemoryMappedFiles.MemoryMappedFileAccess.Read);
            byte* p = null;
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
            _ptr = p + _view.PointerOffset;
            _length = (int)length;
            Alive.Add(this); // never unmapped: notes of this process may hold slices of it
        }

        /// <summary>The file's bytes: mapped when it is big, else read into an array.</summary>
        public static ReadOnlyMemory<byte> Open(string path)
        {
            var length = new FileInfo(path).Length;
            if (length is < 1 << 20 or > int.MaxValue) return File.ReadAllBytes(path);
            try { return new MappedFile(path, length).Memory; }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException) { return File.ReadAllBytes(path); }
        }

        public override Span<byte> GetSpan() => new(_ptr, _length);
        public override System.Buffers.MemoryHandle Pin(int elementIndex = 0) => new(_ptr + elementIndex);
        public override void Unpin() { }
        protected override void Dispose(bool disposing) { }
    }

    private const int MaxCount = 50_000_000;
    private static int Count(Reader r)
    {
        var n = r.ReadInt32();
        return n is < 0 or > MaxCount ? throw new FormatException("corrupt note cache") : n;
    }

    private static void WriteNullable(BinaryWriter w, string? s) { w.Write(s is not null); if (s is not null) w.Write(s); }
    private static string? ReadNullable(Reader r) => r.ReadBoolean() ? r.ReadString() : null;

    private static void WriteInts(BinaryWriter w, ImmutableArray<int> a)
    {
        w.Write(a.IsDefault ? -1 : a.Length);
        if (!a.IsDefault) foreach (var x in a) w.Write(x);
    }
    private static ImmutableArray<int> ReadInts(Reader r)
    {
        var n = r.ReadInt32();
        if (n < 0) return default;
        if (n > MaxCount) throw new FormatException("corrupt note cache");
        var b = ImmutableArray.CreateBuilder<int>(n);
        for (int i = 0; i < n; i++) b.Add(r.ReadInt32());
        return b.MoveToImmutable();
    }

    private static void WriteStrings(BinaryWriter w, ImmutableArray<string> a)
    {
        w.Write(a.IsDefault ? 0 : a.Length);
        if (!a.IsDefault) foreach (var s in a) w.Write(s);
    }
    private static ImmutableArray<string> ReadStrings(Reader r)
    {
        var n = Count(r);
        var b = ImmutableArray.CreateBuilder<string>(n);
        for (int i = 0; i < n; i++) b.Add(r.ReadString());
        return b.MoveToImmutable();
    }

    private static void WriteDiagnostics(BinaryWriter w, ImmutableArray<Diagnostic> a)
    {
        w.Write(a.IsDefault ? 0 : a.Length);
        if (!a.IsDefault) foreach (var d in a) { w.Write(d.Path); w.Write(d.Line); w.Write((int)d.Severity); w.Write(d.Message); }
    }
    private static ImmutableArray<Diagnostic> ReadDiagnostics(Reader r)
    {
        var n = Count(r);
        var b = ImmutableArray.CreateBuilder<Diagnostic>(n);
        for (int i = 0; i < n; i++) b.Add(new Diagnostic(r.ReadString(), r.ReadInt32(), (Severity)r.ReadInt32(), r.ReadString()));
        return b.MoveToImmutable();
    }
}
