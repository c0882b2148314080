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
/// Inside code spans and code blocks nothing changes. Dollar math is <see cref="DollarMathInlineParser"/>'s.
/// </summary>
public sealed class LatexMathInlineParser : InlineParser
{
    public LatexMathInlineParser() => OpeningCharacters = new[] { '\\' };

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
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
