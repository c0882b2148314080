using Xunit;
using Site.Cli;
using Site.Tests.Support;

namespace Site.Tests.Cli;

/// <summary>The commands' exit codes and effects, run in-process (output is redirected, so lines are plain).</summary>
public class CommandLineTests
{
    private static int Run(params string[] args) => CommandLine.Create().Run(args);

    private static string[] Site(TempSite s, params string[] more) =>
        new[] { "-i", s.Input, "-o", s.Output, "--theme", TempSite.ThemeDir, "--no-cache", "-q" }.Concat(more).ToArray();

    [Fact]
    public void Build_is_the_default_command_and_keeps_the_old_options()
    {
        using var s = new TempSite();
        s.Write("a.md", "# A\n\ntext\n");
        Assert.Equal(0, Run(Site(s, "--base-url", "/kb/", "--title", "T", "--drafts", "--fix-math")));
        Assert.Contains("href=\"/kb/", s.ReadOutput("index.html"));
    }

    [Fact]
    public void Check_reports_and_exits_like_a_build_but_writes_nothing()
    {
        using var s = new TempSite();
        s.Write("a.md", "# A\n\n![x](missing.png)\n");
        Assert.Equal(0, Run(new[] { "check" }.Concat(Site(s)).ToArray()));
        Assert.Equal(1, Run(new[] { "check" }.Concat(Site(s, "--strict")).ToArray()));
        Assert.False(Directory.Exists(s.Output));
        Assert.Empty(Directory.EnumerateFileSystemEntries(s.Root).Where(e => !e.EndsWith("input", StringComparison.Ordinal)));
    }

    [Fact]
    public void Strict_build_with_a_warning_exits_1()
    {
        using var s = new TempSite();
        s.Write("a.md", "# A\n\n![x](missing.png)\n");
        Assert.Equal(1, Run(new[] { "build" }.Concat(Site(s, "--strict")).ToArray()));
        Assert.False(Directory.Exists(s.Output));
    }

    [Theory]
    [InlineData("--no-such-option")]
    [InlineData("frobnicate")]
    public void A_bad_command_line_is_a_usage_error(string arg)
    {
        Assert.Equal(CommandLine.UsageError, Run(arg));
    }

    [Fact]
    public void New_refuses_a_folder_that_is_not_empty()
    {
        using var s = new TempSite();
        s.Write("a.md", "# mine\n");
        Assert.Equal(2, Run("new", s.Input));
        Assert.Equal(new[] { "a.md" }, Directory.EnumerateFileSystemEntries(s.Input).Select(Path.GetFileName));
    }
}
