using System.Diagnostics;
using Site.Cli;
using Site.Cli.Terminal;
using Site.Core;
using Site.Tests.Support;
using Spectre.Console;
using Xunit;

namespace Site.Tests.Cli;

/// <summary>Plain lines when output is redirected (CI, editors); grouped, counted diagnostics on a terminal.</summary>
public class ConsoleOutputTests
{
    [Fact]
    public void Redirected_output_keeps_the_plain_path_line_severity_message_lines()
    {
        using var site = new TempSite();
        site.Write("site.yml", "colour: blue\n").Write("a.md", "# A\n\n![x](missing.png)\n");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = site.Root };
        foreach (var a in new[] { typeof(SiteBuilder).Assembly.Location, "build", "-i", site.Input, "-o", site.Output, "--theme", TempSite.ThemeDir, "--no-cache" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var lines = p.StandardOutput.ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.True(p.WaitForExit(120_000));
        Assert.Equal(0, p.ExitCode);
        Assert.Contains("a.md:3: warning: missing image: missing.png (no file missing.png in the input folder)", lines);
        Assert.Contains(lines, l => l.StartsWith("site.yml:1: warning: unknown key 'colour'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("1 notes, ", StringComparison.Ordinal) && l.Contains("2 warnings, 0 errors"));
        Assert.DoesNotContain(lines, l => l.Contains('\u001b'));
    }

    [Fact]
    public void On_a_terminal_diagnostics_are_grouped_by_file_with_counts()
    {
        var w = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(w), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        DiagnosticsView.Write(console, new[]
        {
            new Diagnostic("a.md", 3, Severity.Warning, "missing image [x]"),
            new Diagnostic("a.md", 9, Severity.Error, "bad"),
            new Diagnostic("b.md", 1, Severity.Warning, "w"),
        });
        var lines = w.ToString().Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();
        Assert.Equal(new[]
        {
            "a.md  1 error, 1 warning",
            "      3  warning missing image [x]",
            "      9  error   bad",
            "b.md  1 warning",
            "      1  warning w",
        }, lines);
    }
}
