namespace Site.Cli;

/// <summary>
/// Finds the theme folder (assets, search scripts, the KaTeX server, package.json; layouts are compiled in):
/// theme/ beside Site.csproj above the binary (this repository: <c>dotnet run</c>, tests), else theme/ shipped
/// next to the binary (the installed .NET tool, see <see cref="ThemeCache"/>), else ./theme if it looks like one.
/// Never searches further and never waits: a missing theme is reported by the build, not a hang.
/// </summary>
public static class ThemeLocator
{
    /// <summary>A located theme: its folder and whether it is the copy shipped inside the tool package.</summary>
    public sealed record Located(string Dir, bool Packaged);

    public static Located Locate(string? baseDirectory = null)
    {
        baseDirectory ??= AppContext.BaseDirectory;
        for (var d = new DirectoryInfo(baseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Site.csproj")) && IsTheme(Path.Combine(d.FullName, "theme")))
                return new Located(Path.Combine(d.FullName, "theme"), Packaged: false);
        }
        var shipped = Path.Combine(baseDirectory, "theme");
        if (IsTheme(shipped)) return new Located(Path.GetFullPath(shipped), Packaged: true);
        return new Located(Path.GetFullPath("theme"), Packaged: false);
    }

    /// <summary>The theme folder to build with: the repository's, or the tool's (moved to the per-user cache when needed).</summary>
    public static string Find(Action<string>? progress = null)
    {
        var t = Locate();
        return t.Packaged ? ThemeCache.Prepare(t.Dir, progress) : t.Dir;
    }

    /// <summary>A folder holding the theme's package.json and assets/.</summary>
    public static bool IsTheme(string dir) =>
        File.Exists(Path.Combine(dir, "package.json")) && Directory.Exists(Path.Combine(dir, "assets"));

    /// <summary>The folder of Site.csproj above the running binary (the repository), or null for a published binary.</summary>
    public static string? ProjectDir()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Site.csproj"))) return d.FullName;
        return null;
    }
}
