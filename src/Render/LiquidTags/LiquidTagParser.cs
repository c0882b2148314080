using System.Text.RegularExpressions;
using Markdig.Parsers;
using Markdig.Syntax;
using Site.Render.Callouts;

namespace Site.Render.LiquidTags;

/// <summary>
/// Hexo and Jekyll (Liquid) tags alone on a line: <c>{% note info %}</c>…<c>{% endnote %}</c> becomes a callout
/// (<see cref="CalloutBlock"/>, styled by its class), <c>{% blockquote %}</c>, <c>{% cq %}</c> and <c>{% pullquote %}</c> a block
/// quote, <c>{% codeblock lang:x %}</c> and <c>{% highlight x %}</c> a code block; any other tag with a closing tag keeps its
/// content (<see cref="LiquidTagBlock"/>), one without is dropped (<see cref="LiquidTagLine"/>). A tag may interrupt a paragraph.
/// </summary>
public sealed partial class LiquidTagParser : BlockParser
{
    public LiquidTagParser() => OpeningCharacters = new[] { '{' };

    [GeneratedRegex(@"^\{%-?\s*([A-Za-z_][\w-]*)(.*?)-?%\}\s*$")]
    private static partial Regex TagLine();

    private static readonly string[] QuoteTags = { "blockquote", "quote", "cq", "centerquote", "pullquote" };
    private static readonly string[] CodeTags = { "codeblock", "code", "highlight" };

    public override bool CanInterrupt(BlockProcessor processor, Block block) => true;

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.IsCodeIndent) return BlockState.None;
        var line = processor.Line;
        var m = TagLine().Match(line.ToString());
        if (!m.Success) return BlockState.None;
        var name = m.Groups[1].Value.ToLowerInvariant();
        var args = m.Groups[2].Value.Trim();
        var closed = !name.StartsWith("end", StringComparison.Ordinal) && HasEndTag(line.Text, line.End, name);
        Block block;
        if (!closed) block = new LiquidTagLine(this) { Tag = m.Value.Trim() };
        else if (name == "note") block = new CalloutBlock(this) { Type = "note", Style = NoteStyle(args), Fold = CalloutFold.None };
        else if (QuoteTags.Contains(name)) block = new QuoteBlock(this) { QuoteChar = '>' };
        else if (CodeTags.Contains(name)) block = new Markdig.Syntax.FencedCodeBlock(this) { Info = CodeLanguage(name, args), FencedChar = '`', OpeningFencedCharCount = 3 };
        else block = new LiquidTagBlock(this) { Name = name, Silent = name == "raw" };
        block.Line = processor.LineIndex;
        block.Column = processor.Column;
        block.Span = new SourceSpan(line.Start, line.End);
        processor.NewBlocks.Push(block);
        return block is LiquidTagLine ? BlockState.BreakDiscard : BlockState.ContinueDiscard;
    }

    public override BlockState TryContinue(BlockProcessor processor, Block block)
    {
        if (block is LiquidTagLine) return BlockState.None;
        var name = block switch
        {
            LiquidTagBlock t => t.Name,
            CalloutBlock => "note",
            _ => null,
        };
        var line = processor.Line.ToString().Trim();
        if (TagLine().Match(line) is { Success: true } m && m.Groups[1].Value.StartsWith("end", StringComparison.OrdinalIgnoreCase)
            && (name is null ? IsEndOf(m.Groups[1].Value, block) : m.Groups[1].Value.Equals("end" + name, StringComparison.OrdinalIgnoreCase)))
        {
            block.UpdateSpanEnd(processor.Line.End);
            return BlockState.BreakDiscard;
        }
        return BlockState.Continue;
    }

    /// <summary>A quote or code block made by this parser ends at the end tag of any of its kind's names.</summary>
    private static bool IsEndOf(string endName, Block block)
    {
        var n = endName[3..].ToLowerInvariant();
        return block is QuoteBlock ? QuoteTags.Contains(n) : CodeTags.Contains(n);
    }

    private static bool HasEndTag(string text, int from, string name) =>
        from + 1 < text.Length && Regex.IsMatch(text.AsSpan(from + 1), @"\{%-?\s*end" + Regex.Escape(name) + @"\s*-?%\}", RegexOptions.IgnoreCase);

    /// <summary>Hexo's note classes (NexT: default, primary, info, success, warning, danger) as callout styles.</summary>
    private static string NoteStyle(string args)
    {
        foreach (var a in args.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            switch (a.ToLowerInvariant())
            {
                case "success": return "success";
                case "warning": return "warning";
                case "danger": return "danger";
                case "info" or "primary" or "default": return "note";
            }
        return "note";
    }

    /// <summary><c>{% codeblock [title] lang:python %}</c> → "python"; <c>{% highlight ruby linenos %}</c> → "ruby".</summary>
    private static string CodeLanguage(string name, string args)
    {
        var words = args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lang = words.FirstOrDefault(w => w.StartsWith("lang:", StringComparison.OrdinalIgnoreCase));
        if (lang is not null) return lang[5..];
        return name == "highlight" && words.Length > 0 ? words[0] : "";
    }
}
