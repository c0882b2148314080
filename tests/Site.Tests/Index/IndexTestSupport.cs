using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Site.Tests.Index;

/// <summary>Paths and node helpers for the search tests.</summary>
internal static class IndexTestSupport
{
    /// <summary>The repository root (found from this source file's compile-time path, so private artifacts paths work).</summary>
    public static string RepoRoot => Support.TempSite.RepoRoot;

    public static string SearchDir => Path.Combine(RepoRoot, "theme", "search");
    public static string FixturesDir => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Index");

    /// <summary>Full path of node, or null when it is not installed.</summary>
    public static string? NodePath { get; } = Site.Render.NodeTools.FindOnPath("node");

    /// <summary>Skips the running test (xunit's dynamic-skip token) with a reason.</summary>
    public static Exception Skip(string reason) => new SkipTestException(reason);

    public static void RequireNode()
    {
        if (NodePath is null) throw Skip("node is not installed (not on PATH): the JavaScript half of this test was not run");
        if (!File.Exists(Path.Combine(RepoRoot, "theme", "node_modules", "lunr", "lunr.js")))
            throw Skip("theme/node_modules is missing: run `npm ci` in theme/");
    }

    public sealed record ProcResult(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs node with arguments; stdin text optional. UTF-8 both ways.</summary>
    public static ProcResult RunNode(IEnumerable<string> args, string? stdin = null, string? workDir = null,
        IDictionary<string, string>? env = null, int timeoutMs = 300_000)
    {
        var psi = new ProcessStartInfo(NodePath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            StandardInputEncoding = new UTF8Encoding(false),
            WorkingDirectory = workDir ?? RepoRoot,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (env != null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var outTask = p.StandardOutput.ReadToEndAsync();
        var errTask = p.StandardError.ReadToEndAsync();
        if (stdin != null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        if (!p.WaitForExit(timeoutMs))
        {
            try { p.Kill(entireProcessTree: true); } catch { }
            throw new TimeoutException($"node {string.Join(' ', args)} did not finish in {timeoutMs / 1000}s");
        }
        p.WaitForExit();
        return new ProcResult(p.ExitCode, outTask.Result, errTask.Result);
    }
}

/// <summary>xunit 2.9 reports a test that throws with this message prefix as skipped.</summary>
public sealed class SkipTestException : Exception
{
    public SkipTestException(string reason) : base("$XunitDynamicSkip$" + reason) { }
}
