using System.Collections.Concurrent;

namespace Site.Core;

public enum Severity { Warning, Error }

/// <summary>
/// One build message, printed as <c>path:line: warning|error: message</c>. Path and message are printed
/// with control characters escaped, so a file named "a\nb.md:1: error: …" cannot forge a line.
/// </summary>
public sealed record Diagnostic(string Path, int Line, Severity Severity, string Message)
{
    public override string ToString() =>
        $"{Escape(Path)}:{Math.Max(Line, 1)}: {(Severity == Severity.Error ? "error" : "warning")}: {Escape(Message)}";

    /// <summary>
    /// Control characters (C0, DEL, C1), line/paragraph separators and bidirectional overrides as <c>\n</c>,
    /// <c>\t</c>, <c>\r</c> or <c>\u{XXXX}</c>; everything else (Chinese, emoji, backslashes) unchanged.
    /// </summary>
    public static string Escape(string s)
    {
        int i = 0;
        while (i < s.Length && !NeedsEscape(s[i])) i++;
        if (i == s.Length) return s;
        var b = new System.Text.StringBuilder(s.Length + 8).Append(s, 0, i);
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (!NeedsEscape(c)) b.Append(c);
            else b.Append(c switch { '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", _ => $"\\u{{{(int)c:X4}}}" });
        }
        return b.ToString();
    }

    private static bool NeedsEscape(char c) =>
        c < 0x20 || c is >= '\u007F' and <= '\u009F' || c is '\u2028' or '\u2029' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';
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
