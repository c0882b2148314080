using Markdig.Parsers;
using Markdig.Syntax;

namespace Site.Render.LiquidTags;

/// <summary>
/// A Hexo / Jekyll tag the site does not render itself: a paired <c>{% name %}…{% endname %}</c> whose content is
/// kept as Markdown (the tag lines are dropped), or, as <see cref="LiquidTagLine"/>, a tag alone on its line that is dropped.
/// Both are reported (<see cref="LiquidTagReport"/>) unless <see cref="Silent"/>.
/// </summary>
public sealed class LiquidTagBlock : ContainerBlock
{
    public LiquidTagBlock(BlockParser parser) : base(parser) { }

    public required string Name { get; init; }

    /// <summary>True for tags whose lines mean nothing on a page of ours (<c>{% raw %}</c>): dropped without a warning.</summary>
    public bool Silent { get; init; }
}

/// <summary>A tag alone on its line with no closing tag (<c>{% gist … %}</c>, a stray <c>{% endnote %}</c>): dropped and reported.</summary>
public sealed class LiquidTagLine : LeafBlock
{
    public LiquidTagLine(BlockParser parser) : base(parser) { }

    /// <summary>The tag as written, for the warning.</summary>
    public required string Tag { get; init; }
}
