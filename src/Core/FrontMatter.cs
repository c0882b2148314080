using System.Collections.Immutable;

namespace Site.Core;

/// <summary>Front matter keys that Jekyll, Hugo and Obsidian notes use, plus every unknown key kept as-is.</summary>
public sealed record FrontMatter
{
    public static readonly FrontMatter Empty = new();

    public string? Title { get; init; }
    public DateTimeOffset? Date { get; init; }        // date / created
    public DateTimeOffset? Modified { get; init; }    // modified / lastmod / updated
    public ImmutableArray<string> Tags { get; init; } = ImmutableArray<string>.Empty;
    public string? Permalink { get; init; }
    public string? Excerpt { get; init; }
    public bool Draft { get; init; }
    public string? Layout { get; init; }
    public bool? Toc { get; init; }
    public ImmutableArray<string> Aliases { get; init; } = ImmutableArray<string>.Empty;
    /// <summary>Every key not modelled above (e.g. author_profile, toc_sticky, a misspelt "data").</summary>
    public ImmutableDictionary<string, object?> Extra { get; init; } = ImmutableDictionary<string, object?>.Empty;
}
