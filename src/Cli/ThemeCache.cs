using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Site.Cli;

/// <summary>
/// The installed tool's theme lives in a folder npm should not write to (a tool store, maybe read-only) and ships
/// without node_modules. Before a build it is copied once to a per-user cache,
/// <c>$XDG_CACHE_HOME/kbsite/VERSION/theme</c> (~/.cache when unset; %LOCALAPPDATA% on Windows), where
/// <see cref="Render.NodeTools.EnsureTheme"/> runs <c>npm ci</c> the first time math or search needs it.
/// The copy is refreshed when the shipped files change (a content hash in <c>.kbsite-theme</c>).
/// </summary>
public static class ThemeCache
{
    public const string StampFile = ".kbsite-theme";

    /// <summary>The tool's version (1.2.3, without the +commit suffix).</summary>
    public static string Version
    {
        get
        {
            var v = typeof(ThemeCache).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            var plus = v.IndexOf('+');
            return plus < 0 ? v : v[..plus];
        }
    }

    /// <summary>$XDG_CACHE_HOME/kbsite (or the platform's per-user cache folder).</summary>
    public static string Root()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathFullyQualified(xdg)) return Path.Combine(xdg, "kbsite");
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "kbsite");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "kbsite");
    }

    /// <summary>
    /// The theme folder to build with: <paramref name="shippedTheme"/> itself when it already has node_modules
    /// and is writable, else its copy in the per-user cache (made or refreshed now; npm runs later, on demand).
    /// </summary>
    /// <param name="cacheRoot">The per-user cache folder (tests); null → <see cref="Root"/>.</param>
    public static string Prepare(string shippedTheme, Action<string>? progress = null, string? cacheRoot = null)
    {
        if (Directory.Exists(Path.Combine(shippedTheme, "node_modules")) && IsWritable(shippedTheme)) return shippedTheme;
        var target = Path.Combine(cacheRoot ?? Root(), Version, "theme");
        var hash = Hash(shippedTheme);
        var stamp = Path.Combine(target, StampFile);
        if (File.Exists(stamp) && File.ReadAllText(stamp).Trim() == hash) return target;
        progress?.Invoke($"Preparing the theme in {target}");
        Directory.CreateDirectory(target);
        foreach (var file in ThemeFiles(shippedTheme))
        {
            var rel = Path.GetRelativePath(shippedTheme, file);
            var dest = Path.Combine(target, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            var tmp = dest + ".tmp-" + Environment.ProcessId;
            File.Copy(file, tmp, overwrite: true);
            File.Move(tmp, dest, overwrite: true);
        }
        File.WriteAllText(stamp, hash);
        return target;
    }

    /// <summary>The shipped theme's files (never node_modules or dot-files), in a fixed order.</summary>
    private static IEnumerable<string> ThemeFiles(string theme) =>
        Directory.EnumerateFiles(theme, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(theme, f).Split(Path.DirectorySeparatorChar).Any(s => s == "node_modules" || s.StartsWith('.')))
            .Order(StringComparer.Ordinal);

    private static string Hash(string theme)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var f in ThemeFiles(theme))
        {
            h.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(theme, f).Replace('\\', '/') + "\n"));
            h.AppendData(File.ReadAllBytes(f));
        }
        return Convert.ToHexString(h.GetHashAndReset())[..16];
    }

    private static bool IsWritable(string dir)
    {
        try
        {
            var probe = Path.Combine(dir, $".kbsite-write-{Environment.ProcessId}");
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return false; }
    }
}
