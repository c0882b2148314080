using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Site.Render.Mathematics;

/// <summary>One formula to render.</summary>
public sealed record MathRequest(string Tex, bool Display);

/// <summary>The KaTeX server could not be started, died, or stopped answering.</summary>
public sealed class KatexException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Renders TeX with KaTeX through one long-lived <c>node theme/katex/server.mjs</c> process (started lazily, at most
/// once unless it dies), sending formulas in batches (a line of JSON each; the answers' markup follows a line of JSON
/// unescaped: server.mjs), UTF-8 both ways. Results are cached
/// by the content hash of (KaTeX version, options, compaction table, display, TeX) in memory and, with a cache folder, on disk in
/// <c>&lt;cache&gt;/katex/katex-cache.jsonl</c> (one checksummed line per formula, KaTeX errors included), so rebuilds
/// skip Node entirely when nothing changed. Not thread-safe: one build uses it from one thread.
/// </summary>
public sealed class KatexRenderer : IDisposable
{
    /// <summary>Part of the cache key: change when server.mjs options change.</summary>
    private const string OptionsKey = "htmlAndMathml;throwOnError;strict=ignore;trust=false;v1";

    private readonly string _themeDir;
    private readonly string? _diskCache;
    private readonly string? _nodePath;
    private readonly ConcurrentDictionary<string, MathRendering> _memory;
    private readonly Queue<string> _stderr = new();
    private Process? _process;
    private StreamWriter? _stdin;
    private ByteLineReader? _stdout;
    private int _nextId;
    private int _starts;

    /// <param name="themeDir">The theme folder (holds katex/server.mjs and node_modules/katex).</param>
    /// <param name="cacheDir">Build cache folder (BuildOptions.CacheDir); null → memory cache only.</param>
    /// <param name="nodePath">node executable; null → found on PATH when first needed.</param>
    /// <param name="memoryCache">Share a memory cache across builds in one process (preview); null → private.</param>
    public KatexRenderer(string themeDir, string? cacheDir = null, string? nodePath = null,
        ConcurrentDictionary<string, MathRendering>? memoryCache = null)
    {
        _themeDir = Path.GetFullPath(themeDir);
        _diskCache = cacheDir is null ? null : DiskCacheDir(cacheDir);
        _nodePath = nodePath;
        _memory = memoryCache ?? new ConcurrentDictionary<string, MathRendering>();
        KatexVersion = ReadKatexVersion(themeDir) ?? "unknown";
        _keyPrefix = $"katex {KatexVersion}\n{OptionsKey}\ncompact {KatexCompaction.Fingerprint(_themeDir)}\n";
    }

    private readonly string _keyPrefix;

    /// <summary>Formulas per request line to the server.</summary>
    public int BatchSize { get; init; } = 500;
    /// <summary>How long one batch may take before the server is considered hung.</summary>
    public TimeSpan BatchTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public string KatexVersion { get; }
    /// <summary>Formulas Node actually rendered (cache misses).</summary>
    public int NodeRenders { get; private set; }
    public int MemoryHits { get; private set; }
    public int DiskHits { get; private set; }
    /// <summary>Request lines sent to the server.</summary>
    public int Batches { get; private set; }
    /// <summary>How many times the node process was started (0 when everything came from the cache).</summary>
    public int ProcessStarts => _starts;
    /// <summary>Wall time spent waiting for Node (including start-up).</summary>
    public TimeSpan NodeTime { get; private set; }
    /// <summary>CPU time the Node processes this renderer started used (read when each is stopped).</summary>
    public TimeSpan NodeCpu { get; private set; }

    /// <summary>The installed KaTeX version (theme/node_modules/katex/package.json), or null.</summary>
    public static string? ReadKatexVersion(string themeDir)
    {
        var pj = Path.Combine(themeDir, "node_modules", "katex", "package.json");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(pj));
            return doc.RootElement.TryGetProperty("version", out var v) ? v.GetString() : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException) { return null; }
    }

    public string CacheKey(string tex, bool display)
    {
        var bytes = Encoding.UTF8.GetBytes($"{_keyPrefix}{(display ? 'D' : 'I')}\n{tex}");
        return Site.Core.ContentHash.Of(bytes).ToHex();
    }

    /// <summary>A cached result (memory, then disk) or null.</summary>
    public MathRendering? TryGetCached(string tex, bool display) => TryGetCached(CacheKey(tex, display));

    private MathRendering? TryGetCached(string key)
    {
        if (_memory.TryGetValue(key, out var m)) { MemoryHits++; return m; }
        if (_diskCache is null) return null;
        if (DiskFile.For(_diskCache).TryGet(key, out var r))
        {
            _memory[key] = r; DiskHits++;
            return r;
        }
        return null;
    }

    private void Store(string key, MathRendering r) => Store(key, r, default);

    /// <param name="utf8">The markup as the server sent it (UTF-8), when there is: the disk cache line is made from these bytes.</param>
    private void Store(string key, MathRendering r, ReadOnlySpan<byte> utf8)
    {
        _memory[key] = r;
        if (_diskCache is null) return;
        if (r.Ok && !utf8.IsEmpty) DiskFile.For(_diskCache).AddUtf8(key, r, utf8);
        else DiskFile.For(_diskCache).Add(key, r);
    }

    /// <summary>
    /// The disk cache: one append-only JSON-lines file per cache folder (thousands of tiny files cost
    /// more to create and read than rendering). Loaded once per process; new entries are appended in
    /// one write when a renderer is disposed. A torn or foreign line is skipped.
    /// </summary>
    private sealed class DiskFile
    {
        public const string FileName = "katex-cache.jsonl";
        private static readonly ConcurrentDictionary<string, DiskFile> Files = new(StringComparer.Ordinal);
        private readonly string _path;
        private readonly ConcurrentDictionary<string, MathRendering> _entries = new(StringComparer.Ordinal);
        /// <summary>Lines not yet appended to the file, as UTF-8, one array per line (a growing buffer of all of them
        /// allocated three times their size at 8,500 formulas, in large-object-heap arrays).</summary>
        private List<byte[]> _pending = new();
        [ThreadStatic] private static System.Buffers.ArrayBufferWriter<byte>? _lineBuffer;
        private readonly object _lock = new();

        private DiskFile(string dir)
        {
            _path = Path.Combine(dir, FileName);
            try
            {
                if (!File.Exists(_path)) return;
                foreach (var line in File.ReadLines(_path, Encoding.UTF8))
                {
                    try
                    {
                        using var doc = JsonDocument.Parse(line);
                        var e = doc.RootElement;
                        var k = e.GetProperty("k").GetString()!;
                        if (e.GetProperty("c").GetString() != LineChecksum(k, e.TryGetProperty("h", out var hv) ? hv.GetString() : null,
                                e.TryGetProperty("e", out var ev) ? ev.GetString() : null,
                                e.TryGetProperty("p", out var pv) && pv.ValueKind == JsonValueKind.Number ? pv.GetInt32() : null))
                            continue; // a damaged line (flipped bits, an old format): rendered again
                        _entries[k] = e.TryGetProperty("h", out var h)
                            ? new MathRendering(h.GetString())
                            : MathRendering.Failed(e.GetProperty("e").GetString() ?? "", e.TryGetProperty("p", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : null);
                    }
                    catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException) { }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        }

        /// <summary>Each line carries a checksum of what it holds, so a damaged line is skipped, never published: the
        /// content hash of the UTF-8 of "key\nhtml\nerror\nposition", fed piece by piece (no string of it all).</summary>
        private static string LineChecksum(string key, string? html, string? error, int? position)
        {
            if (string.IsNullOrEmpty(html)) return LineChecksum(key, ReadOnlySpan<byte>.Empty, error, position);
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(html.Length));
            try { return LineChecksum(key, buffer.AsSpan(0, Encoding.UTF8.GetBytes(html, buffer)), error, position); }
            finally { System.Buffers.ArrayPool<byte>.Shared.Return(buffer); }
        }

        /// <inheritdoc cref="LineChecksum(string, string?, string?, int?)"/>
        /// <param name="html">The markup as UTF-8 (empty for an error).</param>
        private static string LineChecksum(string key, ReadOnlySpan<byte> html, string? error, int? position)
        {
            var hash = _lineHash ??= new Site.Core.ContentHash.Builder();
            hash.Append(Encoding.UTF8.GetBytes(key));
            hash.Append("\n"u8);
            hash.Append(html);
            hash.Append("\n"u8);
            if (!string.IsNullOrEmpty(error)) hash.Append(Encoding.UTF8.GetBytes(error));
            hash.Append("\n"u8);
            if (position is int p) hash.Append(Encoding.ASCII.GetBytes(p.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return hash.Finish().ToHex();
        }

        [ThreadStatic] private static Site.Core.ContentHash.Builder? _lineHash;

        public static DiskFile For(string dir) => Files.GetOrAdd(dir, d => new DiskFile(d));

        public static void UnloadAll() => Files.Clear();

        public bool TryGet(string key, out MathRendering r) => _entries.TryGetValue(key, out r!);

        public void Add(string key, MathRendering r)
        {
            if (!_entries.TryAdd(key, r)) return;
            var buffer = _lineBuffer ??= new System.Buffers.ArrayBufferWriter<byte>(64 * 1024);
            buffer.ResetWrittenCount();
            WriteLine(buffer, key, r);
            System.Buffers.BuffersExtensions.Write(buffer, "\n"u8);
            var line = buffer.WrittenSpan.ToArray();
            lock (_lock) _pending.Add(line);
        }

        /// <summary>
        /// <see cref="Add"/> for markup that came as UTF-8 (<paramref name="utf8"/>, the bytes of <c>r.Html</c>): the line is
        /// made from those bytes (checksummed as they are, escaped for JSON where they must be: quote, backslash, control
        /// characters) instead of encoding the string twice more. It reads back as <see cref="Add"/>'s line does.
        /// </summary>
        public void AddUtf8(string key, MathRendering r, ReadOnlySpan<byte> utf8)
        {
            if (!_entries.TryAdd(key, r)) return;
            var line = RawLine(key, utf8);
            lock (_lock) _pending.Add(line);
        }

        internal static byte[] RawLine(string key, ReadOnlySpan<byte> utf8)
        {
            var buffer = _lineBuffer ??= new System.Buffers.ArrayBufferWriter<byte>(64 * 1024);
            buffer.ResetWrittenCount();
            void Raw(ReadOnlySpan<byte> bytes) => System.Buffers.BuffersExtensions.Write(buffer, bytes);
            void Ascii(string text) => buffer.Advance(Encoding.ASCII.GetBytes(text, buffer.GetSpan(text.Length)));
            Raw("{\"k\":\""u8); Ascii(key); Raw("\",\"h\":\""u8);
            var rest = utf8;
            for (int i = rest.IndexOfAny(JsonEscaped); i >= 0; i = rest.IndexOfAny(JsonEscaped))
            {
                Raw(rest[..i]);
                var b = rest[i];
                if (b == (byte)'"') Raw("\\\""u8);
                else if (b == (byte)'\\') Raw("\\\\"u8);
                else Ascii($"\\u{b:x4}");
                rest = rest[(i + 1)..];
            }
            Raw(rest);
            Raw("\",\"c\":\""u8); Ascii(LineChecksum(key, utf8, null, null)); Raw("\"}\n"u8);
            return buffer.WrittenSpan.ToArray();
        }

        /// <summary>The bytes a JSON string cannot hold as they are.</summary>
        private static readonly System.Buffers.SearchValues<byte> JsonEscaped = System.Buffers.SearchValues.Create(
            "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"u8);

        /// <summary>
        /// One cache line: {"k":…,"h":…,"c":…} or {"k":…,"e":…,"p":…,"c":…}, the bytes JsonSerializer writes for those
        /// anonymous objects with relaxed escaping (KaTeX's markup is mostly '&lt;', '&gt;' and '"': escaping the first two
        /// as \u003C doubled the file and the time to write it), written directly (the serializer's first use per process
        /// cost more than the lines).
        /// </summary>
        internal static string Line(string key, MathRendering r)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(256 + (r.Html?.Length ?? 0));
            WriteLine(buffer, key, r);
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        internal static readonly JsonWriterOptions LineOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        private static void WriteLine(System.Buffers.IBufferWriter<byte> buffer, string key, MathRendering r)
        {
            using var w = new Utf8JsonWriter(buffer, LineOptions);
            w.WriteStartObject();
            w.WriteString("k", key);
            if (r.Ok)
            {
                w.WriteString("h", r.Html);
                w.WriteString("c", LineChecksum(key, r.Html, null, null));
            }
            else
            {
                w.WriteString("e", r.Error);
                if (r.Position is int p) w.WriteNumber("p", p); else w.WriteNull("p");
                w.WriteString("c", LineChecksum(key, ReadOnlySpan<byte>.Empty, r.Error, r.Position));
            }
            w.WriteEndObject();
        }

        public void Flush()
        {
            List<byte[]> lines;
            lock (_lock)
            {
                if (_pending.Count == 0) return;
                lines = _pending;
                _pending = new List<byte[]>();
            }
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
                using var f = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16);
                foreach (var line in lines) f.Write(line);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { } // a cache that cannot be written only costs time
        }
    }

    /// <summary>Renders one formula (prefer <see cref="RenderAll"/>: one round-trip for many).</summary>
    public MathRendering Render(string tex, bool display) => RenderAll(new[] { new MathRequest(tex, display) })[0];

    /// <summary>
    /// Renders all formulas: cache hits first, then the distinct misses in batches of <see cref="BatchSize"/>.
    /// Results are in request order. Throws <see cref="KatexException"/> if Node cannot be run or the server dies twice.
    /// </summary>
    public IReadOnlyList<MathRendering> RenderAll(IReadOnlyList<MathRequest> items, CancellationToken ct = default)
    {
        var results = new MathRendering[items.Count];
        var keys = new string[items.Count];
        var misses = Misses(items, keys, new HashSet<string>(StringComparer.Ordinal), results);
        if (misses.Count == 0) return results;

        var rendered = new Dictionary<string, MathRendering>(misses.Count, StringComparer.Ordinal);
        var sw = Stopwatch.StartNew();
        try
        {
            for (int b = 0; b < misses.Count; b += BatchSize)
            {
                ct.ThrowIfCancellationRequested();
                var batch = misses.GetRange(b, Math.Min(BatchSize, misses.Count - b));
                var answers = SendWithRetry(batch.Select(i => items[i]).ToList(), ct);
                for (int j = 0; j < batch.Count; j++)
                {
                    Store(keys[batch[j]], answers[j]);
                    rendered[keys[batch[j]]] = answers[j];
                }
                NodeRenders += batch.Count;
            }
        }
        finally { NodeTime += sw.Elapsed; }
        for (int i = 0; i < results.Length; i++) results[i] ??= rendered[keys[i]];
        return results;
    }

    /// <summary>
    /// The requests to send to Node: the first of each cache key that is neither cached nor in <paramref name="seen"/>
    /// (which it joins), as indexes in request order. Fills <paramref name="keys"/> with every request's key and
    /// <paramref name="hits"/> with every cached rendering (a repeat of a key being sent stays null).
    /// </summary>
    private List<int> Misses(IReadOnlyList<MathRequest> items, string[] keys, HashSet<string> seen, MathRendering?[] hits)
    {
        var misses = new List<int>();
        for (int i = 0; i < items.Count; i++)
        {
            var key = keys[i] = CacheKey(items[i].Tex, items[i].Display);
            if (seen.Contains(key)) continue;
            if (TryGetCached(key) is { } hit) { hits[i] = hit; continue; }
            seen.Add(key);
            misses.Add(i);
        }
        return misses;
    }

    /// <summary>Requests <see cref="RenderAhead"/> keeps queued in Node beyond the one it renders. One was not enough: this
    /// thread, sharing two cores with the index and share pages and stopped by every collection of the .NET heap, often
    /// sent the next request after Node had finished the last (Node idle 1.1 s of 4.6 at 1,000 notes, in gaps of
    /// 8–240 ms). Four were not enough either: a full collection stops this thread for 0.25–0.3 s, and Node finished four
    /// requests (~0.2 s of KaTeX) and sat idle with the generator's other core (perf timeline); twelve (~0.5 s) carry it
    /// through (14 interleaved pairs: render waited for math 0.41 s instead of 0.57 s on average, wall −0.2 s median on a
    /// noisy machine). Twelve requests of 200 formulas are ~150 KB: Node's input pipe is enlarged like its output's
    /// (<see cref="PipeBuffer"/>), so writing them does not block.</summary>
    public const int RequestsAhead = 12;

    /// <summary>
    /// Renders batches as <paramref name="next"/> hands them out (null: no more), keeping <see cref="RequestsAhead"/>
    /// requests ahead: Node renders while this thread reads, parses and caches older answers (one request at a time
    /// left Node idle for a third of the time at 1,000 notes). Cached and repeated formulas are not sent. Results go to
    /// the caches only (the render stage finds them there). Returns the formulas sent; throws <see cref="KatexException"/>
    /// when the server dies (no retry: the caller renders the rest the ordinary way).
    /// </summary>
    public int RenderAhead(Func<List<MathRequest>?> next, CancellationToken ct = default)
    {
        var sent = 0;
        var inFlight = new Queue<(int Id, List<string> Keys)>();
        var sentKeys = new HashSet<string>(StringComparer.Ordinal);
        var sw = Stopwatch.StartNew();
        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var batch = next();
                if (batch is not null)
                {
                    var all = new string[batch.Count];
                    var misses = Misses(batch, all, sentKeys, new MathRendering?[batch.Count]);
                    if (misses.Count > 0)
                    {
                        inFlight.Enqueue((Write(misses.ConvertAll(i => batch[i]), ct), misses.ConvertAll(i => all[i])));
                        sent += misses.Count;
                    }
                }
                // Keep requests queued in Node; read the older answers (all of them at the end).
                while (inFlight.Count > (batch is null ? 0 : RequestsAhead))
                {
                    var (id, keys) = inFlight.Dequeue();
                    Receive(id, keys.Count, ct, storeAs: keys);
                    NodeRenders += keys.Count;
                }
                if (batch is null) return sent;
            }
        }
        finally { NodeTime += sw.Elapsed; }
    }

    private List<MathRendering> SendWithRetry(List<MathRequest> batch, CancellationToken ct)
    {
        try { return Send(batch, ct); }
        catch (KatexException) when (_starts < 2 && !ct.IsCancellationRequested)
        {
            // The server died (out of memory, killed): start it once more and retry this batch.
            StopProcess();
            return Send(batch, ct);
        }
    }

    private List<MathRendering> Send(List<MathRequest> batch, CancellationToken ct) => Receive(Write(batch, ct), batch.Count, ct);

    /// <summary>Sends one request (a batch of formulas) without waiting for its answer; returns its id.</summary>
    private int Write(List<MathRequest> batch, CancellationToken ct)
    {
        EnsureStarted(ct);
        var id = ++_nextId;
        string line;
        using (var ms = new MemoryStream())
        {
            using (var w = new Utf8JsonWriter(ms))
            {
                w.WriteStartObject();
                w.WriteNumber("id", id);
                w.WriteStartArray("items");
                foreach (var it in batch)
                {
                    w.WriteStartObject();
                    w.WriteString("tex", it.Tex);
                    w.WriteBoolean("display", it.Display);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            line = Encoding.UTF8.GetString(ms.ToArray());
        }
        try
        {
            _stdin!.Write(line);
            _stdin.Write('\n');
            _stdin.Flush();
        }
        catch (IOException ex) { throw Died("while sending formulas", ex); }
        Batches++;
        return id;
    }

    /// <summary>Most bytes of markup one answer may announce (~500 times what 200 formulas of real notes take).</summary>
    internal const int MaxAnswerBytes = 256 << 20;

    /// <summary>Reads the answer to request <paramref name="id"/> (answers come in the order the requests were sent): a line
    /// of JSON, then the markup of the rendered formulas, each of its "htmlBytes" bytes (server.mjs). A result with the
    /// markup inside the JSON, as "html" (an earlier theme's server), is read too.</summary>
    /// <param name="storeAs">When given, each result is also cached under its key here (markup from its UTF-8 bytes).</param>
    private List<MathRendering> Receive(int id, int count, CancellationToken ct, IReadOnlyList<string>? storeAs = null)
    {
        var response = ReadLine(ct, "rendering " + count + " formulas");
        using var doc = JsonDocument.Parse(response);
        var root = doc.RootElement;
        if (root.TryGetProperty("fatal", out var fatal)) throw new KatexException("KaTeX server rejected a request: " + fatal.GetString());
        if (!root.TryGetProperty("id", out var rid) || rid.ValueKind != JsonValueKind.Number || rid.GetInt32() != id)
            throw new KatexException($"KaTeX server answered out of order (expected id {id})");
        var arr = root.GetProperty("results");
        if (arr.GetArrayLength() != count)
            throw new KatexException($"KaTeX server returned {arr.GetArrayLength()} results for {count} formulas");
        var list = new List<MathRendering?>(count);
        var lengths = new List<int>(count);
        long markupBytes = 0;
        foreach (var r in arr.EnumerateArray())
        {
            if (r.TryGetProperty("htmlBytes", out var nb) && nb.TryGetInt32(out var n) && n >= 0)
            {
                list.Add(null);
                lengths.Add(n);
                markupBytes += n;
            }
            else if (r.TryGetProperty("html", out var html) && html.ValueKind == JsonValueKind.String)
                list.Add(new MathRendering(html.GetString()));
            else
            {
                var msg = r.TryGetProperty("error", out var e) ? e.GetString() ?? "KaTeX error" : "KaTeX error";
                int? pos = r.TryGetProperty("position", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : null;
                list.Add(MathRendering.Failed(msg, pos));
            }
        }
        // A batch's markup is a few MB; a server announcing more than this is broken, and is not given the memory.
        if (markupBytes > MaxAnswerBytes) throw new KatexException($"KaTeX server announced {markupBytes} bytes of markup for {count} formulas");
        var markup = lengths.Count > 0 ? ReadBlock(ct, (int)markupBytes, "reading the markup of " + lengths.Count + " formulas").Span : default;
        for (int i = 0, at = 0, next = 0; i < list.Count; i++)
        {
            if (list[i] is { } given) { if (storeAs is not null) Store(storeAs[i], given); continue; }
            var bytes = markup.Slice(at, lengths[next++]);
            at += bytes.Length;
            var r = list[i] = new MathRendering(Encoding.UTF8.GetString(bytes));
            if (storeAs is not null) Store(storeAs[i], r, bytes);
        }
        return list!;
    }

    /// <summary>
    /// One line from the server, read by a blocking read on the calling thread. An async read's completion needs a
    /// thread-pool thread, and while the search index and share pages keep the pool busy the worker sat idle for
    /// seconds with Node waiting (1.2 s of a 6 s build at 1,000 notes). A timeout or cancellation kills the server,
    /// which ends the read.
    /// </summary>
    private ReadOnlyMemory<byte> ReadLine(CancellationToken ct, string what) => Read(ct, what, r => r.ReadLine());

    /// <summary>The next <paramref name="count"/> bytes from the server (as <see cref="ReadLine"/>).</summary>
    private ReadOnlyMemory<byte> ReadBlock(CancellationToken ct, int count, string what) => Read(ct, what, r => r.ReadExactly(count));

    private ReadOnlyMemory<byte> Read(CancellationToken ct, string what, Func<ByteLineReader, ReadOnlyMemory<byte>?> read)
    {
        var process = _process;
        int timedOut = 0;
        using var timer = new Timer(_ => { Interlocked.Exchange(ref timedOut, 1); Kill(process); }, null, BatchTimeout, Timeout.InfiniteTimeSpan);
        using var cancel = ct.Register(() => Kill(process));
        ReadOnlyMemory<byte>? line;
        try { line = read(_stdout!); }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            if (ct.IsCancellationRequested) throw new OperationCanceledException(ct);
            if (Volatile.Read(ref timedOut) == 1) throw TimedOut(what);
            throw Died(what, ex as IOException);
        }
        if (line is { } bytes) return bytes;
        if (ct.IsCancellationRequested) throw new OperationCanceledException(ct);
        if (Volatile.Read(ref timedOut) == 1) throw TimedOut(what);
        throw Died(what, null);
    }

    private KatexException TimedOut(string what)
    {
        StopProcess();
        return new KatexException($"KaTeX server did not answer within {BatchTimeout.TotalSeconds:0}s {what}");
    }

    private static void Kill(System.Diagnostics.Process? p)
    {
        try { if (p is { HasExited: false }) p.Kill(entireProcessTree: true); } catch { }
    }

    private KatexException Died(string what, Exception? inner)
    {
        int? code = null;
        try { if (_process is { } p && p.WaitForExit(2000)) { p.WaitForExit(); code = p.ExitCode; } } catch { }
        string tail;
        lock (_stderr) tail = string.Join(" | ", _stderr.TakeLast(6));
        StopProcess();
        return new KatexException(
            $"KaTeX server (node {Path.Combine(_themeDir, "katex", "server.mjs")}) exited{(code is null ? "" : $" with code {code}")} {what}" +
            (tail.Length > 0 ? ": " + tail : ""), inner);
    }

    /// <summary>The size of the pipe Node writes its answers to (tests; -1 when not known or not started).</summary>
    internal int AnswerPipeSize => _process is { } p ? PipeBuffer.Size(p.StandardOutput.BaseStream) : -1;

    /// <summary>The size of the pipe the requests go to Node through (tests; -1 when not known or not started).</summary>
    internal int RequestPipeSize => _process is { } p ? PipeBuffer.Size(p.StandardInput.BaseStream) : -1;

    /// <summary>Starts the Node server now (it is otherwise started by the first render that needs it).</summary>
    public void Start() => EnsureStarted(CancellationToken.None);

    private void EnsureStarted(CancellationToken ct)
    {
        if (_process is { HasExited: false }) return;
        StopProcess();
        var node = _nodePath ?? NodeTools.FindNode() ?? throw new KatexException(NodeTools.NodeMissingMessage);
        var script = Path.Combine(_themeDir, "katex", "server.mjs");
        if (!File.Exists(script)) throw new KatexException($"KaTeX server script not found: {script}");
        var psi = new ProcessStartInfo(node)
        {
            WorkingDirectory = Path.GetDirectoryName(script)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        // KaTeX allocates fast and briefly: V8's default young generation (16 MB semi-spaces) spent ~17 % of Node's time
        // in scavenges; 32 MB ones took ~7 % off Node's CPU and wall time for 8,500 formulas, for ~50 MB more memory.
        psi.ArgumentList.Add("--max-semi-space-size=32");
        psi.ArgumentList.Add(script);
        _starts++;
        try { _process = Process.Start(psi) ?? throw new KatexException($"could not start {node}"); }
        catch (System.ComponentModel.Win32Exception ex) { throw new KatexException($"could not start {node}: {ex.Message}", ex); }
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr) { _stderr.Enqueue(e.Data); while (_stderr.Count > 40) _stderr.Dequeue(); }
        };
        _process.BeginErrorReadLine();
        _stdin = _process.StandardInput;
        PipeBuffer.Enlarge(_process.StandardInput.BaseStream); // RequestsAhead requests fit without blocking this thread
        _stdin.AutoFlush = false;
        _stdout = new ByteLineReader(_process.StandardOutput.BaseStream);
        PipeBuffer.Enlarge(_process.StandardOutput.BaseStream);
        var ready = ReadLine(ct, "while starting");
        string Text() => MathSource.Truncate(Encoding.UTF8.GetString(ready.Span), 200);
        try
        {
            using var doc = JsonDocument.Parse(ready);
            if (!doc.RootElement.TryGetProperty("ready", out var ok) || ok.ValueKind != JsonValueKind.True)
                throw new KatexException("KaTeX server did not report ready: " + Text());
        }
        catch (JsonException) { throw new KatexException("KaTeX server printed something unexpected: " + Text()); }
    }

    private void StopProcess()
    {
        var p = _process;
        _process = null;
        if (p is null) return;
        try { if (!p.HasExited) NodeCpu += p.TotalProcessorTime; } catch { } // /proc of a live process: for --stats-json
        try { _stdin?.Close(); } catch { }
        try { if (!p.WaitForExit(2000)) p.Kill(entireProcessTree: true); } catch { }
        try { p.Dispose(); } catch { }
        _stdin = null;
        _stdout = null;
    }

    /// <summary>Whether <paramref name="cacheDir"/> holds rendered formulas from an earlier build.</summary>
    public static bool HasDiskCache(string cacheDir) => File.Exists(Path.Combine(DiskCacheDir(cacheDir), DiskFile.FileName));

    /// <summary>Where a cache folder keeps rendered formulas.</summary>
    private static string DiskCacheDir(string cacheDir) => Path.Combine(Path.GetFullPath(cacheDir), "katex");

    /// <summary>The disk cache's line for one result (tests compare it with the serializer's).</summary>
    internal static string CacheLine(string key, MathRendering r) => DiskFile.Line(key, r);

    /// <summary>The disk cache's line for markup received as UTF-8 (tests read it back like <see cref="CacheLine"/>'s).</summary>
    internal static string CacheLineFromUtf8(string key, ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(DiskFile.RawLine(key, utf8));

    /// <summary>Forget the loaded disk caches so the next lookup re-reads the file (tests, long-lived hosts).</summary>
    internal static void UnloadDiskCaches() => DiskFile.UnloadAll();

    public void Dispose()
    {
        StopProcess();
        if (_diskCache is not null) DiskFile.For(_diskCache).Flush();
    }
}
