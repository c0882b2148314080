using System.Net;
using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Syntax;

namespace Site.Render.Mathematics;

/// <summary>
/// Replaces Markdig's math renderers (which print <c>\(…\)</c> for client-side MathJax/KaTeX) with ones that emit the
/// build-time KaTeX HTML from <see cref="MathResults"/>: a formula KaTeX rejected becomes a visible error box, and a
/// formula without a result (no Node.js) stays as escaped TeX in <c>&lt;span class="math-fallback"&gt;</c>.
/// </summary>
public static class MathHtml
{
    /// <summary>
    /// Install on a renderer after <c>pipeline.Setup(renderer)</c> (the replacements subclass Markdig's renderers, so a
    /// later Setup does not add the defaults back either). <paramref name="results"/> null → every formula renders as fallback.
    /// </summary>
    public static void Install(HtmlRenderer renderer, MathResults? results)
    {
        var list = renderer.ObjectRenderers;
        for (int i = list.Count - 1; i >= 0; i--)
            if (list[i] is HtmlMathInlineRenderer or HtmlMathBlockRenderer) list.RemoveAt(i);
        list.Insert(0, new KatexBlockRenderer(results));
        list.Insert(0, new KatexInlineRenderer(results));
    }

    /// <summary>Convenience: render a parsed document to HTML with KaTeX math.</summary>
    public static string ToHtml(MarkdownDocument doc, MarkdownPipeline pipeline, MathResults? results)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        pipeline.Setup(renderer);
        Install(renderer, results);
        renderer.Render(doc);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>The HTML for one formula (without the outer math span/div).</summary>
    public static string Fragment(string tex, bool display, MathResults? results)
    {
        var r = results?.Get(tex, display);
        if (r is null) return Fallback(tex, display);
        return r.Ok ? r.Html! : ErrorBox(tex, display, r.Error ?? "KaTeX error");
    }

    /// <summary>Escaped TeX with its delimiters, for when KaTeX could not run.</summary>
    public static string Fallback(string tex, bool display) =>
        "<span class=\"math-fallback\">" + Escape(display ? "\\[" + tex + "\\]" : "\\(" + tex + "\\)") + "</span>";

    /// <summary>A visible box showing the TeX source, with KaTeX's message as tooltip.</summary>
    public static string ErrorBox(string tex, bool display, string message) =>
        "<span class=\"math-error\" title=\"" + Escape("KaTeX: " + message) + "\" style=\"color:#b00020;border:1px dashed #b00020;padding:0 .2em;font-family:monospace;white-space:pre-wrap\">"
        + Escape(display ? "$$" + tex + "$$" : "$" + tex + "$") + "</span>";

    private static string Escape(string s) => WebUtility.HtmlEncode(s);

    private sealed class KatexInlineRenderer(MathResults? results) : HtmlMathInlineRenderer
    {
        protected override void Write(HtmlRenderer renderer, MathInline obj)
        {
            var tex = MathSource.TexOf(obj);
            var display = MathSource.IsDisplay(obj);
            if (!renderer.EnableHtmlForInline)
            {
                // Plain-text rendering (excerpts, search text): keep the TeX.
                if (renderer.EnableHtmlEscape) renderer.WriteEscape(tex); else renderer.Write(tex);
                return;
            }
            renderer.Write("<span").WriteAttributes(obj).Write(">");
            renderer.Write(Fragment(tex, display, results));
            renderer.Write("</span>");
        }
    }

    private sealed class KatexBlockRenderer(MathResults? results) : HtmlMathBlockRenderer
    {
        protected override void Write(HtmlRenderer renderer, MathBlock obj)
        {
            var tex = MathSource.TexOf(obj);
            renderer.EnsureLine();
            if (!renderer.EnableHtmlForBlock)
            {
                renderer.WriteLeafRawLines(obj, true, renderer.EnableHtmlEscape);
                return;
            }
            renderer.Write("<div").WriteAttributes(obj).Write(">");
            renderer.Write(Fragment(tex, true, results));
            renderer.WriteLine("</div>");
        }
    }
}
