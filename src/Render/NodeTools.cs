using System.Diagnostics;
using System.Text.Json;

namespace Site.Render;

/// <summary>Result of <see cref="NodeTools.EnsureTheme"/>: where node is, and whether theme/node_modules is usable.</summary>
public sealed record NodeSetup(string? NodePath, Version? NodeVersion, bool ModulesReady, string? Problem)
{
    /// <summary>Node 20+ was found and theme/node_modules is installed and matches package-lock.json.</summary>
    public bool Ok => NodePath is not null && ModulesReady && Problem is null;
}

/// <summary>
/// Finds Node.js / npm and keeps theme/node_modules in step with theme/package-lock.json.
/// Shared by math rendering, the search indexer and the browser tests.
/// </summary>
public static class NodeTools
{
    public const int MinimumNodeMajor = 20;

    /// <summary>The one message printed when Node is missing or too old.</summary>
    public const string NodeMissingMessage =
        "Node.js 20+ is required to render math at build time: install it (e.g. apt-get install nodejs) and make sure `node` and `npm` are on PATH";

    /// <summary>Full path of an executable found on PATH (or on <paramref name="pathEnv"/>), or null.</summary>
    public static string? FindOnPath(string name, string? pathEnv = null)
    {
        pathEnv ??= Environment.GetEnvironmentVariable("PATH") ?? "";
        var exts = OperatingSystem.IsWindows()
            ? (Environment.GetEnvironmentVariable("PATHEXT") ?? ".EXE;.CMD;.BAT").Split(';', StringSplitOptions.RemoveEmptyEntries)
            : new[] { "" };
        foreach (var dir in pathEnv.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var ext in exts)
            {
                string candidate;
                try { candidate = Path.Combine(dir.Trim('"'), name + ext); }
                catch (ArgumentException) { continue; }
                if (File.Exists(candidate) && IsExecutable(candidate)) return candidate;
            }
        }
        return null;
    }

    private static bool IsExecutable(string file)
    {
        if (OperatingSystem.IsWindows()) return true;
        try { return (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0; }
        catch { return false; }
    }

    public static string? FindNode(string? pathEnv = null) => FindOnPath("node", pathEnv);
    public static string? FindNpm(string? pathEnv = null) => FindOnPath("npm", pathEnv);

    /// <summary>`node --version` parsed (v20.20.2 → 20.20.2), or null if it cannot be run.</summary>
    public static Version? GetNodeVersion(string nodePath)
    {
        try
        {
            var r = Run(nodePath, new[] { "--version" }, Directory.GetCurrentDirectory(), TimeSpan.FromSeconds(20));
            if (r.ExitCode != 0) return null;
            return Version.TryParse(r.StdOut.Trim().TrimStart('v'), out var v) ? v : null;
        }
        catch { return null; }
    }

    /// <summary>
    /// True when theme/node_modules is missing or does not match package-lock.json: some locked package
    /// is absent from node_modules/.package-lock.json (npm's record of what it installed) or has another version.
    /// Content-based, so a git checkout that only touches mtimes does not trigger a reinstall.
    /// </summary>
    public static bool IsNodeModulesStale(string themeDir, out string reason)
    {
        var lockFile = Path.Combine(themeDir, "package-lock.json");
        var modules = Path.Combine(themeDir, "node_modules");
        var installed = Path.Combine(modules, ".package-lock.json");
        reason = "";
        if (!Directory.Exists(modules)) { reason = "theme/node_modules is missing"; return true; }
        if (!File.Exists(lockFile)) return false; // nothing to compare against: use what is there
        if (!File.Exists(installed)) { reason = "theme/node_modules was not installed by npm (no .package-lock.json)"; return true; }
        try
        {
            var want = LockedVersions(lockFile);
            var have = LockedVersions(installed);
            foreach (var (pkg, ver) in want)
            {
                if (!have.TryGetValue(pkg, out var hv)) { reason = $"{pkg} is not installed"; return true; }
                if (hv != ver) { reason = $"{pkg} is {hv}, package-lock.json wants {ver}"; return true; }
                if (!Directory.Exists(Path.Combine(themeDir, pkg))) { reason = $"{pkg} is missing"; return true; }
            }
            return false;
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            reason = "cannot read package-lock.json: " + ex.Message;
            return true;
        }
    }

    private static Dictionary<string, string> LockedVersions(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (doc.RootElement.TryGetProperty("packages", out var pkgs) && pkgs.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in pkgs.EnumerateObject())
            {
                if (p.Name.Length == 0 || !p.Name.StartsWith("node_modules/", StringComparison.Ordinal)) continue;
                if (p.Value.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String)
                    map[p.Name] = v.GetString()!;
            }
        }
        return map;
    }

    private static readonly object NpmGate = new();

    /// <summary>
    /// Finds node (20+) and makes sure theme/node_modules is installed: runs `npm ci` quietly in the theme
    /// folder when it is missing or stale (one progress line through <paramref name="progress"/>).
    /// Never throws; problems come back in <see cref="NodeSetup.Problem"/>.
    /// </summary>
    public static NodeSetup EnsureTheme(string themeDir, Action<string>? progress = null, string? pathEnv = null)
    {
        if (!Directory.Exists(themeDir)) return new NodeSetup(null, null, false, $"theme folder {themeDir} does not exist");
        var node = FindNode(pathEnv);
        if (node is null) return new NodeSetup(null, null, false, NodeMissingMessage);
        var version = GetNodeVersion(node);
        if (version is null || version.Major < MinimumNodeMajor)
            return new NodeSetup(null, version, false, NodeMissingMessage + $" (found {node} {(version is null ? "which does not run" : "v" + version)})");

        lock (NpmGate)
        {
            if (!IsNodeModulesStale(themeDir, out var why)) return new NodeSetup(node, version, true, null);
            var npm = FindNpm(pathEnv);
            if (npm is null) return new NodeSetup(node, version, false, $"{why}, and npm is not on PATH: run `npm ci` in {themeDir}");
            using var fileLock = AcquireInstallLock(themeDir, InstallLockWait, out var lockProblem);
            if (lockProblem is not null) return new NodeSetup(node, version, false, lockProblem);
            // Another build may have installed while we waited for the lock.
            if (!IsNodeModulesStale(themeDir, out why)) return new NodeSetup(node, version, true, null);
            progress?.Invoke($"Installing theme packages (npm ci in {themeDir}: {why})…");
            try
            {
                var r = Run(npm, new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" }, themeDir, TimeSpan.FromMinutes(10));
                if (r.ExitCode != 0)
                {
                    var tail = string.Join('\n', (r.StdErr + "\n" + r.StdOut).Trim().Split('\n').TakeLast(8));
                    return new NodeSetup(node, version, false, $"`npm ci` failed in {themeDir} (exit {r.ExitCode}): {tail}");
                }
            }
            catch (Exception ex)
            {
                return new NodeSetup(node, version, false, $"`npm ci` could not run in {themeDir}: {ex.Message}");
            }
            return IsNodeModulesStale(themeDir, out why)
                ? new NodeSetup(node, version, false, $"theme/node_modules still out of date after `npm ci`: {why}")
                : new NodeSetup(node, version, true, null);
        }
    }

    /// <summary>How long a build waits for another process's <c>npm ci</c> in the same theme folder.</summary>
    public static TimeSpan InstallLockWait { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The theme's install lock, so two builds never run <c>npm ci</c> in one folder at once. Only a lock held
    /// by someone else is waited for (at most <paramref name="wait"/>); a missing folder, a read-only theme
    /// or any other error is not "busy": it returns at once (null lock; <paramref name="problem"/> set when
    /// installing cannot work).
    /// </summary>
    internal static FileStream? AcquireInstallLock(string themeDir, TimeSpan wait, out string? problem)
    {
        problem = null;
        var path = Path.Combine(themeDir, ".npm-install.lock");
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose); }
            catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
            {
                problem = $"theme folder {themeDir} does not exist";
                return null;
            }
            catch (UnauthorizedAccessException) { return null; } // read-only theme: npm ci will say why
            catch (IOException) when (File.Exists(path) && DateTime.UtcNow < deadline) { Thread.Sleep(250); }
            catch (IOException) when (File.Exists(path))
            {
                problem = $"another process has been installing the theme packages in {themeDir} for over {wait.TotalSeconds:0} s ({path}); try again later";
                return null;
            }
            catch (IOException) { return null; }
        }
    }

    public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr);

    /// <summary>Runs a program to completion with a timeout (killed on timeout), capturing UTF-8 output.</summary>
    public static ProcessResult Run(string exe, IEnumerable<string> args, string workingDir, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(exe)
        {
            WorkingDirectory = workingDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {exe}");
        p.StandardInput.Close();
        var so = p.StandardOutput.ReadToEndAsync();
        var se = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            try { p.Kill(entireProcessTree: true); } catch { }
            throw new TimeoutException($"{Path.GetFileName(exe)} {string.Join(' ', args)} did not finish in {timeout.TotalSeconds:0}s");
        }
        p.WaitForExit();
        return new ProcessResult(p.ExitCode, so.Result, se.Result);
    }
}
