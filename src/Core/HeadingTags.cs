using System.Numerics;

namespace Site.Core;

/// <summary>One &lt;hN&gt; or &lt;/hN&gt; tag: where its '&lt;' is, where its level digit is, the level, and whether it closes.</summary>
public readonly record struct HeadingTag(int Start, int DigitAt, int Level, bool Close);

/// <summary>
/// Finds heading tags in HTML text (chars or UTF-8 bytes) without parsing the rest: "&lt;h1".."&lt;h6" or
/// "&lt;/h1".."&lt;/h6" (any case) followed by whitespace, '&gt;', '/' or the end. In HTML this generator
/// renders every '&lt;' outside a tag is escaped, so these are exactly its heading tags; in an author's raw
/// HTML a "&lt;h2" inside an attribute value or comment would also match (a harmless rename).
/// </summary>
public static class HeadingTags
{
    public static List<HeadingTag> Find<T>(ReadOnlySpan<T> html) where T : unmanaged, IBinaryInteger<T>
    {
        var tags = new List<HeadingTag>();
        for (int i = html.IndexOf(T.CreateTruncating('<')); i >= 0 && i + 2 < html.Length; )
        {
            bool close = At(html, i + 1) == '/';
            int h = close ? i + 2 : i + 1;
            if (h + 1 < html.Length && (At(html, h) | 0x20) == 'h' && At(html, h + 1) is >= '1' and <= '6'
                && (h + 2 == html.Length || At(html, h + 2) is ' ' or '>' or '/' or '\t' or '\n' or '\r' or '\f'))
                tags.Add(new HeadingTag(i, h + 1, At(html, h + 1) - '0', close));
            var next = html[(i + 1)..].IndexOf(T.CreateTruncating('<'));
            if (next < 0) break;
            i += next + 1;
        }
        return tags;
    }

    private static char At<T>(ReadOnlySpan<T> s, int i) where T : unmanaged, IBinaryInteger<T> => (char)int.CreateTruncating(s[i]);
}
