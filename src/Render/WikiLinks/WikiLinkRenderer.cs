using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Site.Render.WikiLinks;

/// <summary>
/// Writes a resolved wikilink as &lt;a&gt; (or &lt;img&gt; for an embedded image); one whose target was not
/// found as a plain &lt;span class="wikilink-missing"&gt; with its text, never as a link that 404s.
/// </summary>
public sealed class WikiLinkRenderer : HtmlObjectRenderer<WikiLinkInline>
{
    protected override void Write(HtmlRenderer renderer, WikiLinkInline link)
    {
        if (link.Url is null)
        {
            renderer.Write("<span class=\"wikilink-missing\">");
            renderer.WriteChildren(link);
            renderer.Write("</span>");
            return;
        }
        if (link.IsImage)
        {
            renderer.Write("<img src=\"").WriteEscapeUrl(link.Url).Write("\" alt=\"");
            renderer.WriteEscape(link.Alias ?? Path.GetFileNameWithoutExtension(link.Target));
            renderer.Write('"');
            if (link.Width is { } w) renderer.Write(" width=\"").Write(w.ToString(System.Globalization.CultureInfo.InvariantCulture)).Write('"');
            renderer.Write(" />");
            return;
        }
        renderer.Write("<a href=\"").WriteEscapeUrl(link.Url).Write("\">");
        renderer.WriteChildren(link);
        renderer.Write("</a>");
    }
}
