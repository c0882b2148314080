using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Site.Render.LiquidTags;

/// <summary>A tag the site does not render: its content only, without the tag lines.</summary>
public sealed class LiquidTagBlockRenderer : HtmlObjectRenderer<LiquidTagBlock>
{
    protected override void Write(HtmlRenderer renderer, LiquidTagBlock block) => renderer.WriteChildren(block);
}

/// <summary>A dropped tag line: nothing on the page (the warning says so).</summary>
public sealed class LiquidTagLineRenderer : HtmlObjectRenderer<LiquidTagLine>
{
    protected override void Write(HtmlRenderer renderer, LiquidTagLine block) { }
}
