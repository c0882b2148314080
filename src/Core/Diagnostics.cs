using System.Collections.Concurrent;

namespace Site.Core;

public enum Severity { Warning, Error }

/// <summary>One build message, printed as <c>path:line: warning|error: message</c>.</summary>
public sealed record Diagnostic(string Path, int Line, Severity Severity, string Message)
{
    public override string ToString() =>
        $"{Path}:{Math.Max(Line, 1)}: {(Severity == Severity.Error ? "error" : "warning")}: {Message}";
}

/// <summary>Thread-safe collector of diagnostics for one build.</summary>
public sealed class DiagnosticBag
{
    private readonly ConcurrentQueue<Diagnostic> _items = new();

    public void Warn(string path, int line, string message) => Add(new Diagnostic(path, line, Severity.Warning, message));
    public void Error(string path, int line, string message) => Add(new Diagnostic(path, line, Severity.Error, message));
    public void Add(Diagnostic d) => _items.Enqueue(d);

    /// <summary>All diagnostics, sorted by path then line so output is deterministic.</summary>
    public IReadOnlyList<Diagnostic> All =>
        _items.OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Message, StringComparer.Ordinal).ToList();

    public int WarningCount => _items.Count(d => d.Severity == Severity.Warning);
    public int ErrorCount => _items.Count(d => d.Severity == Severity.Error);
}
