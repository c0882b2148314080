using System.Collections.Immutable;
using System.Diagnostics;

namespace Site.Core;

/// <summary>A named stage: an ordered list of modules. Stages run in the order read → normalize → render → index → emit.</summary>
public sealed record Stage(string Name, IReadOnlyList<IModule> Modules);

/// <summary>Runs stages in order and records how long each took (the benchmark prints these).</summary>
public sealed class Pipeline
{
    private readonly List<Stage> _stages = new();

    public Pipeline Add(string name, params IModule[] modules) { _stages.Add(new Stage(name, modules)); return this; }
    public IReadOnlyList<Stage> Stages => _stages;

    public ImmutableArray<Note> Run(ImmutableArray<Note> notes, BuildContext ctx)
    {
        foreach (var stage in _stages)
        {
            var sw = Stopwatch.StartNew();
            foreach (var module in stage.Modules)
            {
                ctx.CancellationToken.ThrowIfCancellationRequested();
                notes = module.Execute(notes, ctx);
            }
            ctx.Timings[stage.Name] = ctx.Timings.GetValueOrDefault(stage.Name) + sw.Elapsed.TotalSeconds;
            ctx.Progress?.Invoke(stage.Name, notes.Length);
        }
        return notes;
    }
}
