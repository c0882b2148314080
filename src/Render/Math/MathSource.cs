using Site.Core;
using Markdig.Extensions.Mathematics;
using Markdig.Syntax;

namespace Site.Render.Mathematics;

/// <summary>One formula found in a note's AST. <see cref="BodyLine0"/> is the 0-based body line where <see cref="Tex"/> starts.</summary>
public readonly record struct MathOccurrence(string Tex, bool Display, int BodyLine0);

/// <summary>How formulas are read off the Markdig AST. RenderMath and MathHtml must agree on this, so it lives here.</summary>
public static class MathSource
{
    /// <summary>The TeX of $…$, $$…$$ (inline), \(…\) and \[…\].</summary>
    public static string TexOf(MathInline math) => math.Content.ToString();

    /// <summary>$$…$$ and \[…\] are display math; $…$ and \(…\) are inline.</summary>
    public static bool IsDisplay(MathInline math) => math.DelimiterCount >= 2;

    /// <summary>The TeX of a fenced $$ block: its lines joined with '\n'.</summary>
    public static string TexOf(MathBlock block)
    {
        var lines = block.Lines;
        if (lines.Count == 0) return "";
        var parts = new string[lines.Count];
        for (int i = 0; i < lines.Count; i++) parts[i] = lines.Lines[i].Slice.ToString();
        return string.Join('\n', parts);
    }

    /// <summary>0-based body line of the first TeX line (the line after the opening $$ fence).</summary>
    public static int FirstLineOf(MathBlock block) => block.Lines.Count > 0 ? block.Lines.Lines[0].Line : block.Line + 1;

    /// <summary>Every formula in the document, in document order.</summary>
    public static List<MathOccurrence> Find(MarkdownDocument doc)
    {
        var found = new List<MathOccurrence>();
        MarkdownWalk.Each(doc, found, static (node, list) =>
        {
            switch (node)
            {
                case MathBlock block:
                    list.Add(new MathOccurrence(TexOf(block), true, FirstLineOf(block)));
                    break;
                case MathInline inline:
                    list.Add(new MathOccurrence(TexOf(inline), IsDisplay(inline), inline.Line));
                    break;
            }
        });
        return found;
    }

    /// <summary>Number of line breaks in <paramref name="tex"/> before <paramref name="index"/>.</summary>
    public static int LinesBefore(string tex, int index)
    {
        int n = 0;
        for (int i = 0; i < Math.Min(index, tex.Length); i++) if (tex[i] == '\n') n++;
        return n;
    }

    /// <summary>The formula for a message: whitespace collapsed, cut to <paramref name="max"/> characters.</summary>
    public static string Truncate(string tex, int max = 60)
    {
        var s = System.Text.RegularExpressions.Regex.Replace(tex.Trim(), @"\s+", " ");
        return s.Length <= max ? s : s[..(max - 1)] + "…";
    }
}
