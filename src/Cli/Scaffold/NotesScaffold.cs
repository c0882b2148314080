namespace Site.Cli.Scaffold;

/// <summary>
/// `kbsite new DIR`: writes <see cref="ScaffoldFiles"/> into DIR. DIR may be missing or an empty folder; anything
/// else (a file, a folder with anything in it, even hidden files) is refused and left exactly as it was.
/// </summary>
public static class NotesScaffold
{
    /// <summary>Writes the scaffold; returns null on success, else why DIR was refused (nothing was written).</summary>
    public static string? Create(string dir, string title, string version)
    {
        var full = Path.GetFullPath(dir);
        if (File.Exists(full)) return $"{dir} is a file";
        if (Directory.Exists(full))
        {
            if (new DirectoryInfo(full).LinkTarget is not null) return $"{dir} is a symbolic link";
            if (Directory.EnumerateFileSystemEntries(full).Any()) return $"{dir} is not empty: `kbsite new` only writes into a new or empty folder";
        }
        Directory.CreateDirectory(full);
        foreach (var (rel, text) in ScaffoldFiles.All)
        {
            var path = Path.Combine(full, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var body = text.Replace("{{TITLE}}", title.Replace("\\", "\\\\").Replace("\"", "\\\""), StringComparison.Ordinal)
                           .Replace("{{VERSION}}", version, StringComparison.Ordinal);
            using var f = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            using var w = new StreamWriter(f, new System.Text.UTF8Encoding(false));
            w.Write(body.ReplaceLineEndings("\n"));
        }
        return null;
    }
}
