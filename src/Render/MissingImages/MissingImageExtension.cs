using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html.Inlines;

namespace Site.Render.MissingImages;

/// <summary>Swaps Markdig's <see cref="LinkInlineRenderer"/> for <see cref="MissingImageRenderer"/>.</summary>
public sealed class MissingImageExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline) { }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<MissingImageRenderer>())
            html.ObjectRenderers.Replace<LinkInlineRenderer>(new MissingImageRenderer());
    }
}

public static class MissingImagePipelineExtensions
{
    /// <summary>Images marked missing (<see cref="MissingImage.Mark"/>) render as a placeholder with their alt text.</summary>
    public static MarkdownPipelineBuilder UseMissingImagePlaceholders(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<MissingImageExtension>();
        return pipeline;
    }
}
