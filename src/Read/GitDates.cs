using System.Diagnostics;

namespace Site.Read;

/// <summary>
/// Last commit time of every file under a folder, from one `git log` call (no per-file processes).
/// Empty when the folder is not in a git work tree or git is missing.
/// </summary>
public static class GitDates
{
    public static Dictionary<string, DateTimeOffset> Load(string inputDir)
    {
        var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        try
        {
            var root = Run(inputDir, "rev-parse", "--show-toplevel")?.Trim();
            if (string.IsNullOrEmpty(root)) return result;
            var log = Run(inputDir, "-c", "core.quotepath=off", "log", "--format=@%ct", "--name-only", "--no-renames", "--", ".");
            if (log is null) return result;
            var inputFull = Path.GetFullPath(inputDir);
            DateTimeOffset current = default;
            foreach (var line in log.Split('\n'))
            {
                if (line.StartsWith('@') && long.TryParse(line.AsSpan(1), out var t)) { current = DateTimeOffset.FromUnixTimeSeconds(t); continue; }
                if (line.Length == 0) continue;
                // Paths are relative to the repository root; newest commits come first.
                var rel = Path.GetRelativePath(inputFull, Path.Combine(root, line)).Replace('\\', '/');
                if (!rel.StartsWith("../", StringComparison.Ordinal)) result.TryAdd(rel, current);
            }
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException or InvalidOperationException) { }
        return result;
    }

    private static string? Run(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi);
        if (p is null) return null;
        var stdout = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(15_000)) { try { p.Kill(); } catch { } return null; }
        return p.ExitCode == 0 ? stdout.Result : null;
    }
}
