namespace Site.Read;

/// <summary>
/// Finds note files under the input folder: .md, .markdown, .txt; skips _ and . names (see <see cref="IsSkippedName"/>) and generated sites (folders
/// marked by <see cref="Core.OutputGuard"/>); survives symlink loops; skips (with a warning naming the link)
/// symbolic links whose target lies outside the input folder.
/// </summary>
public static class NoteFiles
{
    public static readonly string[] NoteExtensions = { ".md", ".markdown", ".txt" };

    public static bool IsNote(string path) =>
        NoteExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Hidden (".x") and underscore ("_x") names are skipped, except Hugo's <c>_index.md</c> (a folder's page)
    /// docsify's <c>_sidebar.md</c> (read as navigation, see <see cref="NavigationFiles"/>) and a blog's
    /// <c>_posts</c> / <c>_drafts</c> folders (Jekyll, Hexo: see <see cref="PostFolders"/>).
    /// </summary>
    public static bool IsSkippedName(string name) =>
        name.StartsWith('.') || (name.StartsWith('_') && !Kept.Contains(name, StringComparer.OrdinalIgnoreCase) && !PostFolders.IsPostsFolder(name));

    private static readonly string[] Kept = { "_index.md", NavigationFiles.DocsifySidebar };

    /// <summary>All files (notes and assets) under root, relative '/'-separated paths, sorted ordinally.</summary>
    public static List<string> Enumerate(string root, Action<string, string> warn)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rootFull = Path.GetFullPath(root);
        var rootReal = InputBoundary.RealPath(rootFull) ?? rootFull;
        Walk(new DirectoryInfo(rootFull), rootReal, "", result, seen, warn, 0);
        result.Sort(StringComparer.Ordinal);
        return result;
    }

    private static void Walk(DirectoryInfo dir, string rootReal, string rel, List<string> result, HashSet<string> seen, Action<string, string> warn, int depth)
    {
        string real;
        try { real = dir.LinkTarget is null ? dir.FullName : (dir.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dir.FullName); }
        catch (IOException) { warn(rel.Length == 0 ? "." : rel, "symbolic link loop; folder skipped"); return; }
        if (rel.Length > 0 && dir.LinkTarget is not null)
        {
            if (InputBoundary.RealPath(dir.FullName) is not { } target) { warn(rel, "symbolic link loop; folder skipped"); return; }
            if (!InputBoundary.Contains(rootReal, target)) { warn(rel, OutsideMessage("folder")); return; }
        }
        if (!seen.Add(real) || depth > 64)
        {
            warn(rel.Length == 0 ? "." : rel, "symbolic link loop (folder already visited); skipped");
            return;
        }
        FileSystemInfo[] entries;
        try { entries = dir.GetFileSystemInfos(); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            warn(rel.Length == 0 ? "." : rel, $"cannot read folder: {ex.Message}");
            return;
        }
        foreach (var e in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (IsSkippedName(e.Name)) continue;
            var childRel = rel.Length == 0 ? e.Name : rel + "/" + e.Name;
            // A generated site (the output, or a copy of one) is never read as notes.
            if (e is DirectoryInfo d && Core.OutputGuard.IsMarked(d.FullName)) { warn(childRel, $"folder is a generated site ({Core.OutputGuard.MarkerName}); not read as notes"); continue; }
            if (e is DirectoryInfo d2) Walk(d2, rootReal, childRel, result, seen, warn, depth + 1);
            else if (e is FileInfo f)
            {
                if (f.LinkTarget is not null)
                {
                    try
                    {
                        if (f.ResolveLinkTarget(true) is not { Exists: true }) { warn(childRel, "broken symbolic link; skipped"); continue; }
                    }
                    catch (IOException) { warn(childRel, "symbolic link loop; skipped"); continue; }
                    if (InputBoundary.RealPath(f.FullName) is not { } target || !InputBoundary.Contains(rootReal, target))
                    {
                        warn(childRel, OutsideMessage("file"));
                        continue;
                    }
                }
                result.Add(childRel);
            }
        }
    }

    /// <summary>The warning for a link that leaves the input folder (the path printed with it names the link).</summary>
    public static string OutsideMessage(string kind) =>
        $"symbolic link to a {kind} outside the input folder; skipped (only files inside the input are published)";
}
