using System.Numerics;
using Site.Core;

namespace Site.Emit;

/// <summary>
/// A share page shows one section: its heading is the page's only &lt;h1&gt; and its subsections move up
/// with it (h3 → h1, h4 → h2, …) so the page has no skipped level. Works on the section's slice of the
/// note's rendered HTML (chars or UTF-8 bytes, no copy of the rest), tags found by <see cref="HeadingTags"/>.
/// </summary>
public static class ShareHeadings
{
    /// <summary>Where each heading tag's level digit is, and the level it becomes.</summary>
    public static List<(int At, char Level)> Edits<T>(ReadOnlySpan<T> html) where T : unmanaged, IBinaryInteger<T>
    {
        var edits = new List<(int, char)>();
        int first = 0, shift = 0;
        bool firstClosed = false;
        foreach (var tag in HeadingTags.Find(html))
        {
            int to;
            if (first == 0)
            {
                if (tag.Close) continue; // a stray close before the section heading: leave it
                first = tag.Level; shift = tag.Level - 1; to = 1;
            }
            else if (tag.Close && !firstClosed && tag.Level == first) { firstClosed = true; to = 1; }
            else to = Math.Clamp(tag.Level - shift, 2, 6);
            if (to != tag.Level) edits.Add((tag.DigitAt, (char)('0' + to)));
        }
        return edits;
    }

    /// <summary>The section's HTML with its headings lifted (a new string only when something moves).</summary>
    public static string Lift(ReadOnlySpan<char> html)
    {
        var edits = Edits(html);
        if (edits.Count == 0) return html.ToString();
        var chars = html.ToArray();
        foreach (var (at, level) in edits) chars[at] = level;
        return new string(chars);
    }

    /// <summary>Writes the section's HTML with its headings lifted: unchanged runs are copied as they are.</summary>
    public static void Write(PageBuffer b, ReadOnlySpan<char> html)
    {
        int from = 0;
        Span<char> one = stackalloc char[1];
        foreach (var (at, level) in Edits(html))
        {
            b.Raw(html[from..at]);
            one[0] = level;
            b.Raw(one);
            from = at + 1;
        }
        b.Raw(html[from..]);
    }

    /// <inheritdoc cref="Write(PageBuffer, ReadOnlySpan{char})"/>
    public static void Write(PageBuffer b, ReadOnlySpan<byte> html)
    {
        int from = 0;
        Span<byte> one = stackalloc byte[1];
        foreach (var (at, level) in Edits(html))
        {
            b.Literal(html[from..at]);
            one[0] = (byte)level;
            b.Literal(one);
            from = at + 1;
        }
        b.Literal(html[from..]);
    }

}
