namespace Site.Read;

/// <summary>
/// Who owns each output path of a build, compared case-insensitively (a site copied to a case-insensitive
/// disk or host must not lose a page): the generated files and folders of <see cref="Permalinks"/> first,
/// then each note's page. A path clashes when another owner has the same file, when it would sit inside
/// another owner's file, or when it is a folder another owner writes into.
/// </summary>
public sealed class UrlClaims
{
    private readonly Dictionary<string, string> _files = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _folders = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Claims <paramref name="outputPath"/> ("notes/a/index.html") for <paramref name="owner"/>; returns
    /// null when it is free, else why not, to follow "URL /x/ is …" ("already used by a.md",
    /// "reserved for the generated folder /tags/"); a clash claims nothing.</summary>
    public string? TryClaim(string outputPath, string owner)
    {
        var p = outputPath.Replace('\\', '/').TrimStart('/');
        if (Permalinks.ReservedBy(p) is { } generated) return $"reserved for the generated {(generated.EndsWith('/') ? "folder" : "file")} /{generated}";
        if (_files.TryGetValue(p, out var other)) return $"already used by {other}";
        if (_folders.TryGetValue(p, out other)) return $"a folder {other} writes into";
        for (var i = p.IndexOf('/'); i > 0; i = p.IndexOf('/', i + 1))
            if (_files.TryGetValue(p[..i], out other)) return $"inside /{p[..i]}, a file of {other}";
        _files[p] = owner;
        for (var i = p.IndexOf('/'); i > 0; i = p.IndexOf('/', i + 1)) _folders.TryAdd(p[..i], owner);
        return null;
    }

    /// <summary>
    /// The <paramref name="k"/>-th fallback URL for a URL that clashed: out of a generated folder
    /// ("tags/x/" → "tags-2/x/"), else a suffix ("a/" → "a-2/", "a.html" → "a-2.html", home → "home-2/").
    /// </summary>
    public static string Fallback(string url, int k)
    {
        var slash = url.IndexOf('/');
        if (Permalinks.ReservedBy(Permalinks.OutputPathFor(url)) is not null && slash > 0 && slash < url.Length - 1)
            return $"{url[..slash]}-{k}{url[slash..]}";
        if (url.Length == 0) return $"home-{k}/";
        if (url.EndsWith('/')) return $"{url.TrimEnd('/')}-{k}/";
        if (url.EndsWith(".html", StringComparison.OrdinalIgnoreCase)) return $"{url[..^5]}-{k}.html";
        return $"{url}-{k}";
    }
}
