using System.Diagnostics;
using Site.Cli;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Reliability;

public class InterruptedBuildTests
{
    [Fact]
    public void Killing_a_build_mid_write_leaves_the_previous_output_intact()
    {
        using var site = new TempSite();
        site.Write("first.md", "# First\n\nthe previous site\n");
        Assert.Equal(0, site.Build().ExitCode);
        var before = BadInputTests.HashTree(site.Output);

        // A corpus big enough that the build is still writing when we kill it.
        for (int i = 0; i < 1500; i++)
            site.Write($"bulk/n{i:D4}.md", $"---\ntitle: Note {i}\ntags: [t{i % 7}]\n---\n" + string.Concat(Enumerable.Range(0, 12).Select(k => $"## Section {k}\n\n段落 {i} {k} " + new string('x', 200) + "\n\n")));

        var siteDll = typeof(SiteBuilder).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { siteDll, "build", "--input", site.Input, "--output", site.Output, "--theme", TempSite.ThemeDir, "--no-cache", "--quiet" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        // Wait until the staging folder has files in it, then kill hard.
        var sw = Stopwatch.StartNew();
        bool sawStaging = false;
        while (sw.Elapsed < TimeSpan.FromSeconds(60) && !p.HasExited)
        {
            var staging = Directory.GetDirectories(site.Root, ".output.staging-*");
            if (staging.Length > 0 && Directory.EnumerateFiles(staging[0], "*.html", SearchOption.AllDirectories).Take(5).Count() >= 5) { sawStaging = true; break; }
            Thread.Sleep(10);
        }
        if (!p.HasExited) p.Kill(entireProcessTree: true);
        p.WaitForExit();
        Assert.True(sawStaging, "the build should have been caught mid-write");

        Assert.Equal(before, BadInputTests.HashTree(site.Output));
        // The next build cleans the stale staging folder and succeeds.
        File.Delete(Path.Combine(site.Input, "first.md"));
        Directory.Delete(Path.Combine(site.Input, "bulk"), true);
        site.Write("second.md", "# Second\n");
        Assert.Equal(0, site.Build().ExitCode);
        Assert.Empty(Directory.GetDirectories(site.Root, ".output.*"));
        Assert.True(site.OutputExists("second/index.html"));
    }
}
