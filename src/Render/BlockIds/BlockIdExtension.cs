using Markdig;
using Markdig.Renderers;

namespace Site.Render.BlockIds;

/// <summary>Obsidian block ids (<see cref="BlockIdSyntax"/>): applied to the AST once a document is parsed.</summary>
public sealed class BlockIdExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.BlockParsers.Contains<BlockIdLineParser>()) pipeline.BlockParsers.Add(new BlockIdLineParser());
        pipeline.DocumentProcessed -= BlockIdTransform.Apply;
        pipeline.DocumentProcessed += BlockIdTransform.Apply;
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<BlockIdLineRenderer>())
            html.ObjectRenderers.Insert(0, new BlockIdLineRenderer());
    }
}

public static class BlockIdPipelineExtensions
{
    /// <summary>Adds Obsidian's <c>^id</c> block ids, the targets of <c>[[note#^id]]</c>.</summary>
    public static MarkdownPipelineBuilder UseBlockIds(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<BlockIdExtension>();
        return pipeline;
    }
}
