using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Site.Core;
using Site.Normalize;

namespace Site.Incremental;

/// <summary>
/// What a note's per-note results depend on: its path, its content (hash of the decoded text, front
/// matter included) and the URL the read stage gave it (URLs are assigned site-wide: a clash with a new
/// note can move an unchanged one).
/// </summary>
public sealed record NoteKey(string SourcePath, string ContentHash, string Url, string OutputPath)
{
    public static NoteKey Of(Note note) => new(note.SourcePath, Hash(note.Text), note.Url, note.OutputPath);

    public static string Hash(string text) =>
        Site.Core.ContentHash.Of(text.AsSpan()).ToHex();
}

/// <summary>
/// What the normalize stage added to a read note. Applied to this build's read note (so read-stage
/// fields such as dates and front matter always come from this build, never from the cache).
/// </summary>
/// <param name="Body">The normalized body; null when it is the read body unchanged (Markdown notes: not stored twice).</param>
public sealed record NormalizedPart(string? Body, ImmutableArray<int> LineMap, string Title, string? Intro, ImmutableArray<Section> Sections)
{
    public static NormalizedPart Of(Note normalized, Note read) =>
        new(string.Equals(normalized.Body, read.Body, StringComparison.Ordinal) ? null : normalized.Body, normalized.LineMap, normalized.Title, normalized.Intro, normalized.Sections);
    public Note ApplyTo(Note read) => read with { Body = Body ?? read.Body, LineMap = LineMap, Title = Title, Intro = Intro, Sections = Sections, Ast = null, Html = "" };
}

/// <summary>
/// One note's results from an earlier build. Immutable once published: a changed note gets a new
/// entry, so a build never sees half of an update.
/// </summary>
public sealed record NoteCacheEntry
{
    public required NoteKey Key { get; init; }
    /// <summary>Output of the normalize stage; null when a normalize module dropped the note.</summary>
    public NormalizedPart? Normalized { get; init; }
    public ImmutableArray<Diagnostic> NormalizeDiagnostics { get; init; } = ImmutableArray<Diagnostic>.Empty;

    /// <summary>Rendered article HTML, valid only while the site's link universe is <see cref="RenderUniverse"/>.</summary>
    public string? Html { get; init; }
    /// <summary>The rendered HTML as UTF-8 when the entry was loaded from disk (then <see cref="Html"/> is null).</summary>
    public ReadOnlyMemory<byte> HtmlUtf8 { get; init; }
    public bool HasHtml => Html is not null || !HtmlUtf8.IsEmpty;
    /// <summary>A note of this build carrying the cached HTML (as UTF-8 when it came from disk).</summary>
    public Note WithHtml(Note n) => Html is not null ? n with { Html = Html } : n with { HtmlUtf8 = HtmlUtf8 };
    public string? RenderUniverse { get; init; }
    public ImmutableArray<Diagnostic> RenderDiagnostics { get; init; } = ImmutableArray<Diagnostic>.Empty;
    /// <summary>Input-folder assets (images, PDFs) this note's links point at; emit copies only used assets.</summary>
    public ImmutableArray<string> UsedAssets { get; init; } = ImmutableArray<string>.Empty;
}

/// <summary>Per-note results kept between builds, keyed by source path (in memory; see <see cref="NoteCacheFile"/> for disk).</summary>
public sealed class NoteCache
{
    private readonly ConcurrentDictionary<string, NoteCacheEntry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;
    public IEnumerable<NoteCacheEntry> Entries => _entries.Values;
    public bool TryGet(string sourcePath, out NoteCacheEntry entry) => _entries.TryGetValue(sourcePath, out entry!);
    public void Set(NoteCacheEntry entry) => _entries[entry.Key.SourcePath] = entry;
    public void Clear() => _entries.Clear();
    /// <summary>True once a build changed an entry since the cache was loaded or saved.</summary>
    public bool Dirty { get; set; }

    /// <summary>Forgets notes that are gone (deleted, renamed, now a draft…).</summary>
    public void RetainOnly(IReadOnlySet<string> sourcePaths)
    {
        foreach (var k in _entries.Keys)
            if (!sourcePaths.Contains(k) && _entries.TryRemove(k, out _)) Dirty = true;
    }
}

/// <summary>How much one build reused.</summary>
public sealed class ReuseStats
{
    public int Notes;
    public int NormalizeReused;
    public int NormalizeRan;
    public int RenderReused;
    public int RenderRan;
    public bool UniverseChanged;

    public override string ToString() =>
        $"{RenderRan} rendered, {RenderReused} reused" + (NormalizeRan != RenderRan ? $" ({NormalizeRan} normalized)" : "") + (UniverseChanged ? "; links/headings changed" : "");
}
