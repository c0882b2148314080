namespace Site.Cli;

/// <summary>Finds theme/: next to the current directory, or next to Site.csproj above the binary.</summary>
public static class ThemeLocator
{
    public static string Find()
    {
        if (Directory.Exists("theme")) return Path.GetFullPath("theme");
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Site.csproj")) && Directory.Exists(Path.Combine(d.FullName, "theme")))
                return Path.Combine(d.FullName, "theme");
        }
        return Path.GetFullPath("theme");
    }

    /// <summary>The folder of Site.csproj above the running binary (the repository), or null for a published binary.</summary>
    public static string? ProjectDir()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Site.csproj"))) return d.FullName;
        return null;
    }
}

/// <summary>Optional site settings in input/site.yml (title).</summary>
public static class SiteConfig
{
    public static string? Title(string inputDir)
    {
        var f = Path.Combine(inputDir, "site.yml");
        if (!File.Exists(f)) return null;
        foreach (var line in File.ReadLines(f))
            if (line.StartsWith("title:", StringComparison.Ordinal)) return line[6..].Trim().Trim('"', '\'');
        return null;
    }
}
