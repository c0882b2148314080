using System.Net;
using Markdig.Renderers;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Site.Render.MissingImages;

/// <summary>
/// Markdig's link renderer, except for images marked by <see cref="MissingImage"/>: those become
/// <c>&lt;span class="img-missing" role="img" aria-label="…"&gt;</c> with an icon and the alt text (or the file name),
/// so the caption around it still reads and the page makes no request for the file.
/// </summary>
public sealed class MissingImageRenderer : LinkInlineRenderer
{
    protected override void Write(HtmlRenderer renderer, LinkInline link)
    {
        if (!MissingImage.IsMarked(link) || !renderer.EnableHtmlForInline) { base.Write(renderer, link); return; }
        var alt = AltText(link);
        var label = alt.Length > 0 ? alt : FileName(link.Url);
        renderer.Write("<span class=\"img-missing\" role=\"img\" aria-label=\"")
            .Write(WebUtility.HtmlEncode("图片缺失 Missing image: " + label))
            .Write("\" title=\"").Write(WebUtility.HtmlEncode(link.Url ?? "")).Write("\">")
            .Write("<span class=\"img-missing-icon\" aria-hidden=\"true\">🖼</span> ")
            .Write("<span class=\"img-missing-alt\">").Write(WebUtility.HtmlEncode(label)).Write("</span></span>");
    }

    private static string AltText(LinkInline link)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var d in link.Descendants<LiteralInline>()) sb.Append(d.Content.ToString());
        foreach (var c in link.Descendants<CodeInline>()) sb.Append(c.Content);
        return sb.ToString().Trim();
    }

    private static string FileName(string? url)
    {
        var u = url ?? "";
        var cut = u.LastIndexOfAny(new[] { '/', '\\' });
        try { return Uri.UnescapeDataString(cut >= 0 ? u[(cut + 1)..] : u); }
        catch (UriFormatException) { return u; }
    }
}
