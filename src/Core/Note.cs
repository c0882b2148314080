using System.Collections.Immutable;
using Markdig.Syntax;
using Site.Normalize;

namespace Site.Core;

public enum NoteFormat { Markdown, PlainText }

/// <summary>
/// The document that flows through the pipeline (read → normalize → render → index → emit).
/// Immutable: each module returns a new Note with <c>with { … }</c>. (The Markdig AST it carries is
/// built once in Normalize and only read afterwards.)
/// </summary>
public sealed record Note
{
    /// <summary>Path relative to the input folder, '/'-separated, e.g. <c>ml/lora.md</c>. Used in diagnostics.</summary>
    public required string SourcePath { get; init; }
    public required string FullPath { get; init; }
    public NoteFormat Format { get; init; }
    /// <summary>Whole decoded file text (LF line endings).</summary>
    public string Text { get; init; } = "";
    public FrontMatter Meta { get; init; } = FrontMatter.Empty;
    /// <summary>1-based line of the source file where <see cref="Body"/> starts.</summary>
    public int BodyLine { get; init; } = 1;
    /// <summary>Markdown body (after front matter; for plain-text notes, the outline-inferred Markdown).</summary>
    public string Body { get; init; } = "";
    /// <summary>For generated Markdown: 0-based body line → 1-based source line. Null means BodyLine + i.</summary>
    public ImmutableArray<int> LineMap { get; init; }

    public string Title { get; init; } = "";
    /// <summary>Site-relative URL without base, no leading slash, ending in '/': <c>notes/lora/</c>; "" for the home page.</summary>
    public string Url { get; init; } = "";
    /// <summary>Output file relative to the output root: <c>notes/lora/index.html</c>.</summary>
    public string OutputPath { get; init; } = "";
    public DateTimeOffset? Date { get; init; }
    public DateTimeOffset? Modified { get; init; }

    public MarkdownDocument? Ast { get; init; }
    public ImmutableArray<Section> Sections { get; init; } = ImmutableArray<Section>.Empty;
    /// <summary>Plain text (math as TeX) before the first heading, as Normalize computed it; null before Normalize.</summary>
    public string? Intro { get; init; }
    private string? _html = "";
    private ReadOnlyMemory<byte> _htmlUtf8;

    /// <summary>Rendered article HTML (body only, no layout). Decoded on first use when the note came from the cache as UTF-8.</summary>
    public string Html
    {
        get => _html ??= System.Text.Encoding.UTF8.GetString(_htmlUtf8.Span);
        init { _html = value; _htmlUtf8 = default; }
    }

    /// <summary>
    /// The same HTML as UTF-8 when that is how it arrived (from the note cache), else empty. Emit writes it
    /// as it is, so a cached note's HTML is never transcoded to UTF-16 and back.
    /// </summary>
    public ReadOnlyMemory<byte> HtmlUtf8
    {
        get => _htmlUtf8;
        init { _htmlUtf8 = value; _html = value.IsEmpty ? "" : null; }
    }

    /// <summary>Source line (1-based) for a 0-based line of <see cref="Body"/>.</summary>
    public int SourceLineOf(int bodyLine0)
    {
        if (!LineMap.IsDefaultOrEmpty && bodyLine0 >= 0 && bodyLine0 < LineMap.Length) return LineMap[bodyLine0];
        return BodyLine + Math.Max(0, bodyLine0);
    }
}
