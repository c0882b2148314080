using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using Site.Core;

namespace Site.Render.Mathematics;

/// <summary>
/// Render stage module: finds every formula in every note's AST ($…$, $$…$$, \(…\), \[…\]), lints it for TeX whose
/// backslash escapes were lost (<see cref="MathLinter"/>; repaired before rendering with --fix-math), renders all
/// distinct formulas with KaTeX in a few batches through one Node process (cached), reports KaTeX errors at their
/// source line, warns about a '$' left unpaired before TeX (<see cref="UnpairedDollars"/>), and stores a <see cref="MathResults"/> in <c>ctx.Items["math"]</c> for <see cref="MathHtml.Install"/>.
/// Notes pass through unchanged. Without Node.js: one warning, and pages show the TeX source.
/// </summary>
public sealed class RenderMath : IModule
{
    /// <summary>Rendered formulas survive between builds of one process (preview rebuilds).</summary>
    private static readonly ConcurrentDictionary<string, MathRendering> SharedMemory = new();

    /// <summary>Forget formulas kept in memory across builds, as a new process would (tests of the disk cache).</summary>
    internal static void ForgetSharedMemory() => SharedMemory.Clear();

    private readonly string? _pathEnv;
    private readonly bool _shareMemory;

    /// <summary>Formula prefetches started ahead of the render stage (<see cref="Prewarm"/>), by theme and cache folder.</summary>
    private static readonly ConcurrentDictionary<string, MathPrefetch> Warm = new(StringComparer.Ordinal);

    /// <summary>
    /// Starts a Node KaTeX worker in the background and renders formulas with it while the notes are normalized
    /// (<see cref="MathPrefetch"/>: its start-up and KaTeX's work overlap the normalize stage instead of following it).
    /// For builds that will render uncached formulas (callers decide); the next <see cref="Execute"/> with the same
    /// theme and cache folder finds the formulas in the cache and reuses the worker, or stops it. Never throws;
    /// without Node or KaTeX, or with math turned off, it does nothing. True when a worker is starting.
    /// </summary>
    public static bool Prewarm(BuildContext ctx)
    {
        if (!ctx.Options.MathEnabled) return false;
        var themeDir = Path.GetFullPath(ctx.Options.ThemeDir);
        if (KatexRenderer.ReadKatexVersion(themeDir) is null || NodeTools.FindNode() is not { } node) return false;
        var cacheDir = ctx.Options.CacheDir;
        var prefetch = Warm.GetOrAdd(WarmKey(ctx), _ => new MathPrefetch(() =>
        {
            var r = new KatexRenderer(themeDir, cacheDir, node, SharedMemory);
            try { r.Start(); return r; } catch (Exception) { r.Dispose(); return null; }
        }, ctx.Options.FixMath, ctx.CancellationToken, PrefetchWorkers(ctx.Parallelism)));
        ctx.Items[Site.Normalize.NormalizeNotes.ParsedHookKey] = (Action<Markdig.Syntax.MarkdownDocument>)prefetch.Offer;
        return true;
    }

    /// <summary>Formulas still waiting for this build's KaTeX worker above which the stages alongside render keep a core
    /// free for it (~0.4 ms each: below this, KaTeX is done within a fraction of a second).</summary>
    public const int KeepCoreBacklog = 1000;

    /// <summary>
    /// Called as the stages that run alongside render (search index, share pages) start: while the prefetch's worker
    /// still has more than <see cref="KeepCoreBacklog"/> formulas to render, they use one thread fewer, so KaTeX, which
    /// render waits for, keeps a core (44%-distinct formulas at 1,000 notes: 6.8–7.4 s instead of 7.4–8.2 s on a loaded
    /// machine); with little left, they use every core (one thread fewer made a single-threaded index the last stage to
    /// finish when the formulas were few).
    /// </summary>
    public static void KeepCoreForMath(BuildContext ctx)
    {
        if (ctx.Parallelism > 1 && Warm.TryGetValue(WarmKey(ctx), out var prefetch) && prefetch.Pending > KeepCoreBacklog)
            ctx.Items[BuildContext.AlongsideParallelismKey] = BesideWorker(ctx.Parallelism);
        else ctx.Items.TryRemove(BuildContext.AlongsideParallelismKey, out _);
    }

    /// <summary>Threads a stage may use while a KaTeX worker needs a core of its own (the notes parsed while formulas are
    /// prefetched; the stages alongside render while many are left): one fewer, unless the build gives way to Node through
    /// thread priorities (<see cref="Site.Core.CpuShare"/>), which leaves Node its core without idling the other threads
    /// (1,000 notes, 7 interleaved pairs: 4.87–5.16 s instead of 5.38–5.54 s).</summary>
    public static int BesideWorker(int parallelism) => Site.Core.CpuShare.Active ? parallelism : Math.Max(1, parallelism - 1);

    /// <summary>Node workers a prefetch may use: a second one only with cores to spare for it (4+). On 2 cores the notes
    /// are parsed on one and a second worker only repeats KaTeX's warm-up (measured: +0.5 s CPU, no faster build).</summary>
    public static int PrefetchWorkers(int parallelism) => parallelism >= 4 ? MaxNodeWorkers : 1;

    private static string WarmKey(BuildContext ctx) => Path.GetFullPath(ctx.Options.ThemeDir) + "\n" + ctx.Options.CacheDir;

    /// <summary>Waits for this build's prefetch, if any, and takes its worker (the caller owns and disposes it).</summary>
    private static List<KatexRenderer> TakeWarm(BuildContext ctx)
    {
        if (!Warm.TryRemove(WarmKey(ctx), out var prefetch)) return new List<KatexRenderer>();
        ctx.Items.TryRemove(Site.Normalize.NormalizeNotes.ParsedHookKey, out _);
        var wait = Stopwatch.StartNew();
        var workers = prefetch.Finish();
        ctx.Timings["math_prefetch_wait"] = wait.Elapsed.TotalSeconds;
        ctx.Timings["math_prefetch_batches"] = prefetch.Batches;
        ctx.Timings["math_prefetch_formulas"] = prefetch.Prefetched;
        ctx.Timings["math_prefetch_workers"] = prefetch.Workers;
        return workers;
    }

    /// <param name="pathEnv">PATH to look for node/npm on (tests); null → the process PATH.</param>
    /// <param name="shareMemoryCache">Keep rendered formulas in memory across builds in this process.</param>
    public RenderMath(string? pathEnv = null, bool shareMemoryCache = true)
    {
        _pathEnv = pathEnv;
        _shareMemory = shareMemoryCache;
    }

    public string Name => "RenderMath";

    /// <summary>At least this many uncached formulas are split across Node workers.</summary>
    public const int ParallelRenderThreshold = 200;
    public const int MaxNodeWorkers = 2;

    /// <summary>Where one-off messages such as "Installing theme packages…" go. Defaults to stderr.</summary>
    public Action<string> ProgressLine { get; init; } = s => Console.Error.WriteLine(s);

    /// <summary>Statistics of the last Execute (for the benchmark and tests).</summary>
    public MathStats LastStats { get; private set; } = new();

    private sealed record Occ(Note Note, MathOccurrence M);

    public ImmutableArray<Note> Execute(ImmutableArray<Note> notes, BuildContext ctx)
    {
        var total = Stopwatch.StartNew();
        var warm = TakeWarm(ctx);
        try { return Run(notes, ctx, total, warm); }
        finally
        {
            // The ones Run did not use (a prefetch worker when every formula was rendered ahead).
            double nodeCpu = 0;
            foreach (var w in warm) { w.Dispose(); nodeCpu += w.NodeCpu.TotalSeconds; }
            if (nodeCpu > 0) ctx.Timings["math_node_cpu"] = ctx.Timings.GetValueOrDefault("math_node_cpu") + nodeCpu;
        }
    }

    private ImmutableArray<Note> Run(ImmutableArray<Note> notes, BuildContext ctx, Stopwatch total, List<KatexRenderer> warm)
    {
        var results = new MathResults();
        ctx.Items[MathResults.ItemKey] = results;
        InstallRendererHook(ctx, results);
        var stats = new MathStats();
        LastStats = stats;

        // 1. Collect.
        var occs = new List<Occ>();
        foreach (var note in notes)
        {
            if (note.Ast is null) continue;
            foreach (var m in MathSource.Find(note.Ast)) occs.Add(new Occ(note, m));
            UnpairedDollars.Report(note, note.Ast, ctx.Diagnostics);
        }
        stats.Occurrences = occs.Count;
        // site.yml `math: { enabled: false }`: formulas stay as TeX source (MathHtml's fallback); no lint, no Node.
        if (occs.Count == 0 || !ctx.Options.MathEnabled) return notes;

        // 2. Lint (once per distinct TeX) and decide what TeX each formula is rendered from.
        var lintCache = new Dictionary<string, IReadOnlyList<MathLintFinding>>(StringComparer.Ordinal);
        var renderTex = new Dictionary<(string, bool), string>();
        var repairedLines = new Dictionary<string, (Note Note, SortedSet<int> Lines, int Count)>(StringComparer.Ordinal);
        foreach (var o in occs)
        {
            if (!lintCache.TryGetValue(o.M.Tex, out var findings))
                lintCache[o.M.Tex] = findings = MathLinter.Lint(o.M.Tex);
            var tex = o.M.Tex;
            if (findings.Count > 0)
            {
                stats.LintFindings += findings.Count;
                if (ctx.Options.FixMath)
                {
                    tex = MathLinter.Repair(o.M.Tex, findings);
                    var path = o.Note.SourcePath;
                    var entry = repairedLines.TryGetValue(path, out var e) ? e : (Note: o.Note, Lines: new SortedSet<int>(), Count: 0);
                    foreach (var f in findings) entry.Lines.Add(LineOf(o, f.Index));
                    repairedLines[path] = (entry.Note, entry.Lines, entry.Count + findings.Count);
                }
                else
                {
                    foreach (var f in findings) ctx.Diagnostics.Warn(o.Note.SourcePath, LineOf(o, f.Index), f.Message);
                }
            }
            renderTex[(o.M.Tex, o.M.Display)] = tex;
        }
        // With --fix-math: one summary per note, so the source still gets fixed eventually without a wall of warnings.
        foreach (var (path, (note, lines, count)) in repairedLines)
        {
            var shown = string.Join(", ", lines.Take(8)) + (lines.Count > 8 ? ", …" : "");
            ctx.Diagnostics.Warn(path, lines.Min,
                $"math: repaired {count} corrupted TeX escape{(count == 1 ? "" : "s")} (--fix-math) on line{(lines.Count == 1 ? "" : "s")} {shown}; fix the source to make this permanent");
        }

        // 3. Render distinct formulas.
        var distinct = renderTex.Select(kv => (Key: kv.Key, Req: new MathRequest(kv.Value, kv.Key.Item2))).ToList();
        stats.Distinct = distinct.Count;
        var themeDir = ctx.Options.ThemeDir;
        var rendered = new MathRendering?[distinct.Count];
        string? failure = null;
        KatexRenderer? renderer = null;
        var extra = new List<KatexRenderer>();
        try
        {
            var memory = _shareMemory ? SharedMemory : null;
            if (KatexRenderer.ReadKatexVersion(themeDir) is not null)
            {
                renderer = new KatexRenderer(themeDir, ctx.Options.CacheDir, nodePath: null, memory);
                for (int i = 0; i < distinct.Count; i++) rendered[i] = renderer.TryGetCached(distinct[i].Req.Tex, distinct[i].Req.Display);
            }
            var misses = Enumerable.Range(0, distinct.Count).Where(i => rendered[i] is null).ToList();
            if (misses.Count > 0)
            {
                var setup = NodeTools.EnsureTheme(themeDir, ProgressLine, _pathEnv);
                if (!setup.Ok) failure = setup.Problem;
                else
                {
                    renderer?.Dispose();
                    renderer = null;
                    // Many cold formulas: one Node worker per core (KaTeX is CPU-bound and the build waits on it).
                    var workers = misses.Count >= ParallelRenderThreshold ? Math.Min(ctx.Parallelism, MaxNodeWorkers) : 1;
                    var parts = Enumerable.Range(0, workers).Select(w => misses.Where((_, k) => k % workers == w).ToList()).ToList();
                    extra = parts.Select(_ =>
                    {
                        // A prewarmed worker if one is there (same theme, cache folder and shared memory cache).
                        if (memory == SharedMemory && _pathEnv is null && warm.Count > 0) { var w = warm[^1]; warm.RemoveAt(warm.Count - 1); return w; }
                        return new KatexRenderer(themeDir, ctx.Options.CacheDir, setup.NodePath, memory);
                    }).ToList();
                    try
                    {
                        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
                        {
                            var got = extra[w].RenderAll(parts[w].Select(i => distinct[i].Req).ToList(), ctx.CancellationToken);
                            for (int j = 0; j < parts[w].Count; j++) rendered[parts[w][j]] = got[j];
                        });
                    }
                    catch (AggregateException ae) when (ae.InnerExceptions.FirstOrDefault(e => e is KatexException) is KatexException ex)
                    {
                        failure = "math rendering failed: " + ex.Message;
                    }
                }
            }
            var all = extra.Concat(renderer is null ? Array.Empty<KatexRenderer>() : new[] { renderer }).ToList();
            stats.NodeRenders = all.Sum(r => r.NodeRenders);
            stats.Batches = all.Sum(r => r.Batches);
            stats.NodeSeconds = all.Count == 0 ? 0 : all.Max(r => r.NodeTime.TotalSeconds);
        }
        finally
        {
            renderer?.Dispose();
            foreach (var r in extra) r.Dispose();
            stats.NodeCpuSeconds = extra.Sum(r => r.NodeCpu.TotalSeconds) + (renderer?.NodeCpu.TotalSeconds ?? 0);
        }

        int unrendered = 0;
        for (int i = 0; i < distinct.Count; i++)
        {
            if (rendered[i] is { } r) results.Set(distinct[i].Key.Item1, distinct[i].Key.Item2, r);
            else unrendered++;
        }
        stats.CacheHits = distinct.Count - unrendered - stats.NodeRenders;
        if (failure is not null)
        {
            results.Available = results.Count > 0;
            var first = occs[0];
            var notesWithMath = occs.Select(o => o.Note.SourcePath).Distinct().Count();
            ctx.Diagnostics.Warn(first.Note.SourcePath, first.Note.SourceLineOf(first.M.BodyLine0),
                $"math: {failure}; {unrendered} formula{(unrendered == 1 ? "" : "s")} in {notesWithMath} note{(notesWithMath == 1 ? "" : "s")} are shown as TeX source");
        }

        // 4. KaTeX errors, at the line of the error inside the formula.
        foreach (var o in occs)
        {
            if (results.Get(o.M.Tex, o.M.Display) is not { Ok: false } bad) continue;
            stats.Errors++;
            var tex = renderTex[(o.M.Tex, o.M.Display)];
            var line = bad.Position is int p && tex == o.M.Tex ? LineOf(o, p) : o.Note.SourceLineOf(o.M.BodyLine0);
            ctx.Diagnostics.Warn(o.Note.SourcePath, line, $"math: {bad.Error} in \"{MathSource.Truncate(tex)}\"");
        }
        stats.TotalSeconds = total.Elapsed.TotalSeconds;
        ctx.Timings["math"] = ctx.Timings.GetValueOrDefault("math") + stats.TotalSeconds;
        if (stats.NodeSeconds > 0) ctx.Timings["math_node"] = ctx.Timings.GetValueOrDefault("math_node") + stats.NodeSeconds;
        if (stats.NodeCpuSeconds > 0) ctx.Timings["math_node_cpu"] = ctx.Timings.GetValueOrDefault("math_node_cpu") + stats.NodeCpuSeconds;
        return notes;
    }

    /// <summary>
    /// Chains <see cref="MathHtml.Install"/> into RenderHtml's renderer-setup hook (ctx.Items["render.setup"]),
    /// keeping any hook another module set before.
    /// </summary>
    private static void InstallRendererHook(BuildContext ctx, MathResults results)
    {
        var previous = ctx.TryGet<Action<Markdig.Renderers.HtmlRenderer>>(RenderHtml.RendererSetupKey);
        ctx.Items[RenderHtml.RendererSetupKey] = (Action<Markdig.Renderers.HtmlRenderer>)(r =>
        {
            previous?.Invoke(r);
            MathHtml.Install(r, results);
        });
    }

    private static int LineOf(Occ o, int indexInTex) =>
        o.Note.SourceLineOf(o.M.BodyLine0 + MathSource.LinesBefore(o.M.Tex, indexInTex));
}

/// <summary>Counters of one RenderMath run.</summary>
public sealed class MathStats
{
    public int Occurrences { get; set; }
    public int Distinct { get; set; }
    public int LintFindings { get; set; }
    public int NodeRenders { get; set; }
    public int CacheHits { get; set; }
    public int Batches { get; set; }
    public int Errors { get; set; }
    public double NodeSeconds { get; set; }
    /// <summary>CPU seconds of the Node workers (KaTeX's own cost, outside this process's CPU time).</summary>
    public double NodeCpuSeconds { get; set; }
    public double TotalSeconds { get; set; }
}
