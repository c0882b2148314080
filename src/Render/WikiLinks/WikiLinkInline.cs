using Markdig.Syntax.Inlines;

namespace Site.Render.WikiLinks;

/// <summary>
/// An Obsidian link: <c>[[note]]</c>, <c>[[note|text]]</c>, <c>[[note#heading|text]]</c>, <c>[[#heading]]</c>,
/// or an embed <c>![[image.png]]</c> (<c>![[image.png|300]]</c> sets the width). Its children are the text
/// shown. <see cref="LinkInline.Url"/> stays null until <see cref="LinkResolver"/> finds the target.
/// </summary>
public sealed class WikiLinkInline : LinkInline
{
    /// <summary>The note or file name as written ("dir/note", "note.md", "image.png"); "" for the note itself.</summary>
    public string Target { get; init; } = "";
    /// <summary>Heading after '#', or null.</summary>
    public string? Anchor { get; init; }
    /// <summary>Text after '|', or null.</summary>
    public string? Alias { get; init; }
    /// <summary>Width in pixels from <c>![[image.png|300]]</c>, else null.</summary>
    public int? Width { get; init; }
    /// <summary>The whole source text, e.g. "[[note#h|text]]" (for diagnostics).</summary>
    public string Source { get; init; } = "";
}
