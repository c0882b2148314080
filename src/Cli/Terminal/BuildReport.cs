using Site.Core;
using Spectre.Console;

namespace Site.Cli.Terminal;

/// <summary>
/// Runs a build and shows it. On a terminal: a progress bar over the pipeline's stages, then diagnostics
/// coloured and grouped by file (<see cref="DiagnosticsView"/>) and a one-line summary. When output is
/// redirected (CI, editors, tests): the plain lines of <see cref="SiteBuilder"/>, unchanged —
/// <c>path:line: warning|error: message</c> and the summary.
/// </summary>
public static class BuildReport
{
    /// <summary>The number of stages the pipeline reports (read, normalize, render, index, emit).</summary>
    private const int Stages = 5;

    /// <summary>Colour and progress only for a person at a terminal.</summary>
    public static bool Rich => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Ansi;

    public static BuildResult Run(BuildOptions options, bool quiet, CancellationToken ct, string? verb = null)
    {
        if (!Rich) return SiteBuilder.Build(options, Console.Out, quiet, ct);

        BuildResult result = null!;
        if (quiet) result = SiteBuilder.Build(options, TextWriter.Null, quiet: true, ct);
        else
        {
            AnsiConsole.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
                .Start(p =>
                {
                    var task = p.AddTask(verb ?? "Building", maxValue: Stages);
                    result = SiteBuilder.Build(options, TextWriter.Null, quiet: true, ct, onStage: (stage, n) =>
                    {
                        task.Description = $"{verb ?? "Building"}: {stage} ({n} notes)";
                        task.Increment(1);
                    });
                    task.Value = Stages;
                });
        }
        DiagnosticsView.Write(AnsiConsole.Console, result.Diagnostics);
        WriteSummary(options, result);
        return result;
    }

    private static void WriteSummary(BuildOptions o, BuildResult r)
    {
        var warnings = r.Diagnostics.Count(d => d.Severity == Severity.Warning);
        var errors = r.Diagnostics.Count(d => d.Severity == Severity.Error);
        var counts = $"{r.Notes} notes, {r.Pages} pages, {Plural(warnings, "warning")}, {Plural(errors, "error")} in {r.Seconds:0.00}s";
        var line = r.ExitCode switch
        {
            0 when o.DryRun => $"[green]✓[/] {counts} [grey](check: nothing written)[/]",
            0 => $"[green]✓[/] {counts} → {Markup.Escape(o.OutputDir)}",
            1 => $"[red]✗[/] {counts} — [red]--strict[/]: build failed, previous output left untouched",
            _ => $"[red]✗ build failed[/] — previous output left untouched",
        };
        AnsiConsole.MarkupLine(line);
    }

    private static string Plural(int n, string word) => $"{n} {word}{(n == 1 ? "" : "s")}";
}
