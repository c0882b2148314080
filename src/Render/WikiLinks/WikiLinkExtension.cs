using Markdig;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;

namespace Site.Render.WikiLinks;

/// <summary>Obsidian wikilinks and embeds (<see cref="WikiLinkInline"/>); resolved by <see cref="LinkResolver"/>.</summary>
public sealed class WikiLinkExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<WikiLinkParser>())
            pipeline.InlineParsers.InsertBefore<LinkInlineParser>(new WikiLinkParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<WikiLinkRenderer>())
            html.ObjectRenderers.Insert(0, new WikiLinkRenderer());
    }
}

public static class WikiLinkPipelineExtensions
{
    /// <summary>Adds Obsidian <c>[[note#heading|text]]</c> links and <c>![[image.png]]</c> embeds.</summary>
    public static MarkdownPipelineBuilder UseWikiLinks(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<WikiLinkExtension>();
        return pipeline;
    }
}
