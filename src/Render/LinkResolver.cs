using System.Collections.Immutable;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Site.Core;
using Site.Read;

namespace Site.Render;

/// <summary>
/// Rewrites relative links between notes to their page URLs and relative images to copied assets;
/// reports broken links, broken anchors and missing images as path:line warnings.
/// </summary>
public sealed class LinkResolver
{
    private readonly Dictionary<string, Note> _exact;
    private readonly Dictionary<string, Note> _bySource;
    private readonly Dictionary<string, Note> _bySourceNoExt;
    private readonly HashSet<string> _assets;
    private readonly BuildContext _ctx;

    public LinkResolver(ImmutableArray<Note> notes, ImmutableArray<string> assets, BuildContext ctx)
    {
        _ctx = ctx;
        // Exact paths first; a link in another case finds the first note of that name ("Note.md" beside "note.md" is allowed).
        _bySource = new(StringComparer.OrdinalIgnoreCase);
        foreach (var n in notes.OrderBy(n => n.SourcePath, StringComparer.Ordinal)) _bySource.TryAdd(n.SourcePath, n);
        _exact = notes.ToDictionary(n => n.SourcePath, StringComparer.Ordinal);
        _bySourceNoExt = new(StringComparer.OrdinalIgnoreCase);
        foreach (var n in notes) _bySourceNoExt.TryAdd(n.SourcePath[..^Path.GetExtension(n.SourcePath).Length], n);
        _assets = new HashSet<string>(assets, StringComparer.Ordinal);
    }

    /// <summary>Assets referenced by some note; only these are copied to the output.</summary>
    public ConcurrentSet UsedAssets { get; } = new();

    public void Resolve(Note note, MarkdownDocument doc)
    {
        var dir = Path.GetDirectoryName(note.SourcePath)?.Replace('\\', '/') ?? "";
        foreach (var link in doc.Descendants<LinkInline>())
        {
            var url = link.Url;
            if (string.IsNullOrWhiteSpace(url) || IsExternal(url)) continue;
            var line = note.SourceLineOf(link.Line);
            if (url.StartsWith('#'))
            {
                if (!link.IsImage) CheckAnchor(note, Uri.UnescapeDataString(url[1..]), note, line);
                continue;
            }
            if (url.StartsWith('/')) continue; // site-absolute: author knows best

            var hash = url.IndexOf('#');
            var pathPart = hash >= 0 ? url[..hash] : url;
            var anchor = hash >= 0 ? Uri.UnescapeDataString(url[(hash + 1)..]) : null;
            var q = pathPart.IndexOf('?');
            if (q >= 0) pathPart = pathPart[..q];
            string target;
            try { target = Combine(dir, Uri.UnescapeDataString(pathPart)); }
            catch (UriFormatException) { target = Combine(dir, pathPart); }
            if (target.StartsWith("../", StringComparison.Ordinal))
            {
                _ctx.Diagnostics.Warn(note.SourcePath, line, $"{(link.IsImage ? "image" : "link")} \"{url}\" points outside the input folder");
                continue;
            }

            if (link.IsImage)
            {
                if (_assets.Contains(target)) { UsedAssets.Add(target); link.Url = _ctx.Href(Permalinks.Encode(target)); }
                else
                {
                    _ctx.Diagnostics.Warn(note.SourcePath, line, $"missing image: {url} (no file {target} in the input folder)");
                    MissingImages.MissingImage.Mark(link); // rendered as a placeholder with its alt text
                }
                continue;
            }

            if (_exact.TryGetValue(target, out var other) || _bySource.TryGetValue(target, out other) || _bySourceNoExt.TryGetValue(target.TrimEnd('/'), out other))
            {
                if (anchor is not null) CheckAnchor(other, anchor, note, line);
                link.Url = _ctx.Href(Permalinks.Encode(other.Url)) + (anchor is null ? "" : "#" + Uri.EscapeDataString(anchor));
            }
            else if (_assets.Contains(target))
            {
                UsedAssets.Add(target);
                link.Url = _ctx.Href(Permalinks.Encode(target));
            }
            else _ctx.Diagnostics.Warn(note.SourcePath, line, $"broken link: {url} (no note or file {target} in the input folder)");
        }
    }

    private void CheckAnchor(Note target, string anchor, Note from, int line)
    {
        if (anchor.Length == 0) return;
        if (target.Sections.Any(s => s.Id == anchor) || anchor.StartsWith("fn", StringComparison.Ordinal)) return;
        _ctx.Diagnostics.Warn(from.SourcePath, line, $"broken anchor: #{anchor} is not a heading of {(ReferenceEquals(target, from) ? "this note" : target.SourcePath)}");
    }

    public static bool IsExternal(string url) =>
        url.Contains("://") || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("//") || url.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase);

    /// <summary>Joins a folder and a relative path and folds . and .. segments.</summary>
    public static string Combine(string dir, string rel)
    {
        var parts = new List<string>();
        foreach (var seg in (dir.Length == 0 ? rel : dir + "/" + rel).Replace('\\', '/').Split('/'))
        {
            if (seg is "" or ".") continue;
            if (seg == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..") parts.RemoveAt(parts.Count - 1);
                else parts.Add("..");
            }
            else parts.Add(seg);
        }
        return string.Join('/', parts);
    }
}

/// <summary>Minimal thread-safe set.</summary>
public sealed class ConcurrentSet
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _d = new(StringComparer.Ordinal);
    public void Add(string s) => _d.TryAdd(s, 0);
    public IEnumerable<string> Items => _d.Keys.OrderBy(k => k, StringComparer.Ordinal);
}
