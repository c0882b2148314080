namespace Site.Core;

/// <summary>Folders an output must never be, contain or (for the input and theme) lie inside. Null entries are not checked.</summary>
public sealed record ProtectedFolders(string? Input, string? Theme, string? Project, string? Current, string? Home)
{
    public IEnumerable<(string Name, string Path, bool NoneInside)> All()
    {
        if (Input is not null) yield return ("input", Input, true);
        if (Theme is not null) yield return ("theme", Theme, true);
        if (Project is not null) yield return ("project", Project, false);
        if (Current is not null) yield return ("current", Current, false);
        if (Home is not null) yield return ("home", Home, false);
    }
}

/// <summary>
/// Ownership of the output folder: the generator only ever replaces or deletes a folder it made. Every folder
/// it makes (the output, each build's staging folder) carries <see cref="MarkerName"/>; <see cref="Check"/>
/// refuses an output that is, contains or (input, theme) lies inside a protected folder, is "/", a file, a
/// symbolic link, a mount point, or a non-empty folder without the mark. Paths are compared after resolving
/// symbolic links, so "out -> ~" is caught like "~".
/// </summary>
public static class OutputGuard
{
    public const string MarkerName = ".kbsite-output";
    /// <summary>Constant contents (the same in every build, so outputs stay byte-identical).</summary>
    public const string MarkerText = "This folder was made by the kbsite generator and is replaced on every build.\n";

    private static StringComparison PathComparison => OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    /// <summary>Why <paramref name="outputDir"/> must not be written, or null when it may. Reads the file system only.</summary>
    public static string? Check(string outputDir, ProtectedFolders protectedFolders, IReadOnlyCollection<string>? mountPoints = null)
    {
        var out_ = RealPath(outputDir);
        if (IsRoot(out_)) return $"output folder {outputDir} is the root folder /";
        var folders = protectedFolders.All().Select(f => (f.Name, Path: RealPath(f.Path), f.NoneInside)).ToList();
        foreach (var (name, p, _) in folders)
            if (string.Equals(out_, p, PathComparison)) return $"output folder {outputDir} is the {name} folder ({p})";
        foreach (var (name, p, _) in folders)
            if (IsInside(p, out_)) return $"output folder {outputDir} contains the {name} folder ({p})";
        foreach (var (name, p, noneInside) in folders)
            if (noneInside && IsInside(out_, p) && !(name == "input" && IsReaderSkipped(out_, p))) return $"output folder {outputDir} lies inside the {name} folder ({p})";
        if (File.Exists(out_)) return $"output folder {outputDir} is a file";
        var full = Path.GetFullPath(outputDir).TrimEnd(Path.DirectorySeparatorChar);
        if (new DirectoryInfo(full).LinkTarget is { } target) return $"output folder {outputDir} is a symbolic link (to {target}); name the folder itself";
        if (!Directory.Exists(out_)) return null;
        if ((mountPoints ?? MountPoints()).Contains(out_))
            return $"output folder {outputDir} is a mount point: the new site cannot be swapped in by renaming (EXDEV/EBUSY); use a folder inside it";
        if (Directory.EnumerateFileSystemEntries(out_).Any() && !IsMarked(out_))
            return $"output folder {outputDir} is not empty and was not made by this generator (no {MarkerName} in it); empty it, delete it or choose another folder";
        return null;
    }

    /// <summary>
    /// True when <paramref name="path"/> lies under a folder of <paramref name="input"/> whose name the reader skips
    /// (_site, .cache: <see cref="Read.NoteFiles.IsSkippedName"/>): a notes folder may hold its own output there,
    /// as `kbsite new` lays it out, because the site is never read back as notes.
    /// </summary>
    private static bool IsReaderSkipped(string path, string input) =>
        Path.GetRelativePath(input, path).Split(Path.DirectorySeparatorChar)[0] is var first && Read.NoteFiles.IsSkippedName(first);

    /// <summary>True when <paramref name="dir"/> carries the generator's mark.</summary>
    public static bool IsMarked(string dir)
    {
        try
        {
            var f = Path.Combine(dir, MarkerName);
            return File.Exists(f) && new FileInfo(f).LinkTarget is null && File.ReadAllText(f) == MarkerText;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>Marks a folder the generator just made.</summary>
    public static void Mark(string dir) => File.WriteAllText(Path.Combine(dir, MarkerName), MarkerText);

    /// <summary>True when <paramref name="path"/> is strictly inside <paramref name="folder"/>.</summary>
    public static bool IsInside(string path, string folder)
    {
        if (IsRoot(folder)) return !IsRoot(path);
        var prefix = folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, PathComparison);
    }

    private static bool IsRoot(string p) => Path.GetPathRoot(p) is { } r && string.Equals(p.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, r, PathComparison);

    /// <summary>The full path with every symbolic link in it resolved (the part that does not exist yet is kept as written).</summary>
    public static string RealPath(string path, int depth = 0)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var cur = root;
        for (int i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(cur, parts[i]);
            FileSystemInfo? target = null;
            try
            {
                if (depth < 40 && new FileInfo(next) is { LinkTarget: not null } link)
                    target = link.ResolveLinkTarget(returnFinalTarget: true);
            }
            catch (IOException) { /* a link loop: keep the name */ }
            cur = target is not null ? RealPath(target.FullName, depth + 1) : next;
        }
        return cur.Length > root.Length ? cur.TrimEnd(Path.DirectorySeparatorChar) : cur;
    }

    /// <summary>Mount points from /proc/self/mountinfo (Linux; empty elsewhere).</summary>
    public static HashSet<string> MountPoints()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            if (!File.Exists("/proc/self/mountinfo")) return set;
            foreach (var line in File.ReadLines("/proc/self/mountinfo"))
            {
                var f = line.Split(' ');
                if (f.Length > 4) set.Add(Unescape(f[4]));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return set;
    }

    /// <summary>mountinfo escapes space, tab, newline and backslash as \ooo.</summary>
    private static string Unescape(string s)
    {
        if (!s.Contains('\\')) return s;
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 3 < s.Length)
            {
                try { sb.Append((char)Convert.ToInt32(s.Substring(i + 1, 3), 8)); i += 3; continue; } catch (FormatException) { }
            }
            sb.Append(s[i]);
        }
        return sb.ToString();
    }
}
