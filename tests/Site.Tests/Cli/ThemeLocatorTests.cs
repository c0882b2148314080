using Site.Cli;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Cli;

/// <summary>Where the theme comes from: the repository's theme/, or the one shipped beside the tool's binary (copied to the per-user cache).</summary>
public sealed class ThemeLocatorTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("kb-theme-");
    public void Dispose() => _scratch.Delete(recursive: true);

    private string ShippedTool()
    {
        var bin = _scratch.CreateSubdirectory("tool").FullName;
        Directory.CreateDirectory(Path.Combine(bin, "theme", "assets"));
        File.WriteAllText(Path.Combine(bin, "theme", "package.json"), "{}");
        File.WriteAllText(Path.Combine(bin, "theme", "assets", "site.css"), "body{}");
        return bin;
    }

    [Fact]
    public void In_the_repository_the_repository_theme_is_used()
    {
        var t = ThemeLocator.Locate(Path.Combine(TempSite.RepoRoot, "bin", "Debug", "net10.0"));
        Assert.Equal((Path.Combine(TempSite.RepoRoot, "theme"), false), (t.Dir, t.Packaged));
    }

    [Fact]
    public void An_installed_tool_finds_the_theme_beside_its_binary()
    {
        var bin = ShippedTool();
        var t = ThemeLocator.Locate(bin);
        Assert.Equal((Path.Combine(bin, "theme"), true), (t.Dir, t.Packaged));
    }

    [Fact]
    public void The_shipped_theme_is_copied_once_to_the_per_user_cache_and_refreshed_when_it_changes()
    {
        var shipped = Path.Combine(ShippedTool(), "theme");
        var cache = Path.Combine(_scratch.FullName, "cache");
        var lines = new List<string>();
        var dir = ThemeCache.Prepare(shipped, lines.Add, cache);
        Assert.Equal(Path.Combine(cache, ThemeCache.Version, "theme"), dir);
        Assert.Equal("body{}", File.ReadAllText(Path.Combine(dir, "assets", "site.css")));
        Assert.Single(lines);
        ThemeCache.Prepare(shipped, lines.Add, cache);
        Assert.Single(lines); // unchanged: not copied again
        File.WriteAllText(Path.Combine(shipped, "assets", "site.css"), "body{color:red}");
        ThemeCache.Prepare(shipped, lines.Add, cache);
        Assert.Equal(2, lines.Count);
        Assert.Equal("body{color:red}", File.ReadAllText(Path.Combine(dir, "assets", "site.css")));
    }

    [Fact]
    public void A_shipped_theme_with_its_own_node_modules_is_used_in_place()
    {
        var shipped = Path.Combine(ShippedTool(), "theme");
        Directory.CreateDirectory(Path.Combine(shipped, "node_modules"));
        Assert.Equal(shipped, ThemeCache.Prepare(shipped, null, Path.Combine(_scratch.FullName, "cache")));
    }
}
