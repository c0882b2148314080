using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Site.Render.Html;

/// <summary>Reports what <see cref="SanitizeHtml"/> removed from the raw HTML at a 0-based Markdown line.</summary>
public delegate void HtmlRemoved(int line, IReadOnlyList<string> removed);

/// <summary>Writes a raw HTML block through <see cref="SanitizeHtml"/> and <see cref="RawHtmlHeadings"/>; unchanged blocks are written exactly as Markdig would.</summary>
public sealed class SafeHtmlBlockRenderer(HtmlRemoved report) : HtmlObjectRenderer<HtmlBlock>
{
    protected override void Write(HtmlRenderer renderer, HtmlBlock obj)
    {
        if (!renderer.EnableHtmlForBlock) return;
        var raw = obj.Lines.ToString();
        var safe = RawHtmlHeadings.Rewrite(SanitizeHtml.Apply(raw, out var removed));
        if (ReferenceEquals(safe, raw) || (removed.Count == 0 && safe == raw)) { renderer.WriteLeafRawLines(obj, true, false); return; }
        if (removed.Count > 0) report(obj.Line, removed);
        renderer.EnsureLine();
        renderer.Write(safe);
        renderer.WriteLine();
    }
}

/// <summary>Writes one inline raw HTML tag through <see cref="SanitizeHtml"/> and <see cref="RawHtmlHeadings"/>.</summary>
public sealed class SafeHtmlInlineRenderer(HtmlRemoved report) : HtmlObjectRenderer<HtmlInline>
{
    protected override void Write(HtmlRenderer renderer, HtmlInline obj)
    {
        if (!renderer.EnableHtmlForInline) return;
        var safe = SanitizeHtml.Apply(obj.Tag, out var removed);
        if (removed.Count > 0) report(obj.Line, removed);
        renderer.Write(RawHtmlHeadings.Rewrite(safe));
    }
}

/// <summary>Installs the safe renderers in place of Markdig's raw HTML renderers (the default; <c>--allow-html</c>
/// installs <see cref="RawHtmlHeadings"/>' renderers instead: raw headings are demoted either way).</summary>
public static class SafeHtml
{
    public static void Setup(HtmlRenderer renderer, HtmlRemoved report)
    {
        renderer.ObjectRenderers.Replace<HtmlBlockRenderer>(new SafeHtmlBlockRenderer(report));
        renderer.ObjectRenderers.Replace<HtmlInlineRenderer>(new SafeHtmlInlineRenderer(report));
    }

    /// <summary>The warning for one HTML block or tag.</summary>
    public static string Message(IReadOnlyList<string> removed) =>
        $"raw HTML removed: {string.Join(", ", removed.Distinct().Take(5))} (scripts, embeds, event handlers and javascript:/data: URLs are not published; --allow-html keeps raw HTML as written)";
}
