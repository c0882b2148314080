using System.Collections.Immutable;
using System.Diagnostics;

namespace Site.Core;

/// <summary>
/// A named stage: an ordered list of modules. Stages run in the order read → normalize → render → index → emit.
/// An <paramref name="Alongside"/> stage only writes files and passes its notes through unchanged (the
/// search index): it runs on its own thread while the stages after it run, and the pipeline waits for it at the end.
/// </summary>
public sealed record Stage(string Name, IReadOnlyList<IModule> Modules, bool Alongside = false);

/// <summary>Runs stages in order and records how long each took (the benchmark prints these).</summary>
public sealed class Pipeline
{
    private readonly List<Stage> _stages = new();

    public Pipeline Add(string name, params IModule[] modules) { _stages.Add(new Stage(name, modules)); return this; }
    /// <summary>Adds a stage that runs alongside the later ones (see <see cref="Stage"/>).</summary>
    public Pipeline AddAlongside(string name, params IModule[] modules) { _stages.Add(new Stage(name, modules, Alongside: true)); return this; }
    /// <summary>Adds a stage as it is (same modules and mode), e.g. when a pipeline is rebuilt with some stages wrapped.</summary>
    public Pipeline Add(Stage stage) { _stages.Add(stage); return this; }
    public IReadOnlyList<Stage> Stages => _stages;

    public ImmutableArray<Note> Run(ImmutableArray<Note> notes, BuildContext ctx)
    {
        var alongside = new List<Task>();
        try
        {
            foreach (var stage in _stages)
            {
                if (stage.Alongside)
                {
                    var input = notes;
                    var stageCtx = ctx.Items.TryGetValue(BuildContext.AlongsideParallelismKey, out var p) && p is int limit && limit < ctx.Parallelism
                        ? ctx.WithParallelism(limit) : ctx;
                    alongside.Add(Task.Run(() => RunStage(stage, input, stageCtx)));
                    continue;
                }
                notes = RunStage(stage, notes, ctx);
            }
        }
        finally
        {
            // Never return (or let a failed build end) while an alongside stage still writes.
            try { Task.WaitAll(alongside.ToArray()); }
            catch (AggregateException) when (alongside.Count > 0) { }
        }
        foreach (var t in alongside)
            if (t.Exception is { } ex) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException ?? ex).Throw();
        return notes;
    }

    private static TimeSpan ProcessCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static ImmutableArray<Note> RunStage(Stage stage, ImmutableArray<Note> notes, BuildContext ctx)
    {
        var sw = Stopwatch.StartNew();
        var cpu = stage.Alongside ? TimeSpan.Zero : ProcessCpu();
        var gc = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes();
        foreach (var module in stage.Modules)
        {
            ctx.CancellationToken.ThrowIfCancellationRequested();
            notes = module.Execute(notes, ctx);
        }
        ctx.Timings.AddOrUpdate(stage.Name, sw.Elapsed.TotalSeconds, (_, v) => v + sw.Elapsed.TotalSeconds);
        // CPU seconds of the whole process while the stage ran (a loaded machine stretches wall time, not this).
        // Not for alongside stages, whose time overlaps the next ones'; a stage that records its own keeps it.
        if (!stage.Alongside)
        {
            ctx.Timings.TryAdd(stage.Name + "_cpu", (ProcessCpu() - cpu).TotalSeconds);
            ctx.Timings.TryAdd(stage.Name + "_gc", (GC.GetTotalPauseDuration() - gc).TotalSeconds); // time every thread stood still for the GC
            // MB allocated while the stage ran (all threads, alongside stages included): unlike time, the same on a loaded machine.
            ctx.Timings.TryAdd(stage.Name + "_alloc_mb", Math.Round((GC.GetTotalAllocatedBytes() - allocated) / 1e6, 1));
        }
        if (ctx.Progress is { } progress) lock (ctx.Timings) progress(stage.Name, notes.Length); // alongside stages report from their own thread
        return notes;
    }
}
