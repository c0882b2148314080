using System.Diagnostics;
using Site.Cli;
using Site.Core;
using Site.Render;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Safety;

/// <summary>A mistyped input or theme folder stops the build before anything is published, quickly.</summary>
public sealed class InputFolderTests
{
    private static (TempSite Site, string Index) Built()
    {
        var site = new TempSite().Write("a.md", "# A\n\ntext\n");
        Assert.Equal(0, site.Build().ExitCode);
        return (site, site.ReadOutput("index.html"));
    }

    [Theory]
    [InlineData("missing", "input folder does not exist")]
    [InlineData("file", "input folder is a file")]
    public void A_missing_input_or_a_file_exits_2_and_keeps_the_previous_site(string kind, string message)
    {
        var (site, index) = Built();
        using var _ = site;
        var input = Path.Combine(site.Root, kind == "missing" ? "typo" : "notes.md");
        if (kind == "file") File.WriteAllText(input, "# not a folder\n");
        var log = new StringWriter();
        var r = SiteBuilder.Build(site.Options() with { InputDir = input }, log, quiet: true);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, log.ToString());
        Assert.Equal(index, site.ReadOutput("index.html"));
    }

    [Fact]
    public void A_missing_theme_exits_2_at_once_and_keeps_the_previous_site()
    {
        var (site, index) = Built();
        using var _ = site;
        var sw = Stopwatch.StartNew();
        var log = new StringWriter();
        var r = SiteBuilder.Build(site.Options() with { ThemeDir = Path.Combine(site.Root, "no-theme") }, log, quiet: true);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("theme folder does not exist", log.ToString());
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"took {sw.Elapsed}");
        Assert.Equal(index, site.ReadOutput("index.html"));
    }

    [Fact]
    public void Installing_into_a_missing_theme_folder_fails_at_once_instead_of_waiting_for_a_lock()
    {
        var missing = Path.Combine(Path.GetTempPath(), "kb-no-theme-" + Guid.NewGuid().ToString("N"));
        var sw = Stopwatch.StartNew();
        using (var l = NodeTools.AcquireInstallLock(missing, TimeSpan.FromMinutes(5), out var problem))
        {
            Assert.Null(l);
            Assert.Contains("does not exist", problem);
        }
        var setup = NodeTools.EnsureTheme(missing);
        Assert.False(setup.Ok);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(30), $"took {sw.Elapsed}");
    }

    [Fact]
    public void A_held_install_lock_is_waited_for_only_as_long_as_allowed()
    {
        var theme = Directory.CreateTempSubdirectory("kb-theme-").FullName;
        try
        {
            using var held = NodeTools.AcquireInstallLock(theme, TimeSpan.Zero, out _);
            Assert.NotNull(held);
            var sw = Stopwatch.StartNew();
            using var second = NodeTools.AcquireInstallLock(theme, TimeSpan.FromMilliseconds(300), out var problem);
            Assert.Null(second);
            Assert.Contains("another process", problem);
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10));
        }
        finally { Directory.Delete(theme, recursive: true); }
    }
}
