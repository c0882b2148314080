namespace Site.Core;

/// <summary>
/// Explains Markdig's depth limit ("too deeply nested"), which it raises for more than lists and quotes: thousands
/// of unclosed brackets or emphasis markers on one line do it too. Finds the line with the deepest construct of
/// each kind and names the worst, so the diagnostic points at the line to fix.
/// </summary>
public static class MarkdownDepth
{
    /// <summary>True when <paramref name="ex"/> is Markdig's depth-limit exception.</summary>
    public static bool IsDepthLimit(Exception ex) =>
        ex is ArgumentException && ex.Message.Contains("too deeply nested", StringComparison.Ordinal);

    /// <summary>The 1-based body line and a description of the deepest nesting in <paramref name="body"/>.</summary>
    public static (int Line, string Cause) Explain(string body)
    {
        var best = (Line: 1, Score: 0, Cause: "deeply nested Markdown");
        var lines = body.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var l = lines[i];
            var containers = ContainerMarkers(l);
            if (containers > best.Score) best = (i + 1, containers, $"{containers} nested list or quote markers at the start of the line");
            int depth = 0, maxDepth = 0, emphasis = 0;
            foreach (var c in l)
            {
                if (c is '[' or '(') maxDepth = Math.Max(maxDepth, ++depth);
                else if (c is ']' or ')') depth = Math.Max(0, depth - 1);
                else if (c is '*' or '_' or '~') emphasis++;
            }
            if (maxDepth > best.Score) best = (i + 1, maxDepth, $"{maxDepth} nested brackets");
            if (emphasis > best.Score) best = (i + 1, emphasis, $"{emphasis} emphasis markers (* _ ~) in one line");
        }
        return (best.Line, best.Cause);
    }

    /// <summary>How many list (-, *, +, 1.) and quote (&gt;) markers open the line.</summary>
    private static int ContainerMarkers(string l)
    {
        int n = 0, i = 0;
        while (i < l.Length)
        {
            while (i < l.Length && l[i] is ' ' or '\t') i++;
            if (i >= l.Length) break;
            if (l[i] is '>') { n++; i++; continue; }
            if (l[i] is '-' or '*' or '+' && i + 1 < l.Length && l[i + 1] is ' ' or '\t') { n++; i += 2; continue; }
            int d = i;
            while (d < l.Length && char.IsAsciiDigit(l[d]) && d - i < 9) d++;
            if (d > i && d + 1 < l.Length && l[d] is '.' or ')' && l[d + 1] is ' ' or '\t') { n++; i = d + 2; continue; }
            break;
        }
        return n;
    }
}
