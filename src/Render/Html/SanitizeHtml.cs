using System.Text;
using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;
using AngleSharp.Text;

namespace Site.Render.Html;

/// <summary>
/// Applies <see cref="HtmlPolicy"/> to one piece of raw HTML from Markdown (an HTML block, or one inline tag).
/// Works on AngleSharp's HTML tokenizer, not on a DOM, so a block that only opens an element
/// (<c>&lt;details&gt;</c> … Markdown … <c>&lt;/details&gt;</c>) keeps its shape. HTML with nothing to remove
/// is returned exactly as written (same object); otherwise it is re-serialized from the tokens that remain.
/// </summary>
public static class SanitizeHtml
{
    /// <param name="removed">What was taken out, for the warning ("&lt;script&gt;", "onerror=", "javascript: URL in href").</param>
    public static string Apply(string raw, out IReadOnlyList<string> removed)
    {
        var dropped = new List<string>();
        removed = dropped;
        if (raw.IndexOf('<') < 0) return raw;
        // A block that ends inside a tag, attribute value or comment would swallow the HTML after it in the page
        // (`<img alt="` here, `" onerror=…` in the next block). A sentinel tag shows it: unless it comes out as
        // the last token, the last token is unterminated and goes.
        var tokens = Tokens(raw + Sentinel);
        if (tokens.Count > 0 && tokens[^1] is { Type: HtmlTokenType.StartTag } end && end.Name == SentinelName) tokens.RemoveAt(tokens.Count - 1);
        else
        {
            // The sentinel went into a comment or raw text (that token goes), or into a tag the tokenizer dropped at the end.
            if (tokens.Count > 0 && tokens[^1].Type is HtmlTokenType.Character or HtmlTokenType.Comment && tokens[^1].Data.Contains(SentinelName, StringComparison.Ordinal))
                tokens.RemoveAt(tokens.Count - 1);
            dropped.Add("an unterminated tag or comment");
        }
        var sb = new StringBuilder(raw.Length);
        string? skipUntil = null; // inside a dropped element: everything up to its end tag goes
        foreach (var t in tokens)
        {
            if (skipUntil is not null)
            {
                if (t.Type == HtmlTokenType.EndTag && t.Name.Equals(skipUntil, StringComparison.OrdinalIgnoreCase)) skipUntil = null;
                continue;
            }
            switch (t.Type)
            {
                case HtmlTokenType.Character:
                    sb.Append(EncodeText(t.Data));
                    break;
                case HtmlTokenType.Comment:
                    sb.Append("<!--").Append(t.Data.Replace("--", "- -")).Append("-->");
                    break;
                case HtmlTokenType.StartTag:
                    var tag = t.AsTag();
                    if (HtmlPolicy.DroppedWithContent.Contains(tag.Name))
                    {
                        dropped.Add($"<{tag.Name}>");
                        if (!tag.IsSelfClosing) skipUntil = tag.Name;
                        break;
                    }
                    if (HtmlPolicy.DroppedTags.Contains(tag.Name)) { dropped.Add($"<{tag.Name}>"); break; }
                    WriteStartTag(sb, tag, dropped);
                    break;
                case HtmlTokenType.EndTag:
                    if (HtmlPolicy.DroppedWithContent.Contains(t.Name) || HtmlPolicy.DroppedTags.Contains(t.Name))
                    {
                        if (dropped.Count == 0) dropped.Add($"</{t.Name}>");
                        break;
                    }
                    sb.Append("</").Append(t.Name).Append('>');
                    break;
                case HtmlTokenType.Doctype:
                    dropped.Add("<!DOCTYPE>");
                    break;
            }
        }
        return dropped.Count == 0 ? raw : sb.ToString();
    }

    private const string SentinelName = "kb-sanitizer-end";
    private const string Sentinel = "<" + SentinelName + ">";

    /// <summary>Text as HTML: only what could start markup or an entity is escaped (é stays é).</summary>
    private static string EncodeText(string s) =>
        s.IndexOfAny(new[] { '&', '<', '>' }) < 0 ? s : s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static void WriteStartTag(StringBuilder sb, HtmlTagToken tag, List<string> dropped)
    {
        sb.Append('<').Append(tag.Name);
        var image = tag.Name is "img" or "source" or "picture" or "image";
        foreach (var a in tag.Attributes)
        {
            var name = a.Name;
            var value = a.Value;
            if (HtmlPolicy.IsEventHandler(name)) { dropped.Add($"{name}="); continue; }
            if (HtmlPolicy.UrlAttributes.Contains(name))
            {
                var imageSource = image && name is "src" or "srcset";
                var ok = name.EndsWith("srcset", StringComparison.OrdinalIgnoreCase)
                    ? HtmlPolicy.IsSafeSrcset(value, imageSource)
                    : HtmlPolicy.IsSafeUrl(value, imageSource);
                if (!ok) { dropped.Add($"{Scheme(value)} URL in {name}="); continue; }
            }
            sb.Append(' ').Append(name);
            if (value.Length > 0) sb.Append("=\"").Append(value.Replace("&", "&amp;").Replace("\"", "&quot;")).Append('"');
        }
        sb.Append(tag.IsSelfClosing ? " />" : ">");
    }

    private static string Scheme(string url)
    {
        var u = string.Concat(url.Where(c => c > ' ' && !char.IsControl(c)));
        var colon = u.IndexOf(':');
        return colon > 0 ? u[..(colon + 1)].ToLowerInvariant() : "unsafe";
    }

    /// <summary>The tokens of <paramref name="raw"/>; after a script/style-like start tag (dropped with its content) the tokenizer reads raw text, as a browser would.</summary>
    private static List<HtmlToken> Tokens(string raw)
    {
        var result = new List<HtmlToken>();
        var tokenizer = new HtmlTokenizer(new TextSource(raw), HtmlEntityProvider.Resolver);
        for (var t = tokenizer.Get(); t.Type != HtmlTokenType.EndOfFile; t = tokenizer.Get())
        {
            result.Add(t);
            if (t.Type == HtmlTokenType.StartTag)
                // Only for elements dropped with their content. Elsewhere markup is read as markup even where a
                // browser might read text (xmp, textarea: inside svg they are not raw text), so nothing hides.
                tokenizer.State = t.Name.ToLowerInvariant() switch
                {
                    "script" => HtmlParseMode.Script,
                    "style" or "iframe" or "noscript" or "noembed" or "noframes" => HtmlParseMode.Rawtext,
                    _ => HtmlParseMode.PCData,
                };
        }
        return result;
    }
}
