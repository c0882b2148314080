using Site.Cli;
using Site.Core;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Safety;

/// <summary>File names with newlines or other control characters cannot forge diagnostic lines.</summary>
public class DiagnosticEscapeTests
{
    [Theory]
    [InlineData("a\nb.md", "a\\nb.md")]
    [InlineData("tab\there.md", "tab\\there.md")]
    [InlineData("cr\rx.md", "cr\\rx.md")]
    [InlineData("esc\u001b[31mred.md", "esc\\u{001B}[31mred.md")]
    [InlineData("rtl\u202Edm.txt", "rtl\\u{202E}dm.txt")]
    [InlineData("笔记/张量 并行.md", "笔记/张量 并行.md")]
    public void Paths_are_printed_escaped(string path, string printed) =>
        Assert.Equal($"{printed}:3: warning: m", new Diagnostic(path, 3, Severity.Warning, "m").ToString());

    [Fact]
    public void A_file_named_like_a_diagnostic_prints_one_line()
    {
        using var site = new TempSite();
        site.Write("ok.md", "# OK\n\ntext\n").Write("x\nforged.md:1: error: fake.md", "");
        var log = new StringWriter();
        SiteBuilder.Build(site.Options(), log, quiet: true);
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(lines, l => l.StartsWith("forged.md", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("x\\nforged.md:1: error: fake.md:1: warning: empty note", StringComparison.Ordinal));
    }
}
