using Xunit;
using System.Diagnostics;
using Site.Tests.Index;
using Site.Tests.Support;

namespace Site.Tests.Cli;

/// <summary>
/// Acceptance for issue 18: pack the .NET tool once, install it into a tool path under /tmp, run `kbsite new` in a
/// folder outside the repository and `kbsite build` there with no flags. The site has the note, math rendered by
/// KaTeX and a search index; the theme's npm packages land in the per-user cache ($XDG_CACHE_HOME, also under /tmp).
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("kb-tool-");
    public void Dispose() { try { _scratch.Delete(recursive: true); } catch (IOException) { } }

    [NodeFact]
    public void Installed_tool_scaffolds_and_builds_notes_outside_the_repository()
    {
        var root = _scratch.FullName;
        Assert.False(Path.GetFullPath(root).StartsWith(TempSite.RepoRoot, StringComparison.Ordinal));
        var nupkg = Path.Combine(root, "nupkg");
        var tools = Path.Combine(root, "tools");
        Run("dotnet", TempSite.RepoRoot, TimeSpan.FromMinutes(8), "pack", Path.Combine(TempSite.RepoRoot, "Site.csproj"), "-o", nupkg, "--nologo", "-v", "q");
        Run("dotnet", root, TimeSpan.FromMinutes(3), "tool", "install", "--tool-path", tools, "--add-source", nupkg, "Kbsite");
        var kbsite = Path.Combine(tools, OperatingSystem.IsWindows() ? "kbsite.exe" : "kbsite");

        Assert.Matches(@"^\d+\.\d+\.\d+", Run(kbsite, root, TimeSpan.FromMinutes(1), "--version").Trim());
        Run(kbsite, root, TimeSpan.FromMinutes(1), "new", "my-notes");
        var notes = Path.Combine(root, "my-notes");
        // The author's first build writes the link registry (.kbsite/links.tsv) that --strict then insists on.
        Run(kbsite, notes, TimeSpan.FromMinutes(6), "build");
        Assert.True(File.Exists(Path.Combine(notes, ".kbsite", "links.tsv")));
        var log = Run(kbsite, notes, TimeSpan.FromMinutes(6), "build", "--strict");

        var site = Path.Combine(notes, "_site");
        var page = File.ReadAllText(Path.Combine(site, "welcome", "index.html"));
        Assert.Contains("欢迎", page);
        Assert.Contains("class=\"katex", page);
        Assert.DoesNotContain("$$", page);
        Assert.True(File.Exists(Path.Combine(site, "assets", "katex", "katex.min.css")), log);
        Assert.Contains("welcome", Site.Tests.Index.SearchOutput.DisplayJson(site));
        Assert.True(File.Exists(Path.Combine(site, "search", "meta.json")));
        Assert.True(File.Exists(Path.Combine(root, "cache", "kbsite", Site.Cli.ThemeCache.Version, "theme", "node_modules", "katex", "package.json")));
        Assert.Matches(@"1 notes, \d+ pages, 0 warnings, 0 errors", log);

        // clean takes back exactly what build made.
        Run(kbsite, notes, TimeSpan.FromMinutes(1), "clean");
        Assert.False(Directory.Exists(site));
        Assert.False(Directory.Exists(Path.Combine(notes, ".kbsite-cache")));
        Assert.True(File.Exists(Path.Combine(notes, "welcome.md")));
    }

    /// <summary>Runs a program to completion (killed after <paramref name="timeout"/>) and returns its output; asserts exit 0.</summary>
    private string Run(string exe, string cwd, TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["XDG_CACHE_HOME"] = Path.Combine(_scratch.FullName, "cache");
        psi.Environment["npm_config_prefer_offline"] = "true"; // the theme's packages are usually in ~/.npm already
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        var so = p.StandardOutput.ReadToEndAsync();
        var se = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(exe)} {string.Join(' ', args)} did not finish in {timeout}");
        }
        p.WaitForExit();
        var output = so.Result + se.Result;
        Assert.True(p.ExitCode == 0, $"{Path.GetFileName(exe)} {string.Join(' ', args)} exited {p.ExitCode}:\n{output}");
        return output;
    }
}
