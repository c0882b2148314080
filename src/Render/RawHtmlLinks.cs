using System.Net;
using System.Text;

namespace Site.Render;

/// <summary>
/// Finds the <c>src</c> of &lt;img&gt;/&lt;source&gt; and the <c>href</c> of &lt;a&gt; in raw HTML written inside
/// a note and lets <see cref="LinkResolver"/> rewrite them in place. Everything else is copied byte for byte
/// (a parser would re-serialize, and close, an HTML block that is only the first half of an element).
/// </summary>
public static class RawHtmlLinks
{
    /// <summary>
    /// Calls <paramref name="map"/>(isImage, value, offset) for each link attribute (value entity-decoded);
    /// a non-null result replaces the value. Returns <paramref name="html"/> itself when nothing changed.
    /// </summary>
    public static string Rewrite(string html, Func<bool, string, int, string?> map)
    {
        StringBuilder? sb = null;
        int copied = 0, i = 0;
        while ((i = html.IndexOf('<', i)) >= 0)
        {
            int j = i + 1, nameStart = j;
            while (j < html.Length && char.IsAsciiLetterOrDigit(html[j])) j++;
            var tag = html[nameStart..j].ToLowerInvariant();
            i = j;
            if (tag is not ("img" or "a" or "source")) continue;
            while (j < html.Length && html[j] != '>')
            {
                if (char.IsWhiteSpace(html[j]) || html[j] == '/') { j++; continue; }
                int an = j;
                while (j < html.Length && !char.IsWhiteSpace(html[j]) && html[j] is not ('=' or '>' or '/')) j++;
                var attr = html[an..j].ToLowerInvariant();
                if (j == an) { j++; continue; }
                while (j < html.Length && char.IsWhiteSpace(html[j])) j++;
                if (j >= html.Length || html[j] != '=') continue;
                j++;
                while (j < html.Length && char.IsWhiteSpace(html[j])) j++;
                int vs, ve, next;
                var quoted = j < html.Length && html[j] is '"' or '\'';
                if (quoted)
                {
                    var q = html[j];
                    vs = j + 1;
                    ve = html.IndexOf(q, vs);
                    if (ve < 0) return sb is null ? html : sb.Append(html, copied, html.Length - copied).ToString();
                    next = ve + 1;
                }
                else
                {
                    vs = j;
                    while (j < html.Length && !char.IsWhiteSpace(html[j]) && html[j] != '>') j++;
                    ve = next = j;
                }
                j = next;
                var isImage = tag != "a";
                if (attr != (isImage ? "src" : "href")) continue;
                var replaced = map(isImage, WebUtility.HtmlDecode(html[vs..ve]), vs);
                if (replaced is null) continue;
                sb ??= new StringBuilder(html.Length + 32);
                sb.Append(html, copied, (quoted ? vs - 1 : vs) - copied);
                sb.Append('"').Append(WebUtility.HtmlEncode(replaced)).Append('"');
                copied = next;
            }
            i = j;
        }
        return sb is null ? html : sb.Append(html, copied, html.Length - copied).ToString();
    }
}
