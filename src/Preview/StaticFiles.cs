using System.Text;

namespace Site.Preview;

/// <summary>What a request path maps to inside the output folder.</summary>
public enum PathKind { Bad, OutsideBase, File, Directory, Missing }

public readonly record struct ResolvedPath(PathKind Kind, string? FullPath, IReadOnlyList<string> Segments);

/// <summary>
/// Maps raw request targets to files in the output folder, refusing anything that could escape it.
/// The output folder is swapped atomically on every build, so nothing here caches handles: each request
/// resolves against the output path again.
/// </summary>
public static class StaticFiles
{
    /// <summary>
    /// Resolves the raw request target (path as sent, still percent-encoded, query allowed) under the site's
    /// base URL. Bad: traversal (<c>..</c>, <c>%2e%2e</c>), backslashes (raw or <c>%5c</c>), NUL, control
    /// characters, drive letters, invalid UTF-8. OutsideBase: a valid path that is not under the base URL.
    /// </summary>
    public static ResolvedPath Resolve(string rawTarget, string outputDir, string baseUrl)
    {
        var bad = new ResolvedPath(PathKind.Bad, null, Array.Empty<string>());
        if (string.IsNullOrEmpty(rawTarget) || rawTarget[0] != '/') return bad;
        var q = rawTarget.IndexOfAny(new[] { '?', '#' });
        var raw = q >= 0 ? rawTarget[..q] : rawTarget;
        if (raw.Contains('\\') || raw.Contains("%5c", StringComparison.OrdinalIgnoreCase) || raw.Contains("%00")) return bad;

        string decoded;
        try { decoded = DecodeUtf8(raw); }
        catch (Exception ex) when (ex is FormatException or ArgumentException) { return bad; }
        if (decoded.Contains('\\')) return bad;
        foreach (var c in decoded)
            if (char.IsControl(c)) return bad;

        var segments = decoded.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var seg in segments)
            if (seg is "." or ".." || seg.Contains(':') || seg.Trim().Length == 0) return bad;

        var baseSegs = baseUrl.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < baseSegs.Length || !baseSegs.SequenceEqual(segments.Take(baseSegs.Length), StringComparer.Ordinal))
            return new ResolvedPath(PathKind.OutsideBase, null, segments);
        var rel = segments.Skip(baseSegs.Length).ToArray();

        var root = Path.GetFullPath(outputDir).TrimEnd(Path.DirectorySeparatorChar);
        var full = rel.Length == 0 ? root : Path.GetFullPath(Path.Combine(root, Path.Combine(rel)));
        if (full != root && !full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return bad;

        if (Directory.Exists(full)) return new ResolvedPath(PathKind.Directory, full, segments);
        if (File.Exists(full)) return new ResolvedPath(PathKind.File, full, segments);
        return new ResolvedPath(PathKind.Missing, full, segments);
    }

    /// <summary>Percent-decodes as strict UTF-8 (so <c>%E5%BC%A0</c> → 张); throws on malformed escapes or bytes.</summary>
    public static string DecodeUtf8(string s)
    {
        if (!s.Contains('%')) return s;
        var bytes = new List<byte>(s.Length);
        Span<byte> buf = stackalloc byte[4];
        for (int i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%')
            {
                if (i + 2 >= s.Length || !IsHex(s[i + 1]) || !IsHex(s[i + 2])) throw new FormatException("bad percent escape");
                bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                var n = Encoding.UTF8.GetBytes(s.AsSpan(i, char.IsHighSurrogate(c) && i + 1 < s.Length ? 2 : 1), buf);
                if (char.IsHighSurrogate(c)) i++;
                for (int k = 0; k < n; k++) bytes.Add(buf[k]);
            }
        }
        return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.ToArray());
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    /// <summary>The URL path for a list of decoded segments, each percent-encoded again.</summary>
    public static string EncodePath(IEnumerable<string> segments, bool trailingSlash) =>
        "/" + string.Join('/', segments.Select(Uri.EscapeDataString)) + (trailingSlash && segments.Any() ? "/" : "");

    public static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" or ".htm" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" or ".mjs" => "text/javascript; charset=utf-8",
        ".json" or ".map" => "application/json; charset=utf-8",
        ".xml" => "application/xml; charset=utf-8",
        ".txt" or ".md" => "text/plain; charset=utf-8",
        ".svg" => "image/svg+xml; charset=utf-8",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".avif" => "image/avif",
        ".ico" => "image/x-icon",
        ".woff2" => "font/woff2",
        ".woff" => "font/woff",
        ".ttf" => "font/ttf",
        ".otf" => "font/otf",
        ".pdf" => "application/pdf",
        ".wasm" => "application/wasm",
        _ => "application/octet-stream",
    };
}
