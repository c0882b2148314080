using System.Net;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Site.Render;

/// <summary>
/// Renders a heading at the level the normalizer gave its block (a top section is &lt;h2&gt;: the page
/// &lt;h1&gt; is the note title; never below h2), with a self-link, and the section's share URL as <c>data-share</c>:
/// theme/assets/site.js adds the copy-link button to such headings (it needs script to work, so a page without
/// script shows none, and every page is ~110 bytes per section lighter).
/// </summary>
public sealed class HeadingRenderer : HtmlObjectRenderer<HeadingBlock>
{
    private readonly Func<string, string?> _shareUrlForId;

    public HeadingRenderer(Func<string, string?> shareUrlForId) => _shareUrlForId = shareUrlForId;

    protected override void Write(HtmlRenderer renderer, HeadingBlock obj)
    {
        var level = Math.Clamp(obj.Level, 2, 6);
        var id = obj.TryGetAttributes()?.Id;
        var share = string.IsNullOrEmpty(id) ? null : _shareUrlForId(id);
        renderer.Write("<h").Write(level.ToString());
        renderer.WriteAttributes(obj);
        if (share is not null) renderer.Write($" data-share=\"{WebUtility.HtmlEncode(share)}\"");
        renderer.Write('>');
        renderer.WriteLeafInline(obj);
        if (!string.IsNullOrEmpty(id))
            renderer.Write($"<a class=\"anchor\" href=\"#{WebUtility.HtmlEncode(id)}\" aria-label=\"Link to this section\">#</a>");
        renderer.Write("</h").Write(level.ToString()).WriteLine(">");
    }
}
