using Site.Core;
using Site.Emit;
using Site.Read;
using Site.Render;

namespace Site.Cli;

/// <summary>The site's pipeline, in the one direction data flows. New modules slot into their stage here.</summary>
public static class SitePipeline
{
    public static Pipeline Create(BuildContext ctx) => new Pipeline()
        .Add("read", new ReadNotes())
        .Add("normalize")
        .Add("render", new RenderHtml())
        .Add("index")
        .Add("emit", new EmitSite());
}
