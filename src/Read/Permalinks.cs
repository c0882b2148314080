using System.Text;

namespace Site.Read;

/// <summary>
/// One owner for URL shapes and reserved paths: turns a source path or a front-matter permalink into a
/// safe site-relative URL ("notes/lora/") and output file ("notes/lora/index.html"); makes the URLs of
/// share, tag and topic pages; names the files and folders the generator writes itself, which no note
/// or copied file may take (<see cref="UrlClaims"/> enforces that). Never lets a note escape the output.
/// </summary>
public static class Permalinks
{
    /// <summary>Home page, 404 page and the other single files every build writes at the site root.</summary>
    public const string HomeFile = "index.html", NotFoundFile = "404.html", SitemapFile = "sitemap.xml",
        RobotsFile = "robots.txt", SidebarFile = "sidebar.html", TopicsJsonFile = "topics.json";
    /// <summary>Folders every build fills itself (theme and search assets, share, tag and topic pages).</summary>
    public const string AssetsFolder = "assets", SearchFolder = "search", ShareFolder = "s", TagsFolder = "tags", TopicsFolder = "topics";

    /// <summary>Site-root files the generator writes; a note or copied file must not take them (case-insensitive).</summary>
    public static readonly IReadOnlyList<string> GeneratedFiles = new[] { HomeFile, NotFoundFile, SitemapFile, RobotsFile, SidebarFile, TopicsJsonFile };
    /// <summary>Site-root folders the generator fills; nothing of a note's may live under them (case-insensitive).</summary>
    public static readonly IReadOnlyList<string> GeneratedFolders = new[] { AssetsFolder, SearchFolder, ShareFolder, TagsFolder, TopicsFolder };

    /// <summary>The generated file or folder a site-relative output path collides with, or null when it is free.
    /// "Sitemap.XML/index.html", "assets/site.css", "tags/x/index.html" collide; "notes/tags/x/" does not.</summary>
    public static string? ReservedBy(string outputPath)
    {
        var p = outputPath.Replace('\\', '/').TrimStart('/');
        var slash = p.IndexOf('/');
        var first = slash < 0 ? p : p[..slash];
        foreach (var d in GeneratedFolders)
            if (first.Equals(d, StringComparison.OrdinalIgnoreCase)) return d + "/";
        foreach (var f in GeneratedFiles)
            if (first.Equals(f, StringComparison.OrdinalIgnoreCase)) return f;
        return null;
    }

    /// <summary>A section's share page: <c>s/&lt;id&gt;.html</c>. A file, not a folder: one mkdir less for each of the
    /// ~13 share pages per note, and the URL works on every static host without an index-file rule.</summary>
    public static string ShareUrl(string shareId) => $"{ShareFolder}/{shareId}.html";

    /// <summary>A tag's list page: "tags/&lt;segment&gt;/".</summary>
    public static string TagUrl(string tag) => $"{TagsFolder}/{Segment(tag)}/";

    /// <summary>A topic's page: "topics/&lt;segment&gt;/", or "topics/&lt;segment&gt;-&lt;k&gt;/" for the k-th topic of that name.</summary>
    public static string TopicUrl(string segment, int k = 1) => k <= 1 ? $"{TopicsFolder}/{segment}/" : $"{TopicsFolder}/{segment}-{k}/";

    private static readonly char[] Illegal = { '<', '>', ':', '"', '|', '?', '*', '\\', '#', '%', '&', '+', '\'', '`', '^', '{', '}', '[', ']', '!', '$', '=', ';', ',', '@' };

    /// <summary>URL for a note from its source path: "ML 笔记/张量 并行.md" → "ml-笔记/张量-并行/".</summary>
    public static string FromSourcePath(string sourcePath)
    {
        var noExt = sourcePath[..^Path.GetExtension(sourcePath).Length];
        var segs = noExt.Split('/').Select(s => Segment(PostFolders.UrlName(s))).Where(s => s.Length > 0);
        var url = string.Join('/', segs);
        return url.Length == 0 ? "note/" : url + "/";
    }

    private static readonly string[] FolderPageNames = { "readme", "index", "_index" };

    /// <summary>
    /// Folder pages: <c>README.md</c>, <c>index.md</c>, <c>_index.md</c> or a note named like its folder
    /// (<c>1.概述/1.概述.md</c>) is its folder's page, published at the folder's URL ("1.概述/").
    /// Returns how strongly the file claims the folder (0 = README … 3 = same name; lower wins), or -1
    /// when it is not a folder page (a file at the input root has no folder to be the page of).
    /// </summary>
    public static int FolderPageRank(string sourcePath)
    {
        var slash = sourcePath.LastIndexOf('/');
        if (slash <= 0) return -1;
        var stem = Path.GetFileNameWithoutExtension(sourcePath);
        var i = Array.FindIndex(FolderPageNames, n => n.Equals(stem, StringComparison.OrdinalIgnoreCase));
        if (i >= 0) return i;
        var folder = sourcePath[..slash];
        var folderName = folder[(folder.LastIndexOf('/') + 1)..];
        return folderName.Equals(stem, StringComparison.OrdinalIgnoreCase) ? 3 : -1;
    }

    /// <summary>The URL a folder page claims ("a/b/README.md" → "a/b/"), or null when it is not one.</summary>
    public static string? FolderPageUrl(string sourcePath) =>
        FolderPageRank(sourcePath) < 0 ? null : FolderUrl(sourcePath[..sourcePath.LastIndexOf('/')]);

    /// <summary>URL of a source folder ("ML 笔记/张量" → "ml-笔记/张量/"); "" for the input root.</summary>
    public static string FolderUrl(string folder)
    {
        var url = string.Join('/', folder.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => Segment(PostFolders.UrlName(s))).Where(s => s.Length > 0));
        return url.Length == 0 ? "" : url + "/";
    }

    /// <summary>
    /// Validates a permalink. Returns the site-relative URL, or null with a reason when it tries to
    /// escape the site (.., %2e%2e, absolute URLs, drive letters) or is otherwise unusable.
    /// </summary>
    public static string? FromPermalink(string permalink, out string? problem)
    {
        problem = null;
        var p = permalink.Trim();
        string decoded;
        try { decoded = Uri.UnescapeDataString(Uri.UnescapeDataString(p)); } catch { decoded = p; }
        decoded = decoded.Replace('\\', '/');
        if (decoded.Contains("://") || decoded.StartsWith("//", StringComparison.Ordinal) || (decoded.Length > 1 && decoded[1] == ':'))
        {
            problem = "permalink must be a site path like /notes/x/, not an absolute URL or drive path";
            return null;
        }
        var segs = decoded.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segs.Any(s => s.Trim() is ".." or "."))
        {
            problem = "permalink tries to leave the site folder (..)";
            return null;
        }
        if (segs.Any(s => s.Any(char.IsControl)))
        {
            problem = "permalink contains control characters";
            return null;
        }
        var clean = segs.Select(Segment).Where(s => s.Length > 0).ToList();
        if (clean.Count == 0) return ""; // "/" → home page slot
        var last = clean[^1];
        if (last.EndsWith(".html", StringComparison.OrdinalIgnoreCase)) return string.Join('/', clean); // exact file
        return string.Join('/', clean) + "/";
    }

    /// <summary>Output file for a site-relative URL: "a/b/" → "a/b/index.html"; "a/b.html" → itself.</summary>
    public static string OutputPathFor(string url) =>
        url.Length == 0 ? "index.html" : url.EndsWith('/') ? url + "index.html" : url;

    /// <summary>Sanitizes one path segment: lowercase ASCII, spaces → '-', characters illegal in URLs or on Windows dropped, CJK kept.</summary>
    public static string Segment(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsWhiteSpace(ch)) { if (sb.Length > 0 && sb[^1] != '-') sb.Append('-'); }
            else if (char.IsControl(ch) || Illegal.Contains(ch) || ch == '/') { }
            else sb.Append(char.ToLowerInvariant(ch));
        }
        var r = sb.ToString().Trim('-', '.');
        // Reserved device names on Windows.
        if (r is "con" or "prn" or "aux" or "nul" || (r.Length == 4 && (r.StartsWith("com", StringComparison.Ordinal) || r.StartsWith("lpt", StringComparison.Ordinal)) && char.IsDigit(r[3]))) r = "_" + r;
        return r.Length > 120 ? r[..120] : r;
    }

    /// <summary>Percent-encodes a site-relative URL for use in href attributes (keeps '/').</summary>
    public static string Encode(string url) =>
        string.Join('/', url.Split('/').Select(Uri.EscapeDataString));

    /// <summary>A section id as an href fragment for pages where bytes count (share pages): ASCII outside
    /// A-Z a-z 0-9 - . _ ~ percent-encoded, other characters (CJK …) kept as they are, which browsers encode
    /// when they follow the link; 3 bytes a CJK character instead of <see cref="Uri.EscapeDataString(string)"/>'s 9.
    /// Whitespace, controls and lone surrogates are encoded too.</summary>
    public static string Fragment(string id)
    {
        var sb = new StringBuilder(id.Length + 8);
        for (int i = 0; i < id.Length; i++)
        {
            var ch = id[i];
            if (ch < 0x80)
            {
                if (ch is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~') sb.Append(ch);
                else sb.Append('%').Append(((int)ch).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (char.IsHighSurrogate(ch) && i + 1 < id.Length && char.IsLowSurrogate(id[i + 1])) { sb.Append(ch).Append(id[++i]); }
            else if (char.IsWhiteSpace(ch) || char.IsControl(ch) || char.IsSurrogate(ch) || ch is '\u00A0' or '\uFEFF' or '\u2028' or '\u2029')
                sb.Append(Uri.EscapeDataString(char.IsSurrogate(ch) ? "\uFFFD" : ch.ToString()));
            else sb.Append(ch);
        }
        return sb.ToString();
    }
}
