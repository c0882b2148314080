using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Site.Render.Mathematics;

/// <summary>
/// Parses LaTeX-style math delimiters <c>\(…\)</c> (inline) and <c>\[…\]</c> (display) into Markdig's
/// <see cref="MathInline"/> (DelimiterCount 1 or 2, Delimiter '\\'), so they render exactly like $…$ / $$…$$.
/// Must run before the backslash-escape parser, hence inserted first. May span lines within a paragraph.
/// Inside code spans and code blocks nothing changes.
/// Also takes <c>$$…$$</c> display math that spans lines inside a paragraph (<c>$$a +\nb$$</c>, Obsidian/Pandoc style),
/// which Markdig's own $-parser (single-line only) leaves as text; single-line $…$ / $$…$$ stay with Markdig.
/// </summary>
public sealed class LatexMathInlineParser : InlineParser
{
    public LatexMathInlineParser() => OpeningCharacters = new[] { '\\', '$' };

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        if (slice.CurrentChar == '$') return MatchMultiLineDisplay(processor, ref slice);
        var startPosition = slice.Start;
        var open = slice.PeekChar(1);
        if (open != '(' && open != '[') return false;
        // "\\(" is an escaped backslash followed by "(": the escape parser has already consumed the first "\".
        char close = open == '(' ? ')' : ']';
        var text = slice.Text;
        int contentStart = slice.Start + 2;
        int i = contentStart;
        int end = slice.End;
        int closeAt = -1;
        while (i <= end)
        {
            var c = text[i];
            if (c == '\\' && i + 1 <= end)
            {
                if (text[i + 1] == close) { closeAt = i; break; }
                i += 2; // \\ or \{ … : skip the escaped character
                continue;
            }
            i++;
        }
        if (closeAt < 0) return false;
        var content = new StringSlice(text, contentStart, closeAt - 1);
        if (content.IsEmptyOrWhitespace()) return false;

        var inline = new MathInline
        {
            Span = new SourceSpan(processor.GetSourcePosition(startPosition, out var line, out var column), processor.GetSourcePosition(closeAt + 1)),
            Line = line,
            Column = column,
            Delimiter = '\\',
            DelimiterCount = open == '(' ? 1 : 2,
            Content = content,
        };
        inline.GetAttributes().AddClass("math");
        processor.Inline = inline;
        slice.Start = closeAt + 2;
        return true;
    }

    /// <summary>
    /// "costs $10 each, run `$ ls`": Markdig would take "$10 each, run `$" as math and break the code span. A single-$
    /// formula whose would-be content holds a backtick is not math: emit this "$" as text and let the code span parse.
    /// </summary>
    private static bool SingleDollarAcrossCode(InlineProcessor processor, ref StringSlice slice)
    {
        var text = slice.Text;
        int start = slice.Start, end = slice.End;
        for (int i = start + 1; i <= end; i++)
        {
            var c = text[i];
            if (c == '\\') { i++; continue; }
            if (c == '$') return false;            // closes before any backtick: Markdig decides
            if (c == '`')
            {
                processor.Inline = new LiteralInline("$")
                {
                    Span = new SourceSpan(processor.GetSourcePosition(start, out var line, out var column), processor.GetSourcePosition(start)),
                    Line = line,
                    Column = column,
                };
                slice.Start = start + 1;
                return true;
            }
        }
        return false;
    }

    private static bool MatchMultiLineDisplay(InlineProcessor processor, ref StringSlice slice)
    {
        var text = slice.Text;
        int start = slice.Start, end = slice.End;
        if (start > 0 && text[start - 1] is '$' or '\\') return false;
        if (start + 1 > end || text[start + 1] != '$') return SingleDollarAcrossCode(processor, ref slice);
        if (start + 2 <= end && text[start + 2] == '$') return false;   // $$$ is not ours
        int i = start + 2, closeAt = -1;
        bool sawNewline = false;
        while (i < end)
        {
            var c = text[i];
            if (c == '\\') { i += 2; continue; }
            if (c == '\n') sawNewline = true;
            else if (c == '$')
            {
                if (text[i + 1] == '$') { closeAt = i; break; }
                return false; // a lone $ inside: leave it to Markdig
            }
            i++;
        }
        if (closeAt < 0 || !sawNewline) return false;
        if (closeAt + 2 <= end && (text[closeAt + 2] == '$' || char.IsAsciiDigit(text[closeAt + 2]))) return false;
        var content = new StringSlice(text, start + 2, closeAt - 1);
        if (content.IsEmptyOrWhitespace()) return false;
        var inline = new MathInline
        {
            Span = new SourceSpan(processor.GetSourcePosition(start, out var line, out var column), processor.GetSourcePosition(closeAt + 1)),
            Line = line,
            Column = column,
            Delimiter = '$',
            DelimiterCount = 2,
            Content = content,
        };
        inline.GetAttributes().AddClass("math");
        processor.Inline = inline;
        slice.Start = closeAt + 2;
        return true;
    }
}

/// <summary>Registers <see cref="LatexMathInlineParser"/>. Use after UseMathematics().</summary>
public sealed class LatexMathDelimitersExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<LatexMathInlineParser>())
            pipeline.InlineParsers.Insert(0, new LatexMathInlineParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer) { }
}

public static class LatexMathDelimitersPipelineExtensions
{
    /// <summary>Adds \(…\) and \[…\] math (see <see cref="LatexMathInlineParser"/>).</summary>
    public static MarkdownPipelineBuilder UseLatexMathDelimiters(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<LatexMathDelimitersExtension>();
        return pipeline;
    }
}
