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
        foreach (var (id, r) in Ranges(html)) result[id] = html.Substring(r.Start, r.Length);
        return result;
    }

    /// <summary>Where each section (heading up to the next heading of the same or a higher level) lies in
    /// <paramref name="html"/>, by decoded heading id; the first of duplicate ids wins.</summary>
    public static Dictionary<string, (int Start, int Length)> Ranges(string html)
    {
        var result = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        var matches = Heading().Matches(html);
        for (int i = 0; i < matches.Count; i++)
        {
            var level = matches[i].Groups[1].ValueSpan[0];
            var raw = matches[i].Groups[2].Value;
            var id = raw.Contains('&') ? System.Net.WebUtility.HtmlDecode(raw) : raw;
            var end = html.Length;
            for (int j = i + 1; j < matches.Count; j++)
                if (matches[j].Groups[1].ValueSpan[0] <= level) { end = matches[j].Index; break; }
            result.TryAdd(id, (matches[i].Index, end - matches[i].Index));
        }
        return result;
    }
}
