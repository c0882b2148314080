namespace Site.Links;

/// <summary>
/// Where the link registry lives and how it is read and written: <c>INPUT/.kbsite/links.tsv</c> (a dot folder,
/// so the reader never takes it for a note and the preview's watcher ignores it). Written atomically (a
/// temporary file in the same folder, renamed over it), only there, and never through a symbolic link.
/// </summary>
public static class RegistryFile
{
    public const string Folder = ".kbsite";
    public const string Name = "links.tsv";
    /// <summary>The path diagnostics name, relative to the input folder like a note's.</summary>
    public const string RelativePath = Folder + "/" + Name;

    public static string PathIn(string inputDir) => Path.Combine(Path.GetFullPath(inputDir), Folder, Name);

    /// <summary>The file's text, null when there is none; <paramref name="problem"/> says why a present file was not read.</summary>
    public static string? Read(string inputDir, out string? problem)
    {
        problem = null;
        var path = PathIn(inputDir);
        try
        {
            if (Unsafe(inputDir) is { } why) { problem = why; return null; }
            if (!File.Exists(path)) return null;
            return File.ReadAllText(path).Replace("\r\n", "\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"could not read the link registry: {ex.Message}";
            return null;
        }
    }

    /// <summary>Replaces the registry with <paramref name="text"/>; returns null, or why it was not written.</summary>
    public static string? Write(string inputDir, string text)
    {
        if (Unsafe(inputDir) is { } why) return why;
        var input = Path.GetFullPath(inputDir);
        var dir = Path.Combine(input, Folder);
        var path = Path.Combine(dir, Name);
        var tmp = Path.Combine(dir, $".{Name}.{Environment.ProcessId}.tmp");
        try
        {
            Directory.CreateDirectory(dir);
            if (Unsafe(inputDir) is { } after) return after; // the folder appeared as a link meanwhile
            File.WriteAllText(tmp, text, new System.Text.UTF8Encoding(false));
            File.Move(tmp, path, overwrite: true);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try { if (File.Exists(tmp)) File.Delete(tmp); } catch (Exception e2) when (e2 is IOException or UnauthorizedAccessException) { }
            return $"could not write the link registry: {ex.Message}";
        }
    }

    /// <summary>Why the registry must not be touched (its folder or file is a symbolic link), or null.</summary>
    private static string? Unsafe(string inputDir)
    {
        var input = Path.GetFullPath(inputDir);
        var dir = new DirectoryInfo(Path.Combine(input, Folder));
        if (dir.Exists && dir.LinkTarget is not null) return $"{RelativePath}: {Folder} is a symbolic link; the link registry is only read and written inside the input folder";
        var file = new FileInfo(Path.Combine(dir.FullName, Name));
        if (file.Exists && file.LinkTarget is not null) return $"{RelativePath} is a symbolic link; the link registry is only read and written inside the input folder";
        return null;
    }
}
