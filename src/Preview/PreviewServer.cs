using System.Diagnostics;
using System.Net;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Site.Core;

namespace Site.Preview;

/// <summary>Knobs for tests and the benchmark; the CLI uses the defaults.</summary>
public sealed record PreviewServerSettings
{
    /// <summary>Quiet period after the last file event before a rebuild starts.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(40);
    /// <summary>A stream of saves never postpones a rebuild by more than this.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(15);
    public bool Watch { get; init; } = true;
    /// <summary>How often the input folder is checked for being deleted or created again (its watcher is then re-armed).</summary>
    public TimeSpan InputPoll { get; init; } = TimeSpan.FromMilliseconds(500);
}

/// <summary>
/// The live preview: builds once, serves the output folder on 127.0.0.1 (Kestrel), watches the input and
/// theme folders, rebuilds incrementally on change (debounced; one follow-up build if files change during
/// a build) and tells open pages to reload or show diagnostics over Server-Sent Events.
/// </summary>
public sealed class PreviewServer : IAsyncDisposable
{
    private readonly PreviewServerSettings _settings;
    private readonly TextWriter _log;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly List<FileSystemWatcher> _watchers = new();
    private readonly object _changedGate = new();
    private readonly SortedSet<string> _changed = new(StringComparer.Ordinal);
    /// <summary>Input notes that changed since the last build; null once anything else changed (theme, assets, a folder, an unknown change).</summary>
    private SortedSet<string>? _changedNotes = new(StringComparer.Ordinal);
    private readonly string _outputFull;
    private readonly string? _cacheFull;
    private WebApplication? _app;
    private Task? _loop;
    private long _lastEventTicks;
    private int _stopped;

    private PreviewServer(BuildOptions options, TextWriter log, PreviewServerSettings settings)
    {
        Session = new PreviewSession(options);
        _log = TextWriter.Synchronized(log);
        _settings = settings;
        _outputFull = Path.GetFullPath(Session.Options.OutputDir).TrimEnd(Path.DirectorySeparatorChar);
        _cacheFull = Session.Options.CacheDir is { } c ? Path.GetFullPath(c).TrimEnd(Path.DirectorySeparatorChar) : null;
    }

    public PreviewSession Session { get; }
    public PreviewEvents Events { get; } = new();
    public BuildOptions Options => Session.Options;
    public int Port { get; private set; }
    /// <summary>The site's home page, e.g. http://127.0.0.1:5000/kb/.</summary>
    public string Url => $"http://127.0.0.1:{Port}{Options.BaseUrl}";
    public string Origin => $"http://127.0.0.1:{Port}";

    /// <summary>Raised after every build (on the build thread).</summary>
    public event Action<PreviewBuild>? BuildCompleted;

    /// <summary>Builds the site, starts the server (port 0 picks a free port) and starts watching.</summary>
    public static async Task<PreviewServer> StartAsync(BuildOptions options, int port, TextWriter log, PreviewServerSettings? settings = null, CancellationToken ct = default)
    {
        var server = new PreviewServer(options, log, settings ?? new PreviewServerSettings());
        try
        {
            // The port first: a busy port must not cost the user their output folder's rebuild.
            await server.StartHttpAsync(port, ct);
            await Task.Run(() => server.RunBuild("initial build"), ct);
            if (server._settings.Watch) server.StartWatching();
            server._loop = Task.Run(server.RebuildLoopAsync);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    // ---- building ---------------------------------------------------------------------------------

    /// <summary>Asks for a rebuild, as if a file had changed.</summary>
    public void RequestRebuild(string? reason = null) => RequestRebuild(reason, note: null);

    /// <summary><paramref name="note"/>: the input-relative path of the note file that changed, if that is all that changed.</summary>
    private void RequestRebuild(string? reason, string? note)
    {
        lock (_changedGate)
        {
            if (reason is not null) _changed.Add(reason);
            if (note is null) _changedNotes = null;
            else _changedNotes?.Add(note);
        }
        Interlocked.Exchange(ref _lastEventTicks, Stopwatch.GetTimestamp());
        _pending.Writer.TryWrite(true);
    }

    private async Task RebuildLoopAsync()
    {
        var ct = _stopping.Token;
        try
        {
            while (await _pending.Reader.WaitToReadAsync(ct))
            {
                // Debounce: wait until the folder has been quiet for a moment (editors save in bursts).
                var first = Stopwatch.GetTimestamp();
                while (true)
                {
                    var quiet = Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastEventTicks));
                    if (quiet >= _settings.Debounce || Stopwatch.GetElapsedTime(first) >= _settings.MaxDelay) break;
                    await Task.Delay(_settings.Debounce - quiet, ct);
                }
                // Everything signalled so far is covered by this build; anything after sets the flag again
                // and gets exactly one more build.
                _pending.Reader.TryRead(out _);
                string[] changed;
                SortedSet<string>? notes;
                lock (_changedGate)
                {
                    changed = _changed.ToArray(); _changed.Clear();
                    notes = _changedNotes; _changedNotes = new(StringComparer.Ordinal);
                }
                var what = changed.Length == 0 ? "change" : changed.Length <= 3 ? string.Join(", ", changed) : $"{string.Join(", ", changed.Take(3))} and {changed.Length - 3} more";
                await Task.Run(() => RunBuild(what, notes), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (ChannelClosedException) { }
    }

    private void RunBuild(string reason, IReadOnlyCollection<string>? changedNotes = null)
    {
        PreviewBuild build;
        try { build = Session.Build(_log, changedNotes is { Count: > 0 } ? changedNotes : null, _stopping.Token); }
        catch (Exception ex)
        {
            // PreviewSession never throws, but the server must outlive anything.
            _log.WriteLine($"preview: build crashed: {ex.GetType().Name}: {ex.Message}");
            return;
        }
        foreach (var d in build.Result.Diagnostics.Take(50)) _log.WriteLine(d.ToString());
        if (build.Result.Diagnostics.Count > 50) _log.WriteLine($"… and {build.Result.Diagnostics.Count - 50} more");
        _log.WriteLine($"[{DateTime.Now:HH:mm:ss}] {reason}: build #{build.Number} in {build.Milliseconds:0} ms — {build.Result.Notes} notes ({build.Reuse}), "
            + $"{build.Errors} errors, {build.Warnings} warnings"
            + (build.Failure is null ? "" : $" — {build.Failure}"));
        try { Events.BuildFinished(build); } catch (Exception ex) { _log.WriteLine($"preview: cannot notify pages: {ex.Message}"); }
        // A fast build told the pages to reload as soon as the edited pages were written; the search index
        // and list pages follow now, in the background.
        if (build.Fast) Session.StartPending(_log);
        try { BuildCompleted?.Invoke(build); } catch (Exception ex) { _log.WriteLine($"preview: build listener failed: {ex.Message}"); }
    }

    // ---- watching ---------------------------------------------------------------------------------

    private FileSystemWatcher? _inputWatcher;
    private DateTime _inputStamp;
    private Timer? _inputPoll;
    private int _polling;

    private void StartWatching()
    {
        var input = Path.GetFullPath(Options.InputDir);
        if (Directory.Exists(input)) ArmInput(input);
        else _log.WriteLine($"preview: {Options.InputDir} does not exist; watching for it to appear");
        _inputPoll = new Timer(_ => PollInput(input), null, _settings.InputPoll, _settings.InputPoll);

        // The theme: its own files and every folder but node_modules (tens of thousands of folders there).
        var theme = Path.GetFullPath(Options.ThemeDir);
        if (Directory.Exists(theme))
        {
            _watchers.Add(Watch(theme, recursive: false, isInput: false));
            foreach (var dir in Directory.EnumerateDirectories(theme))
            {
                var name = Path.GetFileName(dir);
                if (name is "node_modules" or "bin" or "obj" || name.StartsWith('.')) continue;
                _watchers.Add(Watch(dir, recursive: true, isInput: false));
            }
        }
    }

    private void ArmInput(string input)
    {
        _inputWatcher = Watch(input, recursive: true, isInput: true);
        _inputStamp = Stamp(input);
    }

    private static DateTime Stamp(string dir)
    {
        try { return Directory.GetCreationTimeUtc(dir); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return default; }
    }

    /// <summary>
    /// The input folder may be deleted and created again (a git checkout, a sync tool): its watcher then
    /// watches nothing. While it is gone every build fails with "input folder does not exist" (shown as the
    /// error overlay, the last site still served); once it is back, a new watcher is armed and the site rebuilt.
    /// </summary>
    private void PollInput(string input)
    {
        if (Interlocked.Exchange(ref _polling, 1) == 1 || _stopped == 1) return;
        try
        {
            var exists = Directory.Exists(input);
            if (_inputWatcher is { } w && (!exists || Stamp(input) != _inputStamp))
            {
                try { w.EnableRaisingEvents = false; w.Dispose(); } catch (Exception) { }
                _inputWatcher = null;
                if (!exists)
                {
                    _log.WriteLine($"preview: {Options.InputDir} was deleted; waiting for it to come back");
                    RequestRebuild(Options.InputDir);
                }
            }
            if (_inputWatcher is null && exists)
            {
                ArmInput(input);
                _log.WriteLine($"preview: watching {Options.InputDir} again");
                RequestRebuild(Options.InputDir);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException) { }
        finally { Volatile.Write(ref _polling, 0); }
    }

    private FileSystemWatcher Watch(string dir, bool recursive, bool isInput)
    {
        var w = new FileSystemWatcher(dir)
        {
            IncludeSubdirectories = recursive,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            InternalBufferSize = 64 * 1024,
        };
        void On(string path, bool contentOnly)
        {
            if (IsIgnored(path, dir, isInput)) return;
            var rel = Path.GetRelativePath(isInput ? Path.GetFullPath(Options.InputDir) : Path.GetFullPath(Options.ThemeDir), path).Replace('\\', '/');
            // Only an edit of an existing note file may take the fast path; anything else rebuilds the site.
            var note = isInput && contentOnly && Read.NoteFiles.IsNote(rel) && File.Exists(path) ? rel : null;
            RequestRebuild(rel, note);
        }
        // Saving may write in place (Changed) or write a temp file and rename it over the note (Created /
        // Renamed to the note): both are edits; the session checks the note existed before.
        w.Changed += (_, e) => On(e.FullPath, contentOnly: true);
        w.Created += (_, e) => On(e.FullPath, contentOnly: true);
        w.Deleted += (_, e) => On(e.FullPath, contentOnly: false);
        w.Renamed += (_, e) => { On(e.OldFullPath, contentOnly: false); On(e.FullPath, contentOnly: true); };
        w.Error += (_, e) =>
        {
            // Buffer overflow or the folder went away: rebuild everything (the cache keys still decide what is reused).
            _log.WriteLine($"preview: watcher on {dir}: {e.GetException().Message}; rebuilding");
            RequestRebuild();
            try { if (!w.EnableRaisingEvents && Directory.Exists(dir)) w.EnableRaisingEvents = true; } catch { }
        };
        w.EnableRaisingEvents = true;
        return w;
    }

    private bool IsIgnored(string path, string watchedDir, bool isInput)
    {
        var full = Path.GetFullPath(path);
        bool Under(string? root) => root is not null && (full == root || full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        if (Under(_outputFull) || Under(_cacheFull)) return true;
        var parent = Path.GetDirectoryName(_outputFull);
        if (parent is not null && Path.GetDirectoryName(full) == parent && Path.GetFileName(full).StartsWith("." + Path.GetFileName(_outputFull) + ".", StringComparison.Ordinal))
            return true; // staging / old folders of the atomic swap
        var rel = Path.GetRelativePath(watchedDir, full);
        foreach (var seg in rel.Split(Path.DirectorySeparatorChar))
        {
            if (seg.StartsWith('.') && seg != "..") return true;        // hidden files, editor temp files (.#x, .x.swp)
            if (isInput && seg.StartsWith('_') && Read.NoteFiles.IsSkippedName(seg)) return true; // the reader skips _names (not _index.md, _sidebar.md)
        }
        var name = Path.GetFileName(full);
        return name.EndsWith('~') || name.EndsWith(".swp", StringComparison.Ordinal) || name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase);
    }

    // ---- serving ----------------------------------------------------------------------------------

    private async Task StartHttpAsync(int port, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>(), ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        // Ctrl-C is handled by the command line (it cancels RunAsync's token), not by the host.
        builder.Services.AddSingleton<IHostLifetime, NoConsoleLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, port); // 127.0.0.1 only — never ListenAnyIP, never ::1/localhost resolution
        });
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync(ct);
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
    }

    private sealed class NoConsoleLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var req = http.Request;
        var res = http.Response;
        res.Headers.CacheControl = "no-store";
        res.Headers["X-Content-Type-Options"] = "nosniff";
        try
        {
            if (!LoopbackHost.IsAllowed(req.Headers.Host.ToString()))
            {
                await PlainAsync(http, 421, "misdirected request: the preview answers only to localhost, 127.0.0.1 and [::1]");
                return;
            }
            if (!HttpMethods.IsGet(req.Method) && !HttpMethods.IsHead(req.Method))
            {
                res.Headers.Allow = "GET, HEAD";
                await PlainAsync(http, 405, "method not allowed");
                return;
            }
            var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (req.PathBase + req.Path).ToUriComponent();
            var q = raw.IndexOf('?');
            var pathOnly = q >= 0 ? raw[..q] : raw;
            if (pathOnly == ReloadScript.Path)
            {
                await SendBytesAsync(http, 200, "text/javascript; charset=utf-8", Encoding.UTF8.GetBytes(ReloadScript.Source));
                return;
            }
            if (pathOnly == ReloadScript.EventsPath)
            {
                await EventStreamAsync(http);
                return;
            }
            await ServeFileAsync(http, raw, pathOnly, q >= 0 ? raw[q..] : "");
        }
        catch (OperationCanceledException) { /* client went away or the server is stopping */ }
        catch (IOException) { /* connection reset mid-response */ }
        catch (Exception ex)
        {
            _log.WriteLine($"preview: {req.Method} {req.Path}: {ex.GetType().Name}: {ex.Message}");
            if (!res.HasStarted) { try { await PlainAsync(http, 500, "internal error"); } catch { } }
        }
    }

    private async Task ServeFileAsync(HttpContext http, string raw, string pathOnly, string query)
    {
        // The output folder is swapped on every build; a file resolved just before the swap can vanish
        // before it is opened. Resolve again once in that case.
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var r = StaticFiles.Resolve(raw, Options.OutputDir, Options.BaseUrl);
            switch (r.Kind)
            {
                case PathKind.Bad:
                    await PlainAsync(http, 400, "bad request path");
                    return;
                case PathKind.OutsideBase when r.Segments.Count == 0:
                    Redirect(http, Options.BaseUrl);
                    return;
                case PathKind.Directory when !pathOnly.EndsWith('/'):
                    Redirect(http, StaticFiles.EncodePath(r.Segments, trailingSlash: true) + query);
                    return;
                case PathKind.Directory:
                    if (await TrySendFileAsync(http, 200, Path.Combine(r.FullPath!, "index.html"))) return;
                    if (Directory.Exists(r.FullPath)) { await NotFoundAsync(http); return; } // no directory listings
                    break;
                case PathKind.File:
                    if (await TrySendFileAsync(http, 200, r.FullPath!)) return;
                    break;
                default:
                    await NotFoundAsync(http);
                    return;
            }
            await Task.Delay(15 * (attempt + 1), http.RequestAborted);
        }
        await NotFoundAsync(http);
    }

    private static void Redirect(HttpContext http, string location)
    {
        http.Response.StatusCode = 302;
        http.Response.Headers.Location = location;
    }

    private async Task NotFoundAsync(HttpContext http)
    {
        var page = Path.Combine(_outputFull, "404.html");
        if (!await TrySendFileAsync(http, 404, page)) await PlainAsync(http, 404, "not found");
    }

    /// <summary>Opens and streams a file; false if it does not exist (any more).</summary>
    private static async Task<bool> TrySendFileAsync(HttpContext http, int status, string full)
    {
        FileStream fs;
        try { fs = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous | FileOptions.SequentialScan); }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException) { return false; }
        await using (fs)
        {
            var res = http.Response;
            res.StatusCode = status;
            res.ContentType = StaticFiles.ContentType(full);
            res.ContentLength = fs.Length;
            if (HttpMethods.IsHead(http.Request.Method)) return true;
            await fs.CopyToAsync(res.Body, 64 * 1024, http.RequestAborted);
        }
        return true;
    }

    private static Task SendBytesAsync(HttpContext http, int status, string contentType, byte[] body)
    {
        var res = http.Response;
        res.StatusCode = status;
        res.ContentType = contentType;
        res.ContentLength = body.Length;
        return HttpMethods.IsHead(http.Request.Method) ? Task.CompletedTask : res.Body.WriteAsync(body, http.RequestAborted).AsTask();
    }

    private static Task PlainAsync(HttpContext http, int status, string text) =>
        SendBytesAsync(http, status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text + "\n"));

    private async Task EventStreamAsync(HttpContext http)
    {
        var res = http.Response;
        res.StatusCode = 200;
        res.ContentType = "text/event-stream; charset=utf-8";
        res.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        if (HttpMethods.IsHead(http.Request.Method)) return;

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping.Token);
        var ct = cts.Token;
        var reader = Events.Subscribe(out var unsubscribe);
        try
        {
            await res.StartAsync(ct);
            var hello = new StringBuilder("retry: 1000\n\n").Append(Events.Hello().Format());
            if (Events.LastDiagnostics is { } d) hello.Append(d.Format());
            await WriteEventAsync(res, hello.ToString(), ct);
            while (!ct.IsCancellationRequested)
            {
                var wait = reader.WaitToReadAsync(ct).AsTask();
                var done = await Task.WhenAny(wait, Task.Delay(_settings.Heartbeat, ct));
                if (done != wait)
                {
                    await WriteEventAsync(res, ": ping\n\n", ct);
                    continue;
                }
                if (!await wait) break;
                var sb = new StringBuilder();
                while (reader.TryRead(out var e)) sb.Append(e.Format());
                await WriteEventAsync(res, sb.ToString(), ct);
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        finally { unsubscribe(); }
    }

    private static async Task WriteEventAsync(HttpResponse res, string text, CancellationToken ct)
    {
        await res.Body.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
        await res.Body.FlushAsync(ct);
    }

    // ---- stopping ---------------------------------------------------------------------------------

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        _inputPoll?.Dispose();
        foreach (var w in _watchers.Append(_inputWatcher)) { try { if (w is null) continue; w.EnableRaisingEvents = false; w.Dispose(); } catch { } }
        _watchers.Clear();
        _stopping.Cancel();
        _pending.Writer.TryComplete();
        if (_loop is not null) { try { await _loop.WaitAsync(TimeSpan.FromSeconds(30)); } catch { } }
        try { await Task.Run(() => Session.FinishPending(_log)).WaitAsync(TimeSpan.FromSeconds(30)); } catch { }
        if (_app is not null)
        {
            try { await _app.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)); } catch { }
            try { await _app.DisposeAsync(); } catch { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }
}
