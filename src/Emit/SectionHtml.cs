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
        // The headings, found with a vectorized search for "<h" (what Heading() matches: <h[2-6] id="…").
        var heads = new List<(int At, int Level, string Id)>();
        for (int at = html.IndexOf("<h", StringComparison.Ordinal); at >= 0; at = html.IndexOf("<h", at + 2, StringComparison.Ordinal))
        {
            if (at + 9 > html.Length || html[at + 2] is < '2' or > '6' || string.CompareOrdinal(html, at + 3, " id=\"", 0, 5) != 0) continue;
            var close = html.IndexOf('"', at + 8);
            if (close < 0) break;
            var raw = html.Substring(at + 8, close - at - 8);
            heads.Add((at, html[at + 2], raw.Contains('&') ? System.Net.WebUtility.HtmlDecode(raw) : raw));
        }
        return Sections(heads, html.Length);
    }

    /// <summary><see cref="Ranges"/> over UTF-8 HTML: the same sections, as byte offsets.</summary>
    public static Dictionary<string, (int Start, int Length)> RangesUtf8(ReadOnlySpan<byte> html)
    {
        var heads = new List<(int At, int Level, string Id)>();
        for (int from = 0; ;)
        {
            var rel = html[from..].IndexOf("<h"u8);
            if (rel < 0) break;
            var at = from + rel;
            from = at + 2;
            if (at + 9 > html.Length || html[at + 2] is < (byte)'2' or > (byte)'6' || !html.Slice(at + 3, 5).SequenceEqual(" id=\""u8)) continue;
            var closeRel = html[(at + 8)..].IndexOf((byte)'"');
            if (closeRel < 0) break;
            var raw = System.Text.Encoding.UTF8.GetString(html.Slice(at + 8, closeRel));
            heads.Add((at, html[at + 2], raw.Contains('&') ? System.Net.WebUtility.HtmlDecode(raw) : raw));
        }
        return Sections(heads, html.Length);
    }

    /// <summary>Each heading's section: from it to the next heading of the same or a higher level (or the end); first of duplicate ids wins.</summary>
    private static Dictionary<string, (int Start, int Length)> Sections(List<(int At, int Level, string Id)> heads, int length)
    {
        var result = new Dictionary<string, (int, int)>(heads.Count, StringComparer.Ordinal);
        for (int i = 0; i < heads.Count; i++)
        {
            var end = length;
            for (int j = i + 1; j < heads.Count; j++)
                if (heads[j].Level <= heads[i].Level) { end = heads[j].At; break; }
            result.TryAdd(heads[i].Id, (heads[i].At, end - heads[i].At));
        }
        return result;
    }

    /// <summary>The regex version of <see cref="Ranges"/> (the reference for tests).</summary>
    public static Dictionary<string, (int Start, int Length)> RangesByRegex(string html)
    {
        var result = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        var matches = Heading().Matches(html);
        for (int i = 0; i < matches.Count; i++)
        {
            var level = matches[i].Groups[1].ValueSpan[0];
            var id = System.Net.WebUtility.HtmlDecode(matches[i].Groups[2].Value);
            var end = html.Length;
            for (int j = i + 1; j < matches.Count; j++)
                if (matches[j].Groups[1].ValueSpan[0] <= level) { end = matches[j].Index; break; }
            result.TryAdd(id, (matches[i].Index, end - matches[i].Index));
        }
        return result;
    }
}
