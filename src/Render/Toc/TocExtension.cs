using Markdig;
using Markdig.Parsers;
using Markdig.Renderers;

namespace Site.Render.Toc;

/// <summary>Installs <see cref="TocBlockParser"/> (before the paragraph and link-definition parsers) and <see cref="TocRenderer"/>.</summary>
public sealed class TocExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.BlockParsers.Contains<TocBlockParser>())
            pipeline.BlockParsers.Insert(0, new TocBlockParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<TocRenderer>())
            html.ObjectRenderers.Insert(0, new TocRenderer());
    }
}

public static class TocPipelineExtensions
{
    /// <summary><c>[toc]</c>, <c>[TOC]</c>, <c>[[toc]]</c>, <c>[[TOC]]</c> on a line of their own become the note's table of contents.</summary>
    public static MarkdownPipelineBuilder UseTocMarker(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<TocExtension>();
        return pipeline;
    }
}
