using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax;

namespace Site.Render.Toc;

/// <summary>
/// Opens a <see cref="TocBlock"/> for a line that is exactly <c>[toc]</c> or <c>[[toc]]</c> (any case, up to three
/// spaces of indent, trailing spaces allowed). It may interrupt a paragraph: the marker is never prose.
/// </summary>
public sealed class TocBlockParser : BlockParser
{
    public TocBlockParser() => OpeningCharacters = new[] { '[' };

    public override bool CanInterrupt(BlockProcessor processor, Block block) => true;

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.IsCodeIndent) return BlockState.None;
        var line = processor.Line;
        if (!IsMarker(line.Text, line.Start, line.End)) return BlockState.None;
        processor.NewBlocks.Push(new TocBlock(this)
        {
            Line = processor.LineIndex,
            Column = processor.Column,
            Span = new SourceSpan(line.Start, line.End),
        });
        return BlockState.BreakDiscard;
    }

    /// <summary>Whether text[start..end] is a toc marker.</summary>
    public static bool IsMarker(string text, int start, int end)
    {
        while (end >= start && char.IsWhiteSpace(text[end])) end--;
        var s = text.AsSpan(start, end - start + 1);
        return s.Equals("[toc]", StringComparison.OrdinalIgnoreCase) || s.Equals("[[toc]]", StringComparison.OrdinalIgnoreCase);
    }
}
