namespace Site.Cli;

/// <summary>The checked URL options: <see cref="BaseUrl"/> always starts and ends with '/', <see cref="SiteUrl"/> is
/// "scheme://host[:port]" or null; <see cref="Errors"/> lists every problem (none when <see cref="Ok"/>).</summary>
public sealed record CheckedOptions(string BaseUrl, string? SiteUrl, IReadOnlyList<string> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>
/// Validates command-line values before any work (no build starts, nothing is written): <c>--base-url</c> is a
/// path ("/kb/") or a full http(s) URL, split into site URL + base path ("https://me.github.io/kb/" →
/// "https://me.github.io" + "/kb/"); a protocol-relative "//host/" or another scheme is refused; <c>--site-url</c>
/// is an absolute http(s) URL (a path in it becomes the base path); <c>--port</c> is 0–65535 (0 = any free
/// port); the <c>--stats-json</c> file can be written. Usage errors exit with <see cref="UsageExitCode"/>.
/// Pure apart from <see cref="CheckWritable"/>, which the caller can replace.
/// </summary>
public static class OptionsValidator
{
    /// <summary>EX_USAGE from sysexits.h: the command line itself is wrong (distinct from 1 = --strict, 2 = build failed).</summary>
    public const int UsageExitCode = 64;

    private const string UnsafePathChars = "\"'<>`\\?#%{}|^[] ";

    public static CheckedOptions Validate(string? baseUrl, string? siteUrl, int? port = null, string? statsJson = null, Func<string, string?>? checkWritable = null)
    {
        var errors = new List<string>();
        var (basePath, siteFromBase) = ParseBaseUrl(baseUrl, errors);
        var site = siteFromBase;
        if (!string.IsNullOrWhiteSpace(siteUrl))
        {
            if (ParseHttpUrl(siteUrl.Trim(), "--site-url", errors) is { } s)
            {
                if (siteFromBase is not null && !string.Equals(siteFromBase, s.Origin, StringComparison.OrdinalIgnoreCase))
                    errors.Add($"--site-url {siteUrl} and --base-url {baseUrl} name different sites; give the full URL in one of them");
                site = s.Origin;
                if (s.Path != "/")
                {
                    if (basePath != "/" && basePath != s.Path)
                        errors.Add($"--site-url {siteUrl} has the path {s.Path} but --base-url is {basePath}; give the path in one of them");
                    else basePath = s.Path;
                }
            }
        }
        if (port is < 0 or > 65535) errors.Add($"--port {port} is out of range: use 1–65535 (or 0 for any free port)");
        if (!string.IsNullOrWhiteSpace(statsJson) && (checkWritable ?? CheckWritable)(statsJson) is { } why)
            errors.Add($"--stats-json {statsJson}: {why}");
        return new CheckedOptions(basePath, site, errors);
    }

    /// <summary>"/kb/" → ("/kb/", null); "https://me.github.io/kb" → ("/kb/", "https://me.github.io").</summary>
    private static (string Path, string? Site) ParseBaseUrl(string? raw, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(raw)) return ("/", null);
        var b = raw.Trim();
        if (b.StartsWith("//", StringComparison.Ordinal) || b.StartsWith(@"\\", StringComparison.Ordinal) || b.StartsWith(@"/\", StringComparison.Ordinal) || b.StartsWith(@"\/", StringComparison.Ordinal))
        {
            errors.Add($"--base-url {raw} is a protocol-relative URL: every page would load its CSS and scripts from another host; give a path like /kb/ or a full URL like https://me.github.io/kb/");
            return ("/", null);
        }
        if (HasScheme(b))
        {
            if (ParseHttpUrl(b, "--base-url", errors) is { } u) return (u.Path, u.Origin);
            return ("/", null);
        }
        var path = CheckPath(b.Replace('\\', '/'), "--base-url", raw, errors);
        return (path ?? "/", null);
    }

    private static bool HasScheme(string s)
    {
        var colon = s.IndexOf(':');
        if (colon <= 0 || !char.IsAsciiLetter(s[0])) return false;
        for (int i = 1; i < colon; i++)
            if (!(char.IsAsciiLetterOrDigit(s[i]) || s[i] is '+' or '-' or '.')) return false;
        return true;
    }

    /// <summary>An absolute http(s) URL without user info, query or fragment: its origin and its path as a base path.</summary>
    private static (string Origin, string Path)? ParseHttpUrl(string s, string option, List<string> errors)
    {
        if (!HasScheme(s) || !Uri.TryCreate(s, UriKind.Absolute, out var u) || (u.Scheme != Uri.UriSchemeHttp && u.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(u.Host))
        {
            errors.Add($"{option} {s} is not an absolute http(s) URL like https://me.github.io");
            return null;
        }
        if (u.UserInfo.Length > 0 || u.Query.Length > 0 || u.Fragment.Length > 0)
        {
            errors.Add($"{option} {s} must not carry a user name, a query (?…) or a fragment (#…)");
            return null;
        }
        var path = CheckPath(u.AbsolutePath, option, s, errors);
        if (path is null) return null;
        return (u.GetLeftPart(UriPartial.Authority), path);
    }

    /// <summary>A site path: '/'-separated, no "." or ".." segment, no characters that need quoting in HTML or URLs; "/kb" → "/kb/".</summary>
    private static string? CheckPath(string p, string option, string raw, List<string> errors)
    {
        var segs = p.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var seg in segs)
        {
            if (seg is "." or "..")
            {
                errors.Add($"{option} {raw} contains a \"{seg}\" segment; give a plain path like /kb/");
                return null;
            }
            var bad = seg.FirstOrDefault(ch => char.IsControl(ch) || char.IsWhiteSpace(ch) || UnsafePathChars.Contains(ch));
            if (bad != default)
            {
                errors.Add($"{option} {raw} contains the character '{(char.IsControl(bad) ? $"U+{(int)bad:X4}" : bad.ToString())}', which is not allowed in a base path; use letters, digits, '-', '_', '.' and '/'");
                return null;
            }
        }
        return segs.Length == 0 ? "/" : "/" + string.Join('/', segs) + "/";
    }

    /// <summary>Null when <paramref name="path"/> can be written (its folder exists, it is not a folder, it can be
    /// opened for writing; a file this check creates is removed again), else why not.</summary>
    public static string? CheckWritable(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full)) return "is a folder, not a file";
            var dir = Path.GetDirectoryName(full);
            if (dir is null || !Directory.Exists(dir)) return $"folder {dir} does not exist";
            var existed = File.Exists(full);
            using (File.OpenHandle(full, FileMode.OpenOrCreate, FileAccess.Write)) { }
            if (!existed) File.Delete(full);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"cannot be written ({e.Message})";
        }
    }

    /// <summary>The one information line of a build without a site URL.</summary>
    public const string NoSiteUrlInfo = "info: no --site-url given: canonical, OpenGraph and sitemap URLs are written as paths, not absolute URLs (pass --site-url https://… or a full --base-url to make them absolute)";
}
