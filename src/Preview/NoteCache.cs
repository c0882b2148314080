using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Site.Core;

namespace Site.Preview;

/// <summary>
/// What a note's per-note results depend on: its file (path, size, mtime, content hash) and the URL the
/// read stage gave it (URLs are assigned site-wide: a clash with a new note can move an unchanged one).
/// </summary>
public readonly record struct NoteKey(string SourcePath, long Size, long MtimeTicks, string ContentHash, string Url, string OutputPath)
{
    public static NoteKey Of(Note note)
    {
        long size = -1, mtime = -1;
        try
        {
            var info = new FileInfo(note.FullPath);
            if (info.Exists) { size = info.Length; mtime = info.LastWriteTimeUtc.Ticks; }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        return new NoteKey(note.SourcePath, size, mtime, Hash(note.Text), note.Url, note.OutputPath);
    }

    public static string Hash(string text) =>
        Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(text.AsSpan())), 0, 16);
}

/// <summary>
/// One note's results from the previous preview build. Immutable once published: a changed note gets a
/// new entry, so a build never sees half of an update.
/// </summary>
public sealed record NoteCacheEntry
{
    public required NoteKey Key { get; init; }
    /// <summary>Output of the normalize stage; null when a normalize module dropped the note.</summary>
    public Note? Normalized { get; init; }
    public ImmutableArray<Diagnostic> NormalizeDiagnostics { get; init; } = ImmutableArray<Diagnostic>.Empty;

    /// <summary>Output of the render stage, valid only while the site's link universe is <see cref="RenderUniverse"/>.</summary>
    public Note? Rendered { get; init; }
    public string? RenderUniverse { get; init; }
    public ImmutableArray<Diagnostic> RenderDiagnostics { get; init; } = ImmutableArray<Diagnostic>.Empty;
    /// <summary>Input-folder assets (images, PDFs) this note's links point at; emit copies only used assets.</summary>
    public ImmutableArray<string> UsedAssets { get; init; } = ImmutableArray<string>.Empty;
}

/// <summary>Per-note results kept in memory between preview builds, keyed by source path.</summary>
public sealed class NoteCache
{
    private readonly ConcurrentDictionary<string, NoteCacheEntry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;
    public bool TryGet(string sourcePath, out NoteCacheEntry entry) => _entries.TryGetValue(sourcePath, out entry!);
    public void Set(NoteCacheEntry entry) => _entries[entry.Key.SourcePath] = entry;
    public void Clear() => _entries.Clear();

    /// <summary>Forgets notes that are gone (deleted, renamed, now a draft…).</summary>
    public void RetainOnly(IReadOnlySet<string> sourcePaths)
    {
        foreach (var k in _entries.Keys)
            if (!sourcePaths.Contains(k)) _entries.TryRemove(k, out _);
    }
}

/// <summary>How much one preview build reused.</summary>
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
