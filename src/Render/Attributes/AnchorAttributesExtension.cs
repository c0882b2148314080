using Markdig;
using Markdig.Extensions.GenericAttributes;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax;
using Markdig.Renderers;

namespace Site.Render.Attributes;

/// <summary>Swaps Markdig's <see cref="GenericAttributesParser"/> for <see cref="AnchorAttributesParser"/>. Use right after UseGenericAttributes().</summary>
public sealed class AnchorAttributesExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        var index = pipeline.InlineParsers.FindIndex(p => p.GetType() == typeof(GenericAttributesParser));
        if (index >= 0) pipeline.InlineParsers[index] = new AnchorAttributesParser();
        // Headings and fences take a trailing {…} at block level, before inlines are parsed.
        foreach (var parser in pipeline.BlockParsers)
        {
            if (parser is not IAttributesParseable parseable || parseable.TryParseAttributes is not { } inner) continue;
            parseable.TryParseAttributes = (BlockProcessor processor, ref StringSlice slice, IBlock block) =>
                slice.Length > 0 && AnchorAttributesParser.IsAnchorShaped(slice.Text, slice.Text.LastIndexOf('{', slice.End, slice.Length), slice.End)
                && inner(processor, ref slice, block);
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer) { }
}

public static class AnchorAttributesPipelineExtensions
{
    /// <summary>Generic attributes, but only <c>{#id …}</c> / <c>{.class …}</c> lists (see <see cref="AnchorAttributesParser"/>).</summary>
    public static MarkdownPipelineBuilder UseAnchorAttributes(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.UseGenericAttributes();
        pipeline.Extensions.AddIfNotAlready<AnchorAttributesExtension>();
        return pipeline;
    }
}
