using Site.Core;
using Site.Incremental;
using Site.Read;

namespace Site.Cli.Cleaning;

/// <summary>
/// Decides whether a folder is one this tool made, so `clean` may delete it. A site output folder must carry the
/// generator's mark (<see cref="OutputGuard.MarkerName"/>, written into every site it builds) and nothing a person
/// keeps there: no notes (.md, .markdown), no .git. A cache folder may hold only the cache's own files. Anything
/// else — an empty folder, a symbolic link, a folder of notes — is not ours.
/// </summary>
public static class ToolMade
{
    /// <summary>Names (or name prefixes: temp files of an interrupted save) a cache folder holds.</summary>
    public static readonly string[] CacheEntries = { NoteCacheFile.FileName, FrontMatterCache.FileName, "katex", ProductCache.Folder, OutputManifest.FileName, Site.Index.TokenCache.FileName };

    /// <summary>Null when <paramref name="dir"/> is a site this tool built; else why it is not.</summary>
    public static string? WhyNotSite(string dir)
    {
        if (IsLink(dir)) return "it is a symbolic link";
        if (!OutputGuard.IsMarked(dir)) return $"it has no {OutputGuard.MarkerName} mark, so kbsite did not make it";
        if (Directory.Exists(Path.Combine(dir, ".git")) || File.Exists(Path.Combine(dir, ".git"))) return "it holds a .git repository";
        var note = Directory.EnumerateFiles(dir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true })
            .FirstOrDefault(f => NoteFiles.IsNote(f) && !f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase));
        return note is null ? null : $"it holds {Path.GetRelativePath(dir, note)}, which kbsite never writes";
    }

    /// <summary>Null when <paramref name="dir"/> holds only this tool's cache files; else why not.</summary>
    public static string? WhyNotCache(string dir)
    {
        if (IsLink(dir)) return "it is a symbolic link";
        var entries = Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).ToList();
        if (entries.Count == 0) return "it is empty, so nothing marks it as kbsite's cache";
        var foreign = entries.FirstOrDefault(e => !CacheEntries.Any(c => e!.StartsWith(c, StringComparison.Ordinal)));
        return foreign is null ? null : $"it holds {foreign}, which is not a kbsite cache file";
    }

    private static bool IsLink(string dir) => new DirectoryInfo(dir).LinkTarget is not null;
}
