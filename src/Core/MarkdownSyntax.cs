using Markdig;
using Site.Render.WikiLinks;

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
        .Use<Site.Render.Mathematics.LatexMathDelimitersExtension>() // \(…\) and \[…\] math (issue 5)
        .UseWikiLinks() // [[note#heading|text]], ![[image.png]] (issue 14)
        .UseGenericAttributes() // must be last
        .Build();
}
