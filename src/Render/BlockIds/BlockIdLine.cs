using Markdig.Parsers;
using Markdig.Syntax;

namespace Site.Render.BlockIds;

/// <summary>A line holding only <c>^id</c>: names the block before it (<see cref="BlockIdTransform"/>). Left in the
/// document only before a table (whose HTML is wrapped by its own text), where it renders as an empty anchor.</summary>
public sealed class BlockIdLine : LeafBlock
{
    public BlockIdLine(BlockParser? parser) : base(parser) { }

    public required string Id { get; init; }
}

/// <summary>Opens a <see cref="BlockIdLine"/>; it interrupts a paragraph, so table rows followed at once by "^id" stay a table.</summary>
public sealed class BlockIdLineParser : BlockParser
{
    public BlockIdLineParser() => OpeningCharacters = new[] { '^' };

    public override bool CanInterrupt(BlockProcessor processor, Block block) => true;

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.IsCodeIndent) return BlockState.None;
        var line = processor.Line;
        var m = BlockIdSyntax.Trailing().Match(line.ToString());
        if (!m.Success || m.Index != 0) return BlockState.None;
        processor.NewBlocks.Push(new BlockIdLine(this)
        {
            Id = "^" + m.Groups[1].Value,
            Line = processor.LineIndex, Column = processor.Column, Span = new SourceSpan(line.Start, line.End),
        });
        return BlockState.BreakDiscard;
    }
}

/// <summary>An id line left before a table: <c>&lt;a id="^id" class="block-id"&gt;&lt;/a&gt;</c>, a link target taking no room.</summary>
public sealed class BlockIdLineRenderer : Markdig.Renderers.Html.HtmlObjectRenderer<BlockIdLine>
{
    protected override void Write(Markdig.Renderers.HtmlRenderer renderer, BlockIdLine block)
    {
        renderer.EnsureLine();
        renderer.Write("<a id=\"").WriteEscape(block.Id).WriteLine("\" class=\"block-id\"></a>");
    }
}
