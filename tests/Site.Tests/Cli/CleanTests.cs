using Xunit;
using Site.Cli.Cleaning;
using Site.Cli.Commands;
using Site.Tests.Support;

namespace Site.Tests.Cli;

/// <summary>`clean` deletes only an output folder and a cache this tool made. Every folder here is made under /tmp by the test.</summary>
public sealed class CleanTests
{
    private static readonly (string, string)[] NothingProtected = Array.Empty<(string, string)>();

    [Fact]
    public void A_built_site_and_its_cache_are_deleted()
    {
        using var site = new TempSite();
        site.Write("a.md", "# A\n\n$x^2$ text\n");
        Assert.Equal(0, site.Build().ExitCode);
        var cache = Path.Combine(site.Root, ".cache");
        Assert.Null(ToolMade.WhyNotSite(site.Output));
        Assert.Null(ToolMade.WhyNotCache(cache));
        Assert.True(CleanCommand.Clean(site.Output, "output", ToolMade.WhyNotSite, new[] { (site.Input, "the notes folder") }));
        Assert.True(CleanCommand.Clean(cache, "cache", ToolMade.WhyNotCache, NothingProtected));
        Assert.False(Directory.Exists(site.Output));
        Assert.False(Directory.Exists(cache));
        Assert.True(File.Exists(Path.Combine(site.Input, "a.md")));
    }

    [Fact]
    public void A_site_without_the_generators_mark_is_refused()
    {
        using var site = new TempSite();
        site.Write("a.md", "# A\n");
        Assert.Equal(0, site.Build().ExitCode);
        File.Delete(Path.Combine(site.Output, Site.Core.OutputGuard.MarkerName));
        Assert.Contains("mark", ToolMade.WhyNotSite(site.Output));
        Assert.False(CleanCommand.Clean(site.Output, "output", ToolMade.WhyNotSite, NothingProtected));
        Assert.True(File.Exists(Path.Combine(site.Output, "index.html")));
    }

    [Theory]
    [InlineData("_site", null)]
    [InlineData(".site", null)]
    [InlineData("site", "lies inside the input folder")]
    public void A_notes_folder_may_hold_its_output_only_in_a_folder_the_reader_skips(string output, string? why)
    {
        using var site = new TempSite();
        site.Write("a.md", "# A\n");
        var p = new Site.Core.ProtectedFolders(site.Input, null, null, null, null);
        var got = Site.Core.OutputGuard.Check(Path.Combine(site.Input, output), p);
        if (why is null) Assert.Null(got);
        else Assert.Contains(why, got);
    }

    [Fact]
    public void A_missing_folder_is_nothing_to_clean()
    {
        using var site = new TempSite();
        Assert.True(CleanCommand.Clean(site.Output, "output", ToolMade.WhyNotSite, NothingProtected));
    }

    [Theory]
    [InlineData("notes.md", "which kbsite never writes")]
    [InlineData("sub/deep.markdown", "which kbsite never writes")]
    [InlineData(".git/HEAD", "holds a .git repository")]
    public void A_site_with_something_a_person_keeps_is_refused(string extra, string why)
    {
        using var site = new TempSite();
        site.Write("a.md", "# A\n");
        Assert.Equal(0, site.Build().ExitCode);
        var path = Path.Combine(site.Output, extra);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "mine");
        Assert.Contains(why, ToolMade.WhyNotSite(site.Output));
        Assert.False(CleanCommand.Clean(site.Output, "output", ToolMade.WhyNotSite, NothingProtected));
        Assert.Equal("mine", File.ReadAllText(path));
    }

    [Fact]
    public void A_folder_of_notes_is_refused()
    {
        using var site = new TempSite();
        site.Write("a.md", "# A\n").Write("index.html", "<p>mine</p>");
        Assert.Contains("has no .kbsite-output mark", ToolMade.WhyNotSite(site.Input));
        Assert.False(CleanCommand.Clean(site.Input, "output", ToolMade.WhyNotSite, NothingProtected));
        Assert.True(File.Exists(Path.Combine(site.Input, "a.md")));
    }

    [Fact]
    public void The_output_is_refused_when_it_is_or_holds_the_notes_folder()
    {
        using var site = new TempSite();
        site.Write("a.md", "# A\n");
        Assert.Equal("it is the notes folder", CleanGuard.WhyProtected(site.Input, new[] { (site.Input, "the notes folder") }));
        Assert.StartsWith("it contains the notes folder", CleanGuard.WhyProtected(site.Root, new[] { (site.Input, "the notes folder") }));
        Assert.Null(CleanGuard.WhyProtected(site.Output, new[] { (site.Input, "the notes folder") }));
    }

    [Fact]
    public void The_home_the_current_folder_and_roots_are_refused()
    {
        Assert.NotNull(CleanGuard.WhyProtected(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), NothingProtected));
        Assert.NotNull(CleanGuard.WhyProtected(Directory.GetCurrentDirectory(), NothingProtected));
        Assert.NotNull(CleanGuard.WhyProtected(Path.GetPathRoot(Path.GetTempPath())!, NothingProtected));
    }

    [Theory]
    [InlineData(null, "it is empty")]
    [InlineData("mine.txt", "holds mine.txt")]
    public void A_cache_folder_that_is_not_only_cache_files_is_refused(string? extra, string why)
    {
        using var site = new TempSite();
        var cache = Directory.CreateDirectory(Path.Combine(site.Root, ".cache")).FullName;
        if (extra is not null)
        {
            File.WriteAllText(Path.Combine(cache, "notes.bin"), "x");
            File.WriteAllText(Path.Combine(cache, extra), "mine");
        }
        Assert.Contains(why, ToolMade.WhyNotCache(cache));
        Assert.False(CleanCommand.Clean(cache, "cache", ToolMade.WhyNotCache, NothingProtected));
        Assert.True(Directory.Exists(cache));
    }

    [Fact]
    public void A_symbolic_link_to_a_site_is_refused()
    {
        using var site = new TempSite();
        site.Write("a.md", "# A\n");
        Assert.Equal(0, site.Build().ExitCode);
        var link = Path.Combine(site.Root, "link");
        Directory.CreateSymbolicLink(link, site.Output);
        Assert.Equal("it is a symbolic link", ToolMade.WhyNotSite(link));
        Assert.True(File.Exists(Path.Combine(site.Output, "index.html")));
    }
}
