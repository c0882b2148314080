using System.Net;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Site.Render;

/// <summary>
/// Renders a heading at the level the normalizer gave its block (a top section is &lt;h2&gt;: the page
/// &lt;h1&gt; is the note title; never below h2), with a self-link and a copy-link button carrying the
/// section's share URL.
/// </summary>
public sealed class HeadingRenderer : HtmlObjectRenderer<HeadingBlock>
{
    private readonly Func<string, string?> _shareUrlForId;

    public HeadingRenderer(Func<string, string?> shareUrlForId) => _shareUrlForId = shareUrlForId;

    protected override void Write(HtmlRenderer renderer, HeadingBlock obj)
    {
        var level = Math.Clamp(obj.Level, 2, 6);
        var id = obj.TryGetAttributes()?.Id;
        renderer.Write("<h").Write(level.ToString());
        renderer.WriteAttributes(obj);
        renderer.Write('>');
        renderer.WriteLeafInline(obj);
        if (!string.IsNullOrEmpty(id))
        {
            var enc = WebUtility.HtmlEncode(id);
            renderer.Write($"<a class=\"anchor\" href=\"#{enc}\" aria-label=\"Link to this section\">#</a>");
            if (_shareUrlForId(id) is { } share)
                renderer.Write($"<button type=\"button\" class=\"copy-link\" data-share=\"{WebUtility.HtmlEncode(share)}\" aria-label=\"Copy link to this section\" title=\"Copy link\">🔗</button>");
        }
        renderer.Write("</h").Write(level.ToString()).WriteLine(">");
    }
}
