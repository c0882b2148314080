using Markdig;
using Markdig.Renderers;

namespace Site.Render.LiquidTags;

/// <summary>Hexo and Jekyll tags on their own lines (<see cref="LiquidTagParser"/>).</summary>
public sealed class LiquidTagExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.BlockParsers.Contains<LiquidTagParser>())
            pipeline.BlockParsers.Insert(0, new LiquidTagParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<LiquidTagBlockRenderer>())
        {
            html.ObjectRenderers.Insert(0, new LiquidTagBlockRenderer());
            html.ObjectRenderers.Insert(0, new LiquidTagLineRenderer());
        }
    }
}

public static class LiquidTagPipelineExtensions
{
    /// <summary>Adds <c>{% note %}</c>, <c>{% codeblock %}</c>, <c>{% blockquote %}</c> … lines of Hexo and Jekyll posts.</summary>
    public static MarkdownPipelineBuilder UseLiquidTags(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<LiquidTagExtension>();
        return pipeline;
    }
}
