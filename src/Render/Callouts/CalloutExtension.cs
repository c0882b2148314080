using Markdig;
using Markdig.Renderers;

namespace Site.Render.Callouts;

/// <summary>Obsidian callouts and GitHub alerts (<see cref="CalloutBlock"/>): made from block quotes once a document is parsed.</summary>
public sealed class CalloutExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        pipeline.DocumentProcessed -= CalloutTransform.Apply;
        pipeline.DocumentProcessed += CalloutTransform.Apply;
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<CalloutRenderer>())
        {
            html.ObjectRenderers.Insert(0, new CalloutRenderer());
            html.ObjectRenderers.Insert(0, new CalloutTitleRenderer());
        }
    }
}

public static class CalloutPipelineExtensions
{
    /// <summary>Adds <c>&gt; [!note] Title</c> callouts (Obsidian; <c>-</c>/<c>+</c> fold) and <c>&gt; [!NOTE]</c> alerts (GitHub).</summary>
    public static MarkdownPipelineBuilder UseCallouts(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<CalloutExtension>();
        return pipeline;
    }
}
