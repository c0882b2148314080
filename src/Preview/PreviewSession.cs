using System.Collections.Immutable;
using System.Diagnostics;
using Site.Cli;
using Site.Core;
using Site.Incremental;

namespace Site.Preview;

/// <summary>Outcome of one preview build.</summary>
public sealed record PreviewBuild(
    int Number,
    BuildResult Result,
    ReuseStats Reuse,
    double Milliseconds,
    /// <summary>CPU time the whole process used during the build (all threads; for the benchmark).</summary>
    double CpuMilliseconds,
    /// <summary>Set when the build itself failed (exception, cancelled, --strict); the previous site is still served.</summary>
    string? Failure)
{
    /// <summary>True when only the edited notes' pages were rebuilt (<see cref="FastRebuild"/>).</summary>
    public bool Fast { get; init; }

    public bool Committed => Result.Committed;
    public int Errors => Result.Diagnostics.Count(d => d.Severity == Severity.Error);
    public int Warnings => Result.Diagnostics.Count(d => d.Severity == Severity.Warning);
}

/// <summary>
/// Builds the site again and again, keeping the previous build's per-note results in memory (see
/// <see cref="IncrementalStages"/>). Builds go through <see cref="SiteBuilder"/> and <see cref="SitePipeline"/>
/// like a normal build, so a preview build writes exactly what <c>build</c> would (plus the reload script).
/// Never throws for a bad note or a failing build. Not re-entrant: callers serialize builds.
/// </summary>
public sealed class PreviewSession
{
    private readonly NoteCache _cache = new();
    private readonly object _gate = new();
    private int _number;

    public PreviewSession(BuildOptions options) => Options = options with { Preview = true };

    public BuildOptions Options { get; }
    public NoteCache Cache => _cache;
    public PreviewBuild? Last { get; private set; }

    private SiteState? _state;
    /// <summary>The newest fast build's site-wide work not started yet (a newer one supersedes it: it covers both).</summary>
    private Action? _pending;
    /// <summary>Runs pending site-wide work off the build thread, newest first; null when idle.</summary>
    private Task? _worker;
    private readonly object _workerGate = new();
    private TextWriter _workerLog = TextWriter.Null;
    private volatile bool _stateInvalid;

    /// <summary>
    /// Builds after <paramref name="changedNotes"/> (input-relative paths) were edited: the fast path when
    /// it applies (see <see cref="FastRebuild"/>), else a full incremental build. Null means "anything may
    /// have changed". After a fast build, call <see cref="StartPending"/> once the pages were told to reload
    /// (the search index and list pages are then rewritten in the background).
    /// </summary>
    public PreviewBuild Build(TextWriter log, IReadOnlyCollection<string>? changedNotes, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_stateInvalid) { _state = null; _stateInvalid = false; }
            if (changedNotes is { Count: > 0 } && !Options.Strict && _state is { } state && Last is { Committed: true })
            {
                var sw = Stopwatch.StartNew();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                FastRebuild.Result? fast = null;
                try { fast = FastRebuild.TryRun(state, changedNotes, Options, ct); }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.WriteLine($"preview: fast rebuild failed ({ex.GetType().Name}: {ex.Message}); rebuilding everything");
                }
                if (fast is not null)
                {
                    _state = fast.State;
                    lock (_workerGate) _pending = fast.Finish; // supersedes older work that has not started
                    var stats = new ReuseStats { Notes = state.Rendered.Length, RenderRan = changedNotes.Count, RenderReused = state.Rendered.Length - changedNotes.Count, NormalizeRan = changedNotes.Count, NormalizeReused = state.Rendered.Length - changedNotes.Count };
                    var result = new BuildResult(0, state.Rendered.Length, fast.Pages, fast.Diagnostics, sw.Elapsed.TotalSeconds, fast.Stages, true);
                    var build = new PreviewBuild(++_number, result, stats, sw.Elapsed.TotalMilliseconds,
                        (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds, null) { Fast = true };
                    Last = build;
                    return build;
                }
            }
            // A full build replaces the whole folder: no older site-wide work may write into it afterwards.
            lock (_workerGate) _pending = null;
            WaitForWorker();
            return FullBuild(log, ct);
        }
    }

    /// <summary>True while site-wide work of a fast build is waiting or running.</summary>
    public bool HasPending { get { lock (_workerGate) return _pending is not null || _worker is { IsCompleted: false }; } }

    /// <summary>Starts the pending site-wide work in the background (no-op when there is none or it already runs).</summary>
    public void StartPending(TextWriter log)
    {
        lock (_workerGate)
        {
            _workerLog = log;
            if (_pending is null || _worker is { IsCompleted: false }) return;
            _worker = Task.Run(DrainPending);
        }
    }

    /// <summary>Runs the pending site-wide work to the end (tests, shutdown).</summary>
    public void FinishPending(TextWriter log)
    {
        StartPending(log);
        WaitForWorker();
    }

    private void WaitForWorker()
    {
        Task? w;
        lock (_workerGate) w = _worker;
        try { w?.GetAwaiter().GetResult(); } catch (Exception) { /* reported by the worker */ }
    }

    private void DrainPending()
    {
        while (true)
        {
            Action? work;
            lock (_workerGate)
            {
                work = _pending;
                _pending = null;
                if (work is null) { _worker = null; return; }
            }
            try { work(); }
            catch (Exception ex)
            {
                _workerLog.WriteLine($"preview: updating the site-wide files failed ({ex.GetType().Name}: {ex.Message}); the next full build rewrites them");
                _stateInvalid = true; // the next build is a full one (not _gate: a build may be waiting for us under it)
            }
        }
    }

    public PreviewBuild Build(TextWriter log, CancellationToken ct = default) => Build(log, null, ct);

    private PreviewBuild FullBuild(TextWriter log, CancellationToken ct)
    {
        {
            var sw = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var number = ++_number;
            ReuseStats stats = new();
            ImmutableArray<Note> readNotes = default, renderedNotes = default;
            BuildContext? lastCtx = null;
            _state = null;
            BuildResult result;
            string? failure = null;
            try
            {
                var captured = new StringWriter();
                result = SiteBuilder.Build(Options, captured, quiet: true, ct, ctx =>
                {
                    lastCtx = ctx;
                    return Capture(SitePipeline.CreateIncremental(ctx, _cache, out stats), n => readNotes = n, n => renderedNotes = n);
                });
                if (result.Committed && lastCtx is not null && !readNotes.IsDefault && !renderedNotes.IsDefault)
                    _state = new SiteState(readNotes, renderedNotes, new Dictionary<string, object>(lastCtx.Items, StringComparer.Ordinal), result.Diagnostics);
                log.Write(captured.ToString());
                if (!result.Committed)
                    failure = result.ExitCode == 1 ? "--strict: there were warnings or errors; the previous site is still served"
                        : captured.ToString().Split('\n').LastOrDefault(l => l.Contains(": error: ")) is { } line
                            ? line[(line.IndexOf(": error: ", StringComparison.Ordinal) + 9)..].Trim()
                            : "the build failed; the previous site is still served";
            }
            catch (Exception ex)
            {
                // A bug in any module must not take the preview down. The cache may hold results of the
                // failed build's half; drop it so the next build starts clean.
                _cache.Clear();
                failure = $"the build crashed: {ex.GetType().Name}: {ex.Message}";
                log.WriteLine($"{Options.InputDir}:1: error: {failure}");
                result = new BuildResult(2, 0, 0, new[] { new Diagnostic(Options.InputDir, 1, Severity.Error, failure) }, sw.Elapsed.TotalSeconds, new Dictionary<string, double>(), false);
            }
            if (failure is not null && result.Diagnostics.Count == 0)
                result = result with { Diagnostics = new[] { new Diagnostic(Options.OutputDir, 1, Severity.Error, failure) } };
            var build = new PreviewBuild(number, result, stats, sw.Elapsed.TotalMilliseconds,
                (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds, failure);
            Last = build;
            return build;
        }
    }

    /// <summary>The pipeline with a module at the end of the read and render stages that hands their output to the callbacks.</summary>
    private static Pipeline Capture(Pipeline p, Action<ImmutableArray<Note>> afterRead, Action<ImmutableArray<Note>> afterRender)
    {
        var q = new Pipeline();
        foreach (var stage in p.Stages)
        {
            var modules = stage.Modules.ToList();
            if (stage.Name == "read") modules.Add(new Tap(afterRead));
            if (stage.Name == "render") modules.Add(new Tap(afterRender));
            q.Add(stage with { Modules = modules });
        }
        return q;
    }

    private sealed class Tap(Action<ImmutableArray<Note>> seen) : IModule
    {
        public string Name => "PreviewTap";
        public ImmutableArray<Note> Execute(ImmutableArray<Note> notes, BuildContext ctx) { seen(notes); return notes; }
    }
}
