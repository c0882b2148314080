namespace Site.Cli.Cleaning;

/// <summary>
/// Folders `clean` never deletes whatever they hold: a filesystem root, the home folder, the current folder or
/// any folder above it, the notes (input) folder or any folder holding it, and the theme.
/// </summary>
public static class CleanGuard
{
    /// <summary>Null when deleting <paramref name="target"/> cannot take any of the protected folders with it.</summary>
    public static string? WhyProtected(string target, IEnumerable<(string Dir, string Role)> protectedDirs)
    {
        var full = Normalize(target);
        if (Path.GetPathRoot(full) == full + Path.DirectorySeparatorChar || full.Length <= 1) return "it is a filesystem root";
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var guarded = protectedDirs.Append((Directory.GetCurrentDirectory(), "the current folder"));
        if (!string.IsNullOrEmpty(home)) guarded = guarded.Append((home, "your home folder"));
        foreach (var (dir, role) in guarded)
        {
            var d = Normalize(dir);
            if (d == full || d.StartsWith(full + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                return d == full ? $"it is {role}" : $"it contains {role} ({dir})";
        }
        return null;
    }

    private static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
