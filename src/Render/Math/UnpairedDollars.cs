using Markdig.Syntax;
using Site.Core;

namespace Site.Render.Mathematics;

/// <summary>
/// Warnings for a '$' that opened no formula but is followed by TeX (<c>$\alpha</c>, <c>$x^2</c>, <c>$W_q</c>): usually a
/// formula whose closing '$' is missing or was rejected (a space before it, a code span inside). Prices stay quiet.
/// Reads the <see cref="UnpairedDollarInline"/>s <see cref="DollarMathInlineParser"/> left in the AST.
/// </summary>
public static class UnpairedDollars
{
    public const int MaxPerNote = 5;

    public static void Report(Note note, MarkdownDocument doc, DiagnosticBag diagnostics)
    {
        int count = 0;
        UnpairedDollarInline? last = null;
        foreach (var d in MarkdownWalk.All<UnpairedDollarInline>(doc))
        {
            if (!d.LooksLikeMath) continue;
            if (++count <= MaxPerNote)
                diagnostics.Warn(note.SourcePath, note.SourceLineOf(d.Line),
                    $"math: unpaired \"{d.Content}\" before \"{Snippet(d)}\" is shown as text; close the formula, or write \\$ for a dollar sign");
            last = d;
        }
        if (count > MaxPerNote && last is not null)
            diagnostics.Warn(note.SourcePath, note.SourceLineOf(last.Line), $"math: {count - MaxPerNote} more unpaired \"$\" in this note");
    }

    private static string Snippet(UnpairedDollarInline d)
    {
        var s = d.NextSibling is Markdig.Syntax.Inlines.LiteralInline l ? l.Content.ToString() : "";
        s = s.Split('\n')[0];
        return s.Length <= 24 ? s : s[..23] + "…";
    }
}
