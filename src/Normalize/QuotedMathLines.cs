using System.Text;

namespace Site.Normalize;

/// <summary>
/// Repairs a shape common in notes that quote a book: a display formula opened inside a quote whose lines are not
/// quoted (Typora shows it inside the quote; CommonMark ends the quote and the stray closing <c>$$</c> then opens a
/// fence that swallows the text after it):
/// <code>
/// &gt; 三硬币模型可以写作
/// &gt; $$
/// P(y|\theta) = …
/// $$
/// </code>
/// The formula's lines up to the closing <c>$$</c> get the quote prefix of the opening line. Line count and order are
/// unchanged, so source line numbers stay right. Fenced code is left alone; a blank or quoted line before the closing
/// <c>$$</c> means the shape is something else, and nothing changes.
/// </summary>
public static class QuotedMathLines
{
    public static string Repair(string body)
    {
        if (!body.Contains("$$", StringComparison.Ordinal) || !body.Contains('>') || !HasQuotedOpening(body)) return body;
        var lines = body.Split('\n');
        bool changed = false, inCode = false;
        for (int i = 0; i < lines.Length; i++)
        {
            var t = lines[i].TrimStart();
            if (t.StartsWith("```", StringComparison.Ordinal) || t.StartsWith("~~~", StringComparison.Ordinal)) { inCode = !inCode; continue; }
            if (inCode || OpeningPrefixLength(lines[i]) is not (> 0 and var length)) continue;
            var prefix = lines[i][..length];
            int close = -1;
            for (int j = i + 1; j < lines.Length; j++)
            {
                var s = lines[j].Trim();
                if (s.Length == 0 || s.StartsWith('>')) break;
                if (s == "$$") { close = j; break; }
            }
            if (close < 0) continue;
            for (int j = i + 1; j <= close; j++) lines[j] = prefix + lines[j];
            changed = true;
            i = close;
        }
        return changed ? string.Join('\n', lines) : body;
    }

    /// <summary>
    /// Whether some line is a quoted <c>$$</c> alone (the shape's first line), checked without splitting the body: most
    /// notes with both <c>$$</c> and <c>&gt;</c> have no such line, and splitting each of them into lines was ~1 % of
    /// everything a 1,000-note build allocates.
    /// </summary>
    private static bool HasQuotedOpening(string body)
    {
        var rest = body.AsSpan();
        while (rest.Length > 0)
        {
            int nl = rest.IndexOf('\n');
            var line = nl < 0 ? rest : rest[..nl];
            rest = nl < 0 ? default : rest[(nl + 1)..];
            if (OpeningPrefixLength(line) > 0) return true;
        }
        return false;
    }

    /// <summary>The length of the quote prefix of a line that is a quoted <c>$$</c> alone (the shape's first line), else 0.</summary>
    private static int OpeningPrefixLength(ReadOnlySpan<char> line) =>
        QuotePrefixLength(line) is var n && n > 0 && line[n..].Trim().SequenceEqual("$$") ? n : 0;

    /// <summary>The length of "&gt; ", "&gt;&gt; ", "  &gt; " … at the start of the line (up to three spaces of indent), 0 when the line is not quoted.</summary>
    private static int QuotePrefixLength(ReadOnlySpan<char> line)
    {
        int i = 0;
        while (i < line.Length && i < 3 && line[i] == ' ') i++;
        if (i >= line.Length || line[i] != '>') return 0;
        while (i < line.Length && (line[i] == '>' || line[i] == ' ')) i++;
        return i;
    }
}
