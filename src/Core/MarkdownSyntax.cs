using Markdig;
using Site.Render.WikiLinks;
using Site.Render.Attributes;
using Site.Render.Mathematics;
using Site.Render.Toc;
using Site.Render.MissingImages;

namespace Site.Core;

/// <summary>The one Markdig pipeline every stage parses and renders with.</summary>
public static class MarkdownSyntax
{
    /// <summary>
    /// Pipe tables, footnotes, task lists, autolinks, emphasis extras, generic attributes ({#id}),
    /// math ($…$, $$…$$), Obsidian wikilinks. No AutoIdentifiers: Normalize assigns ids itself (Markdig's drop Chinese).
    /// </summary>
    public static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseFootnotes()
        .UseTaskLists()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseMathematics()
        .UseMissingImagePlaceholders() // a missing image shows its alt text, no request (issue 14)
        .UseTocMarker() // [toc] / [[toc]] lines (issue 14)
        .UseDollarMath() // $…$ and $$…$$ next to Chinese text, in place of Markdig's $-parser (issue 14)
        .Use<Site.Render.Mathematics.LatexMathDelimitersExtension>() // \(…\) and \[…\] math (issue 5)
        .UseWikiLinks() // [[note#heading|text]], ![[image.png]] (issue 14); after UseTocMarker, which owns [[toc]]
        .UseAnchorAttributes() // {#id} / {.class} only (issue 14); must be last
        .Build();
}
