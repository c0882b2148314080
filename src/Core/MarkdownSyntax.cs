using Markdig;
using Site.Render.WikiLinks;
using Site.Render.Attributes;
using Site.Render.Mathematics;
using Site.Render.Toc;
using Site.Render.MissingImages;
using Site.Render.Callouts;
using Site.Render.BlockIds;
using Site.Render.LiquidTags;

namespace Site.Core;

/// <summary>The one Markdig pipeline every stage parses and renders with.</summary>
public static class MarkdownSyntax
{
    /// <summary>
    /// Pipe tables, footnotes, task lists, autolinks, emphasis extras, generic attributes ({#id}),
    /// math ($…$, $$…$$), Obsidian wikilinks and callouts. No AutoIdentifiers: Normalize assigns ids itself (Markdig's drop Chinese).
    /// </summary>
    public static readonly MarkdownPipeline Pipeline = Builder().Build();

    /// <summary>
    /// The same syntax for plain-text notes (<see cref="NoteFormat.PlainText"/>), with raw HTML turned off: a
    /// <c>&lt;script&gt;</c> line in a .txt note is text, shown escaped, whatever <c>--allow-html</c> says.
    /// </summary>
    public static readonly MarkdownPipeline PlainTextPipeline = Builder().DisableHtml().Build();

    /// <summary>The pipeline a note of this format is parsed with.</summary>
    public static MarkdownPipeline For(NoteFormat format) => format == NoteFormat.PlainText ? PlainTextPipeline : Pipeline;

    private static MarkdownPipelineBuilder Builder() => new MarkdownPipelineBuilder()
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
        .UseLiquidTags() // {% note %} … {% endnote %}, {% codeblock %} lines of Hexo/Jekyll posts
        .UseCallouts() // > [!note] Title callouts, > [!NOTE] alerts (real Obsidian vaults)
        .UseBlockIds() // Obsidian ' ^id' block ids, targets of [[note#^id]]
        .UseWikiLinks() // [[note#heading|text]], ![[image.png]] (issue 14); after UseTocMarker, which owns [[toc]]
        .UseAnchorAttributes(); // {#id} / {.class} only (issue 14); must be last
}
