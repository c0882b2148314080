using Markdig.Extensions.Mathematics;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Site.Render.Mathematics;

/// <summary>
/// Parses <c>$…$</c> (inline) and <c>$$…$$</c> (display) math, replacing Markdig's own $-parser, whose
/// emphasis-style flanking rules reject a <c>$</c> touching a Chinese character (<c>是$f(i-j)$位置</c>, <c>$\alpha$是</c>)
/// and then pair the next <c>$</c> on the line wrongly. Rules (Pandoc's, without the flanking):
/// <list type="bullet">
/// <item><c>$</c> opens a formula that ends at the next unescaped <c>$</c> on the same line (or in the same paragraph
///   when it starts with a command: <c>$\begin{aligned} … \end{aligned}$</c>), not followed by another <c>$</c>. Tight (<c>$x$</c>: no space after the opener nor before the closer): always, except a digit on both
///   sides (<c>$5-$10</c>). With a space inside (<c>$ k $</c>, <c>$Q(s_t) $</c>, Typora and KaTeX auto-render accept
///   these): only without Chinese inside, not starting with a digit, and spaced on both sides, TeX-like
///   (<c>\</c>, <c>^</c>, <c>_</c>, <c>{</c>, <c>=</c>) or one token (<c>$ f$</c>) — so <c>$5 and $10</c> and
///   <c>$x and $y</c> stay prose. A TeX-like, Chinese-free formula may continue on the paragraph's next line.
///   If that next <c>$</c> does not qualify, the opening <c>$</c> is text (so <c>$5 and $10</c> stays prose).</item>
/// <item><c>$$</c> ends at the next <c>$$</c> in the same paragraph (it may span lines).</item>
/// <item>A backtick before the closing delimiter ends the search: math never pairs across a code span.</item>
/// <item><c>\$</c> is text (the escape parser sees it first: a backslash is not ours).</item>
/// </list>
/// A <c>$</c> left as text is an <see cref="UnpairedDollarInline"/>, so the math stage can warn about the ones that look like TeX.
/// </summary>
public sealed class DollarMathInlineParser : InlineParser
{
    public DollarMathInlineParser() => OpeningCharacters = new[] { '$' };

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var text = slice.Text;
        int start = slice.Start, end = slice.End;
        int run = Run(text, start, end);
        int close = Close(text, start, run, end);
        if (close >= 0)
        {
            var math = new MathInline
            {
                Span = new SourceSpan(processor.GetSourcePosition(start, out var line, out var column), processor.GetSourcePosition(close + run - 1)),
                Line = line,
                Column = column,
                Delimiter = '$',
                DelimiterCount = run,
                Content = new StringSlice(text, start + run, close - 1),
            };
            math.GetAttributes().AddClass("math");
            processor.Inline = math;
            slice.Start = close + run;
            return true;
        }
        var literal = new UnpairedDollarInline(new string('$', run), run <= 2 && LooksLikeTex(text, start + run, end))
        {
            Span = new SourceSpan(processor.GetSourcePosition(start, out var l, out var c), processor.GetSourcePosition(start + run - 1)),
            Line = l,
            Column = c,
        };
        processor.Inline = literal;
        slice.Start = start + run;
        return true;
    }

    /// <summary>
    /// The formula that the '$' at <paramref name="dollar"/> opens in plain <paramref name="text"/>, by the rules above
    /// (the one owner of '$' pairing: descriptions and other plain-text views call this instead of a regex of their own).
    /// False for a '$' that stays text (also an escaped <c>\$</c>, which in Markdown the escape parser takes first);
    /// <paramref name="next"/> is then just past it (past its run of '$' when not escaped).
    /// </summary>
    public static bool TryFindMath(string text, int dollar, out int contentStart, out int contentEnd, out int next)
    {
        if (dollar > 0 && text[dollar - 1] == '\\') { contentStart = contentEnd = -1; next = dollar + 1; return false; }
        int end = text.Length - 1, run = Run(text, dollar, end), close = Close(text, dollar, run, end);
        if (close < 0) { contentStart = contentEnd = -1; next = dollar + run; return false; }
        contentStart = dollar + run; contentEnd = close; next = close + run;
        return true;
    }

    private static int Run(string text, int start, int end)
    {
        int run = 0;
        while (start + run <= end && text[start + run] == '$') run++;
        return run;
    }

    /// <summary>Where the formula opened by <paramref name="run"/> dollars at <paramref name="start"/> closes, or -1
    /// (also for three or more dollars and for blank content).</summary>
    private static int Close(string text, int start, int run, int end)
    {
        if (run > 2) return -1;
        int close = run == 1 ? FindSingleClose(text, start + 1, end) : FindDoubleClose(text, start + 2, end);
        if (close < 0) return -1;
        for (int i = start + run; i < close; i++) if (!char.IsWhiteSpace(text[i])) return close;
        return -1;
    }

    /// <summary>The closing '$' of a formula whose content starts at <paramref name="from"/>, or -1.</summary>
    private static int FindSingleClose(string text, int from, int end)
    {
        if (from > end) return -1;
        bool han = false, tex = false;
        // "$\begin{aligned} … \end{aligned}$" may span the lines of its paragraph; other single-$ formulas stay on theirs.
        // So may a '$' that ends its line ("矩阵⏎$⏎A=⏎\begin{bmatrix}…⏎$，求"), when the formula is TeX and Chinese-free.
        bool lineEndOpen = text[from] is '\n' or '\r';
        bool multiLine = lineEndOpen || text[from] == '\\' && from + 1 <= end && char.IsAsciiLetter(text[from + 1]);
        for (int i = from; i <= end; i++)
        {
            var c = text[i];
            if (c == '\\') { tex = true; i++; continue; }
            // A line break: only inside a command-led formula, or one that is TeX-like and Chinese-free so far
            // ("$D=(\mathrm{x}_i,\n$"); never into a table row.
            if (c is '\n' or '\r' && (!(multiLine || tex && !han) || i + 1 <= end && text[i + 1] == '|')) return -1;
            if (c == '`') return -1;
            if (c is '^' or '_' or '{' or '=') tex = true;
            else if (IsHan(c)) han = true;
            if (c != '$') continue;
            if (i == from || i + 1 <= end && text[i + 1] == '$') return -1;
            var first = FirstNonSpace(text, from, i);
            bool spaceAfterOpen = char.IsWhiteSpace(text[from]), spaceBeforeClose = char.IsWhiteSpace(text[i - 1]);
            if (!spaceAfterOpen && !spaceBeforeClose)
            {
                // "$5-$10": a price range, not the formula "5-" (but "$-$1", a minus sign before a number, is math).
                if (char.IsAsciiDigit(first) && i + 1 <= end && char.IsAsciiDigit(text[i + 1])) return -1;
                return i;
            }
            // Spaced inside: "$ k $" (both sides), or "$Q(s_t) $" / "$ \pi(s)$" when the content is TeX-like.
            if (han || char.IsAsciiDigit(first) || first == ' ' || lineEndOpen && !tex) return -1;
            return spaceAfterOpen && spaceBeforeClose || tex || IsOneToken(text, from, i) ? i : -1;
        }
        return -1;
    }

    /// <summary>The text between the delimiters, trimmed, has no whitespace inside: "$ f$", "$D(t) $", "$K $".</summary>
    private static bool IsOneToken(string text, int from, int to)
    {
        while (from < to && char.IsWhiteSpace(text[from])) from++;
        while (to > from && char.IsWhiteSpace(text[to - 1])) to--;
        for (int i = from; i < to; i++) if (char.IsWhiteSpace(text[i])) return false;
        return to > from;
    }

    private static char FirstNonSpace(string text, int from, int to)
    {
        while (from < to && char.IsWhiteSpace(text[from])) from++;
        return from < to ? text[from] : ' ';
    }

    private static bool IsHan(char c) => c is >= '\u3000' and <= '\u9fff' or >= '\uff00' and <= '\uffef';

    /// <summary>The first '$' of the closing "$$" of display math whose content starts at <paramref name="from"/>, or -1.</summary>
    private static int FindDoubleClose(string text, int from, int end)
    {
        for (int i = from; i < end; i++)
        {
            var c = text[i];
            if (c == '\\') { i++; continue; }
            if (c == '`') return -1;
            if (c == '\n' && IsBlankLineAhead(text, i + 1, end)) return -1;
            if (c != '$') continue;
            if (text[i + 1] != '$') continue;                       // a lone $ inside display math (\text{$x$})
            if (i + 2 <= end && text[i + 2] == '$') return -1;      // $$$: not ours
            // "$$6 … 7$$8": money, as for single dollars.
            if (i + 2 <= end && char.IsAsciiDigit(text[i + 2]) && char.IsAsciiDigit(FirstNonSpace(text, from, i))) return -1;
            return i;
        }
        return -1;
    }

    private static bool IsBlankLineAhead(string text, int from, int end)
    {
        for (int i = from; i <= end; i++)
        {
            if (text[i] == '\n') return true;
            if (!char.IsWhiteSpace(text[i])) return false;
        }
        return false;
    }

    /// <summary>Text after an unpaired '$' that reads like TeX: a command (<c>\alpha</c>) or a script (<c>x^2</c>, <c>W_q</c>).</summary>
    internal static bool LooksLikeTex(string text, int from, int end)
    {
        if (from > end) return false;
        if (text[from] == '\\') return from + 1 <= end && char.IsAsciiLetter(text[from + 1]);
        int i = from;
        while (i <= end && char.IsAsciiLetterOrDigit(text[i]) && i - from < 8) i++;
        return i > from && i <= end && text[i] is '^' or '_';
    }
}

/// <summary>A '$' (or "$$") that opened no formula and is shown as text; <see cref="LooksLikeMath"/> when TeX follows it.</summary>
public sealed class UnpairedDollarInline : LiteralInline
{
    public UnpairedDollarInline(string text, bool looksLikeMath) : base(text) => LooksLikeMath = looksLikeMath;

    public bool LooksLikeMath { get; }
}
