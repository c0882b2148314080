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
/// <item><c>$</c> opens a formula that ends at the next unescaped <c>$</c> on the same line: either tight
///   (<c>$x$</c>: no space after the opener nor before the closer) or spaced on both sides (<c>$ x $</c>, then without
///   Chinese inside). The closer must not be followed by another <c>$</c>, nor by a digit when the formula starts with
///   one (<c>$5-$10</c>); spaced formulas never start with a digit (<c>$ 5 and $ 3</c>).
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
        int run = 0;
        while (start + run <= end && text[start + run] == '$') run++;
        if (run <= 2)
        {
            int close = run == 1 ? FindSingleClose(text, start + 1, end) : FindDoubleClose(text, start + 2, end);
            if (close >= 0)
            {
                var content = new StringSlice(text, start + run, close - 1);
                if (!content.IsEmptyOrWhitespace())
                {
                    var math = new MathInline
                    {
                        Span = new SourceSpan(processor.GetSourcePosition(start, out var line, out var column), processor.GetSourcePosition(close + run - 1)),
                        Line = line,
                        Column = column,
                        Delimiter = '$',
                        DelimiterCount = run,
                        Content = content,
                    };
                    math.GetAttributes().AddClass("math");
                    processor.Inline = math;
                    slice.Start = close + run;
                    return true;
                }
            }
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

    /// <summary>The closing '$' of a formula whose content starts at <paramref name="from"/>, or -1.</summary>
    private static int FindSingleClose(string text, int from, int end)
    {
        if (from > end) return -1;
        // "$ k $" (Typora, KaTeX auto-render): a space inside both delimiters is accepted when the formula holds no
        // Chinese and does not start with a digit, so "$ 5 and got $ 3" and prose between two prices stay text.
        bool spaced = text[from] is ' ' or '\t';
        for (int i = from; i <= end; i++)
        {
            var c = text[i];
            if (c == '\\') { i++; continue; }
            if (c is '\n' or '\r' or '`') return -1;
            if (spaced && IsHan(c)) return -1;
            if (c != '$') continue;
            if (char.IsWhiteSpace(text[i - 1]) != spaced || i == from) return -1;
            if (i + 1 <= end && text[i + 1] == '$') return -1;
            // "$5-$10": a price range, not the formula "5-" (but "$-$1", a minus sign before a number, is math).
            var first = FirstNonSpace(text, from, i);
            if (char.IsAsciiDigit(first) && (spaced || (i + 1 <= end && char.IsAsciiDigit(text[i + 1])))) return -1;
            return i;
        }
        return -1;
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
