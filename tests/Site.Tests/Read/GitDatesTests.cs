using System.Diagnostics;
using Site.Read;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Read;

public class GitDatesTests
{
    private static void Git(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["GIT_AUTHOR_DATE"] = psi.Environment["GIT_COMMITTER_DATE"] = "2023-05-04T03:02:01Z";
        using var p = Process.Start(psi)!;
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, p.StandardError.ReadToEnd());
    }

    [Fact]
    public void Modified_date_comes_from_front_matter_else_git_else_file_time()
    {
        using var site = new TempSite();
        site.Write("笔记/tracked.md", "# Tracked\n").Write("fm.md", "---\nmodified: 2024-02-03\n---\n# FM\n");
        Git(site.Input, "init", "-q");
        Git(site.Input, "-c", "user.name=t", "-c", "user.email=t@t", "add", ".");
        Git(site.Input, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x");
        site.Write("untracked.md", "# New\n");

        var dates = GitDates.Load(site.Input);
        Assert.Equal(new DateTimeOffset(2023, 5, 4, 3, 2, 1, TimeSpan.Zero), dates["笔记/tracked.md"]);

        site.Build();
        Assert.Contains("datetime=\"2023-05-04\"", site.ReadOutput("笔记/tracked/index.html"));
        Assert.Contains("datetime=\"2024-02-03\"", site.ReadOutput("fm/index.html"));
        Assert.Contains($"datetime=\"{DateTime.UtcNow:yyyy-MM-dd}\"", site.ReadOutput("untracked/index.html"));
    }

    [Fact]
    public void Outside_git_there_are_no_dates()
    {
        var dir = Path.Combine(Path.GetTempPath(), "nogit-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try { Assert.Empty(GitDates.Load(dir)); } finally { Directory.Delete(dir, true); }
    }
}
