using System.Collections.Immutable;
using Site.Core;

namespace Site.Emit;

/// <summary>
/// Writes every section's share page (<c>s/&lt;id&gt;.html</c>, and one per old id leading to it). A share page has
/// the section's title, description and links, never its HTML, so this runs alongside the render stage, right after
/// normalize (<see cref="Cli.SitePipeline"/>): most of a site's files are written while formulas are still rendered.
/// <see cref="EmitSite"/> made with <c>sharePages: false</c> then writes the note pages only. Notes pass through unchanged.
/// </summary>
public sealed class EmitSharePages : IModule
{
    public string Name => nameof(EmitSharePages);

    public ImmutableArray<Note> Execute(ImmutableArray<Note> notes, BuildContext ctx)
    {
        if (notes.Length == 0) return notes;
        using var site = EmitSite.CreateSite(notes, ctx);
        var parts = System.Collections.Concurrent.Partitioner.Create(0, notes.Length, Math.Max(1, notes.Length / (ctx.Parallelism * 16)));
        Parallel.ForEach(parts, new ParallelOptions { MaxDegreeOfParallelism = ctx.Parallelism, CancellationToken = ctx.CancellationToken }, range =>
        {
            for (int i = range.Item1; i < range.Item2; i++) EmitSite.EmitSharePagesOf(notes[i], site, ctx);
        });
        return notes;
    }
}
