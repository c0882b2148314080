using System.Text.RegularExpressions;

namespace Site.Emit;

/// <summary>Cuts one section (with its subsections) out of a note's rendered HTML, by heading id.</summary>
public static partial class SectionHtml
{
    [GeneratedRegex("<h([2-6]) id=\"([^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    public static Dictionary<string, string> Split(string html)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var matches = Heading().Matches(html);
        for (int i = 0; i < matches.Count; i++)
        {
            var level = matches[i].Groups[1].Value[0];
            var id = System.Net.WebUtility.HtmlDecode(matches[i].Groups[2].Value);
            var end = html.Length;
            for (int j = i + 1; j < matches.Count; j++)
                if (matches[j].Groups[1].Value[0] <= level) { end = matches[j].Index; break; }
            result.TryAdd(id, html[matches[i].Index..end]);
        }
        return result;
    }
}
