using Site.Core;
using Site.Emit;
using Site.Incremental;
using Site.Index;
using Site.Links;
using Site.Normalize;
using Site.Normalize.Topics;
using Site.Read;
using Site.Render;
using Site.Render.Mathematics;

namespace Site.Cli;

/// <summary>The site's pipeline, in the one direction data flows. New modules slot into their stage here.</summary>
public static class SitePipeline
{
    public static Pipeline Create(BuildContext ctx) => new Pipeline()
        .Add("read", new ReadNotes())
        .Add("normalize", new NormalizeNotes(), new BuildTopics(), new TrackLinks())
        // The index reads what normalize made (titles, section paths and text), never the HTML, and only writes
        // search/*: it is built while the notes are rendered and the pages emitted.
        .AddAlongside("index", new BuildSearchIndex())
        // Share pages hold a section's title and description, not its HTML: written while notes render, too.
        .AddAlongside("share", new EmitSharePages())
        .Add("render", new RenderMath(), new RenderHtml())
        .Add("emit", new EmitSite(sharePages: false));

    /// <summary>
    /// The same pipeline, reusing per-note results from <paramref name="cache"/> where a note and what it
    /// depends on are unchanged (see <see cref="IncrementalStages"/>). The output is the same as <see cref="Create"/>'s.
    /// </summary>
    public static Pipeline CreateIncremental(BuildContext ctx, NoteCache cache, out ReuseStats stats) =>
        IncrementalStages.Wrap(Create(ctx), cache, ctx, out stats);

    /// <inheritdoc cref="CreateIncremental(BuildContext, NoteCache, out ReuseStats)"/>
    public static Pipeline CreateIncremental(BuildContext ctx, Func<NoteCache> cache, out ReuseStats stats) =>
        IncrementalStages.Wrap(Create(ctx), cache, ctx, out stats);
}
