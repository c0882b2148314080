using System.Collections.Immutable;

namespace Site.Normalize;

/// <summary>A source line the outliner left out, and why (<see cref="DropReason"/>). Line is 1-based.</summary>
public sealed record DroppedLine(int Line, string Text, string Reason);

/// <summary>A heading the outliner inferred: 1-based source line, level (1 = top), text as written.</summary>
public sealed record InferredHeading(int Line, int Level, string Text);

/// <summary>What <see cref="PlainTextOutliner.Convert"/> produced.</summary>
public sealed record PlainTextResult
{
    public required string Markdown { get; init; }
    /// <summary>0-based Markdown line → 1-based line of the converted text.</summary>
    public required ImmutableArray<int> LineMap { get; init; }
    /// <summary>Forum thread title or PDF first line, or null.</summary>
    public string? Title { get; init; }
    public ImmutableArray<DroppedLine> Dropped { get; init; } = ImmutableArray<DroppedLine>.Empty;
    public ImmutableArray<InferredHeading> Headings { get; init; } = ImmutableArray<InferredHeading>.Empty;
}
