using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;

namespace Site.Render.Mathematics;

/// <summary>
/// Installs <see cref="DollarMathInlineParser"/> in place of Markdig's <see cref="MathInlineParser"/>, and
/// <see cref="DollarMathBlockParser"/> in place of its <see cref="MathBlockParser"/>, and
/// <see cref="DisplayMathListGuard"/> in place of the list parser (a "- x" line inside an open "$$" is the formula's).
/// Use after UseMathematics() (which still supplies the fenced <c>$$</c> block parser and the renderers).
/// </summary>
public sealed class DollarMathExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        pipeline.InlineParsers.TryRemove<MathInlineParser>();
        if (pipeline.BlockParsers.Find<MathBlockParser>() is { } fence && fence is not DollarMathBlockParser)
            pipeline.BlockParsers.Replace<MathBlockParser>(new DollarMathBlockParser());
        if (pipeline.BlockParsers.Find<Markdig.Parsers.ListBlockParser>() is { } list && list is not DisplayMathListGuard)
        {
            var guard = new DisplayMathListGuard();
            foreach (var item in list.ItemParsers) if (!guard.ItemParsers.Any(x => x.GetType() == item.GetType())) guard.ItemParsers.Add(item);
            pipeline.BlockParsers.Replace<Markdig.Parsers.ListBlockParser>(guard);
        }
        if (!pipeline.InlineParsers.Contains<DollarMathInlineParser>())
            pipeline.InlineParsers.Insert(0, new DollarMathInlineParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer) { }
}

public static class DollarMathPipelineExtensions
{
    /// <summary>$…$ and $$…$$ math that works next to Chinese text (see <see cref="DollarMathInlineParser"/>).</summary>
    public static MarkdownPipelineBuilder UseDollarMath(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<DollarMathExtension>();
        return pipeline;
    }
}
