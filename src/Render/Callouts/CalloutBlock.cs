using Markdig.Parsers;
using Markdig.Syntax;

namespace Site.Render.Callouts;

/// <summary>How a callout opens: always shown (<c>[!note]</c>), folded (<c>[!note]-</c>) or foldable and open (<c>[!note]+</c>).</summary>
public enum CalloutFold { None, Closed, Open }

/// <summary>
/// An Obsidian callout / GitHub alert: a block quote whose first line is <c>[!type]</c>, optionally followed by
/// <c>-</c> or <c>+</c> and a title. Its first child is the <see cref="CalloutTitle"/>; the rest is the quote's content.
/// </summary>
public sealed class CalloutBlock : ContainerBlock
{
    public CalloutBlock(BlockParser? parser) : base(parser) { }

    /// <summary>The type as written, lower case ("note", "definition", "ai_summary").</summary>
    public required string Type { get; init; }

    /// <summary>The style it is shown with (<see cref="CalloutTypes.Style"/>): "note", "tip", "warning" …</summary>
    public required string Style { get; init; }

    public CalloutFold Fold { get; init; }
}

/// <summary>A callout's title line: the inlines after <c>[!type]</c>, or the type's name when the line had none.</summary>
public sealed class CalloutTitle : LeafBlock
{
    public CalloutTitle(BlockParser? parser) : base(parser) { }

    /// <summary>The title shown when the marker line had no text ("Note", "Definition").</summary>
    public string? DefaultText { get; init; }
}
