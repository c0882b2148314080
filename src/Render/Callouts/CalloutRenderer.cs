using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Site.Render.Callouts;

/// <summary>
/// A callout as <c>&lt;aside class="callout callout-note" data-callout="note"&gt;</c>, or, foldable, as
/// <c>&lt;details class="callout …"&gt;</c> (open for <c>+</c>) whose title is the <c>&lt;summary&gt;</c>: it folds without script.
/// </summary>
public sealed class CalloutRenderer : HtmlObjectRenderer<CalloutBlock>
{
    protected override void Write(HtmlRenderer renderer, CalloutBlock block)
    {
        var tag = block.Fold == CalloutFold.None ? "aside" : "details";
        renderer.EnsureLine();
        renderer.Write('<').Write(tag).Write(" class=\"callout callout-").Write(block.Style).Write("\" data-callout=\"").WriteEscape(block.Type).Write('"');
        if (block.Fold == CalloutFold.Open) renderer.Write(" open");
        renderer.WriteLine(">");
        renderer.WriteChildren(block);
        renderer.EnsureLine();
        renderer.Write("</").Write(tag).WriteLine(">");
    }
}

/// <summary>A callout's title: <c>&lt;p class="callout-title"&gt;</c>, or <c>&lt;summary&gt;</c> in a foldable one.</summary>
public sealed class CalloutTitleRenderer : HtmlObjectRenderer<CalloutTitle>
{
    protected override void Write(HtmlRenderer renderer, CalloutTitle title)
    {
        var tag = title.Parent is CalloutBlock { Fold: not CalloutFold.None } ? "summary" : "p";
        renderer.EnsureLine();
        renderer.Write('<').Write(tag).Write(" class=\"callout-title\">");
        if (title.Inline?.FirstChild is null) renderer.WriteEscape(title.DefaultText ?? "");
        else renderer.WriteLeafInline(title);
        renderer.Write("</").Write(tag).WriteLine(">");
    }
}
