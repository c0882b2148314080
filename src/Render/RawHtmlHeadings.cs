using System.Text;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Site.Core;

namespace Site.Render;

/// <summary>
/// An author's raw-HTML headings (a README's centred <c>&lt;h1&gt;Project&lt;/h1&gt;</c> banner) are not part of
/// the note's outline: no id, no TOC entry, no share page. Left as &lt;hN&gt; they would make a second h1 or
/// skip levels, so they are written as <c>&lt;div class="raw-heading raw-hN"&gt;</c> (styled like a heading
/// by the theme). Only the tag names change; the rest of the author's HTML is written as it is.
/// </summary>
public static class RawHtmlHeadings
{
    public static string Rewrite(string html)
    {
        var tags = HeadingTags.Find<char>(html);
        if (tags.Count == 0) return html;
        var sb = new StringBuilder(html.Length + tags.Count * 24);
        int from = 0;
        foreach (var t in tags)
        {
            sb.Append(html, from, t.Start - from);
            sb.Append(t.Close ? "</div" : $"<div class=\"raw-heading raw-h{t.Level}\"");
            from = t.DigitAt + 1;
        }
        return sb.Append(html, from, html.Length - from).ToString();
    }

    /// <summary>Installs the block and inline renderers on <paramref name="renderer"/>.</summary>
    public static void Setup(HtmlRenderer renderer)
    {
        renderer.ObjectRenderers.Replace<HtmlBlockRenderer>(new BlockRenderer());
        renderer.ObjectRenderers.Replace<HtmlInlineRenderer>(new InlineRenderer());
    }

    private sealed class BlockRenderer : HtmlObjectRenderer<HtmlBlock>
    {
        protected override void Write(HtmlRenderer renderer, HtmlBlock obj)
        {
            if (!renderer.EnableHtmlForBlock) { renderer.WriteLeafRawLines(obj, true, true); return; }
            var raw = obj.Lines.ToString();
            var rewritten = Rewrite(raw);
            if (ReferenceEquals(raw, rewritten)) renderer.WriteLeafRawLines(obj, true, false);
            else renderer.Write(rewritten).EnsureLine();
        }
    }

    private sealed class InlineRenderer : HtmlObjectRenderer<HtmlInline>
    {
        protected override void Write(HtmlRenderer renderer, HtmlInline obj)
        {
            if (renderer.EnableHtmlForInline) renderer.Write(Rewrite(obj.Tag));
        }
    }
}
