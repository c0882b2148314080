using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Site.Cli;
using Site.Core;
using Xunit;

namespace Site.Tests.Browser;

/// <summary>Where the browser tests find chromium, node, playwright-core and the repository.</summary>
internal static class BrowserEnv
{
    /// <summary>$CHROMIUM_PATH (CI points it at the runner's Google Chrome), else Debian's /usr/bin/chromium.</summary>
    public static readonly string Chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public static string RepoRoot => Support.TempSite.RepoRoot;

    public static string ThemeDir => Path.Combine(RepoRoot, "theme");
    public static string FixtureDir => Path.Combine(RepoRoot, "tests", "Site.Tests", "Fixtures", "Browser");
    public static string Script => Path.Combine(RepoRoot, "tests", "Site.Tests", "Browser", "browser-checks.mjs");
    public static string PlaywrightEntry => Path.Combine(ThemeDir, "node_modules", "playwright-core", "index.mjs");

    public static string? Node { get; } = Site.Render.NodeTools.FindOnPath("node");

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public static string? MissingReason =>
        !File.Exists(Chromium) ? $"browser tests skipped: {Chromium} not found (apt-get install chromium)"
        : Node is null ? "browser tests skipped: node not found on PATH"
        : !File.Exists(PlaywrightEntry) ? $"browser tests skipped: {PlaywrightEntry} missing (run npm ci in theme/)"
        : null;
}

/// <summary>A [Fact] that is skipped, with the reason, when chromium/node/playwright-core are missing.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (BrowserEnv.MissingReason is { } why) Skip = why;
    }
}

public sealed record BrowserCheck(string Name, bool Ok, string Detail);

public sealed record BrowserRun(bool Completed, IReadOnlyList<BrowserCheck> Checks, string Log, double Seconds);

/// <summary>
/// The fixture site, built once per test run from Fixtures/Browser (served under a base path, with a
/// site URL, as on GitHub project pages), and the one browser session that checks it (run lazily).
/// </summary>
public sealed class BrowserSiteFixture : IDisposable
{
    public const string BaseUrl = "/kb/";
    public const string SiteUrl = "https://kb.example.org";
    public const string SiteTitle = "测试知识库 Browser Fixture";
    public const string LazyBaseUrl = "/lazy/";
    public static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(180);

    private readonly Lazy<BrowserRun> _run;

    public BrowserSiteFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "kb-browser-" + Guid.NewGuid().ToString("N")[..10]);
        Output = Path.Combine(Root, "site");
        Artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
        var log = new StringWriter();
        Result = SiteBuilder.Build(new BuildOptions
        {
            InputDir = BrowserEnv.FixtureDir, OutputDir = Output, ThemeDir = BrowserEnv.ThemeDir,
            BaseUrl = BaseUrl, SiteUrl = SiteUrl, SiteTitle = SiteTitle, CacheDir = Path.Combine(Root, ".cache"),
        }, log, quiet: true);
        BuildLog = log.ToString();
        _run = new Lazy<BrowserRun>(RunBrowser);
    }

    /// <summary>
    /// The same notes plus enough generated ones to pass <see cref="Site.Emit.EmitSite.InlineSidebarMaxNotes"/>,
    /// so pages fetch the full sidebar from sidebar.html instead of carrying it inline.
    /// </summary>
    private BuildResult BuildLazySite()
    {
        var input = Path.Combine(Root, "lazy-input");
        CopyDir(BrowserEnv.FixtureDir, input);
        var bulk = Path.Combine(input, "bulk");
        Directory.CreateDirectory(bulk);
        for (int i = 0; i <= Site.Emit.EmitSite.InlineSidebarMaxNotes; i++)
            File.WriteAllText(Path.Combine(bulk, $"note-{i:000}.md"), $"---\ntitle: 批量笔记 Bulk note {i:000}\n---\n\n## 小节 Section\n\nFiller text {i}.\n", new UTF8Encoding(false));
        var log = new StringWriter();
        var r = SiteBuilder.Build(new BuildOptions
        {
            InputDir = input, OutputDir = LazyOutput, ThemeDir = BrowserEnv.ThemeDir,
            BaseUrl = LazyBaseUrl, SiteTitle = SiteTitle, CacheDir = Path.Combine(Root, ".cache"),
        }, log, quiet: true);
        if (r.ExitCode != 0) throw new InvalidOperationException("lazy-sidebar site did not build:\n" + log);
        return r;
    }

    private static void CopyDir(string from, string to)
    {
        foreach (var f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
    }

    public string Root { get; }
    public string Output { get; }
    public string LazyOutput => Path.Combine(Root, "lazy-site");
    public string Artifacts { get; }
    public BuildResult Result { get; }
    public string BuildLog { get; }

    /// <summary>The browser session's results (started on first use, shared by every browser test).</summary>
    public BrowserRun Run => _run.Value;

    private BrowserRun RunBrowser()
    {
        var sw = Stopwatch.StartNew();
        Directory.CreateDirectory(Artifacts);
        BuildLazySite();
        var psi = new ProcessStartInfo(BrowserEnv.Node!)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Root,
            StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in new[] { BrowserEnv.Script, "--site", Output, "--base", BaseUrl, "--theme", BrowserEnv.ThemeDir,
                     "--artifacts", Artifacts, "--chromium", BrowserEnv.Chromium, "--lazy-site", LazyOutput, "--lazy-base", LazyBaseUrl })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(ScriptTimeout))
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            return new BrowserRun(false, Array.Empty<BrowserCheck>(), $"browser script timed out after {ScriptTimeout.TotalSeconds:0}s\n{Tail(stderr)}", sw.Elapsed.TotalSeconds);
        }
        var output = stdout.GetAwaiter().GetResult();
        var errors = stderr.GetAwaiter().GetResult();
        var json = output.Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{'));
        if (json is null)
            return new BrowserRun(false, Array.Empty<BrowserCheck>(), $"browser script exited {p.ExitCode} without results\nstdout: {output}\nstderr: {errors}", sw.Elapsed.TotalSeconds);
        using var doc = JsonDocument.Parse(json);
        var checks = doc.RootElement.GetProperty("checks").EnumerateArray()
            .Select(c => new BrowserCheck(c.GetProperty("name").GetString()!, c.GetProperty("ok").GetBoolean(), c.GetProperty("detail").GetString() ?? ""))
            .ToList();
        var timings = doc.RootElement.TryGetProperty("timings", out var t) ? t.ToString() : "";
        return new BrowserRun(true, checks, $"exit {p.ExitCode}; timings {timings}\n{errors}", sw.Elapsed.TotalSeconds);
    }

    private static string Tail(Task<string> s) => s.IsCompletedSuccessfully ? s.Result[^Math.Min(s.Result.Length, 2000)..] : "";

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserSiteCollection : ICollectionFixture<BrowserSiteFixture>
{
    public const string Name = "Browser fixture site";
}
