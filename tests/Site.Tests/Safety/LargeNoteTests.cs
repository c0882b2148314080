using System.Diagnostics;
using System.Text;
using Site.Core;
using Site.Normalize;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Safety;

/// <summary>Bounds: a note with tens of thousands of headings is normalized in linear time; depth-limit errors name their cause and line.</summary>
public class LargeNoteTests
{
    [Fact]
    public void Forty_thousand_headings_are_normalized_in_seconds()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 40_000; i++)
        {
            sb.Append("## Part ").Append(i).Append("\n\ntext ").Append(i).Append("\n\n");
            if (i % 2 == 1) sb.Append("### Detail ").Append(i).Append("\n\nmore\n\n");
        }
        // CPU time of this thread, not wall time: the test machine may be shared by many builds.
        var start = ThreadCpuSeconds();
        var doc = Markdig.Markdown.Parse(sb.ToString(), MarkdownSyntax.Pipeline);
        var parsed = ThreadCpuSeconds() - start;
        var r = HeadingNormalizer.Normalize(doc, "big.md", "Big");
        var total = ThreadCpuSeconds() - start;
        Assert.Equal(60_000, r.Sections.Length);
        Assert.True(total < 6, $"parsing and normalizing took {total:0.00} s of CPU (parsing {parsed:0.00} s)");
    }

    /// <summary>User + system CPU seconds of the calling thread (getrusage RUSAGE_THREAD; process time elsewhere).</summary>
    private static double ThreadCpuSeconds()
    {
        if (!OperatingSystem.IsLinux()) return Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var buf = new long[18];
        if (GetRUsage(1 /*RUSAGE_THREAD*/, buf) != 0) return Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        return buf[0] + buf[1] / 1e6 + buf[2] + buf[3] / 1e6;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRUsage(int who, long[] usage);

    [Fact]
    public void A_heading_repeating_its_parent_is_still_collapsed()
    {
        var doc = Markdig.Markdown.Parse("## Setup\n### Setup\n\ntext\n\n## Other\n\n### Child\n\nx\n", MarkdownSyntax.Pipeline);
        var r = HeadingNormalizer.Normalize(doc, "a.md", "Note");
        Assert.Equal(new[] { "Setup", "Other", "Child" }, r.Sections.Select(s => s.Title));
    }

    [Theory]
    [InlineData("lists", "- ", 10_000, "10000 nested list or quote markers")]
    [InlineData("quotes", "> ", 10_000, "10000 nested list or quote markers")]
    [InlineData("brackets", "[", 20_000, "20000 nested brackets")]
    [InlineData("emphasis", "*a ", 20_000, "20000 emphasis markers")]
    public void The_nested_too_deeply_error_names_the_cause_and_its_line(string name, string unit, int count, string cause)
    {
        using var site = new TempSite();
        site.Write($"{name}.md", "---\ntitle: Deep\n---\n# Deep\n\nfine paragraph\n\n" + string.Concat(Enumerable.Repeat(unit, count)) + "x\n");
        var r = site.Build();
        var d = Assert.Single(r.Diagnostics, d => d.Path == $"{name}.md" && d.Severity == Severity.Error);
        Assert.Equal(8, d.Line);
        Assert.Contains("nested too deeply", d.Message);
        Assert.Contains(cause, d.Message);
    }
}
