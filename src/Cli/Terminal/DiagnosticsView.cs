using Site.Core;
using Spectre.Console;

namespace Site.Cli.Terminal;

/// <summary>Diagnostics for a person: one heading per file with its counts, then each problem by line, coloured.</summary>
public static class DiagnosticsView
{
    public static void Write(IAnsiConsole console, IReadOnlyList<Diagnostic> diagnostics)
    {
        foreach (var file in diagnostics.GroupBy(d => d.Path, StringComparer.Ordinal))
        {
            var errors = file.Count(d => d.Severity == Severity.Error);
            var warnings = file.Count(d => d.Severity == Severity.Warning);
            var counts = string.Join(", ", new[]
            {
                errors > 0 ? $"[red]{errors} error{(errors == 1 ? "" : "s")}[/]" : null,
                warnings > 0 ? $"[yellow]{warnings} warning{(warnings == 1 ? "" : "s")}[/]" : null,
            }.Where(s => s is not null));
            console.MarkupLine($"[bold]{Markup.Escape(file.Key)}[/]  {counts}");
            foreach (var d in file)
            {
                var kind = d.Severity == Severity.Error ? "[red]error[/]  " : "[yellow]warning[/]";
                console.MarkupLine($"  [grey]{Math.Max(d.Line, 1),5}[/]  {kind} {Markup.Escape(d.Message)}");
            }
        }
    }
}
