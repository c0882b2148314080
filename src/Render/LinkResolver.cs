using System.Collections.Immutable;
using Markdig.Helpers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Site.Core;
using Site.Read;
using Site.Render.WikiLinks;

namespace Site.Render;

/// <summary>
/// The one place links are resolved. Rewrites links between notes to their page URLs and images to copied
/// assets, in Markdown links, raw HTML (&lt;a href&gt;, &lt;img src&gt;) and Obsidian wikilinks:
/// relative ("../x/note.md#h"), root-absolute as docsify writes them ("/04.分布式/1.概述/1.概述.md"; for
/// images also VitePress's "public/" folder), with or without extension, percent-encoded or not, with
/// spaces or backslashes; links to a folder go to its page (<see cref="Permalinks.FolderPageRank"/>).
/// Anchors written against the source heading resolve to our ids (<see cref="SectionAnchors"/>).
/// Broken links, broken anchors and missing images are path:line warnings. An image not found at its path is
/// taken from the only file of its name in the input (a Typora assets folder left behind when a note moved), with a warning.
/// </summary>
public sealed class LinkResolver
{
    private readonly LinkTargets _targets;
    private readonly BuildContext _ctx;

    public LinkResolver(ImmutableArray<Note> notes, ImmutableArray<string> assets, BuildContext ctx)
    {
        _ctx = ctx;
        _targets = new LinkTargets(notes, assets);
    }

    /// <summary>Assets referenced by some note; only these are copied to the output.</summary>
    public ConcurrentSet UsedAssets { get; } = new();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ImmutableArray<string>> _usedBy = new(StringComparer.Ordinal);

    /// <summary>The assets one note's links used (sorted), as its last <see cref="Resolve"/> found them; the render cache keeps them.</summary>
    public ImmutableArray<string> AssetsUsedBy(string sourcePath) => _usedBy.GetValueOrDefault(sourcePath, ImmutableArray<string>.Empty);

    public LinkTargets Targets => _targets;

    public void Resolve(Note note, MarkdownDocument doc)
    {
        var used = new SortedSet<string>(StringComparer.Ordinal);
        Resolve(note, doc, used);
        foreach (var a in used) UsedAssets.Add(a);
        _usedBy[note.SourcePath] = used.ToImmutableArray();
    }

    private void Resolve(Note note, MarkdownDocument doc, SortedSet<string> used)
    {
        var dir = Path.GetDirectoryName(note.SourcePath)?.Replace('\\', '/') ?? "";
        List<AutolinkInline>? unsafeAutolinks = null; // replaced after the walk (the tree is not changed while walked)
        // The nodes with links, collected first: the walk sees the tree as it is, and changes wait until it is done.
        var nodes = new List<MarkdownObject>();
        MarkdownWalk.Each(doc, nodes, static (n, list) =>
        {
            if (n is LinkInline or AutolinkInline or HtmlInline or HtmlBlock) list.Add(n); // wiki links are LinkInlines
        });
        foreach (var node in nodes)
        {
            switch (node)
            {
                case AutolinkInline auto when !_ctx.Options.AllowHtml && !Html.HtmlPolicy.IsSafeUrl(auto.Url):
                    (unsafeAutolinks ??= new()).Add(auto);
                    break;
                case WikiLinkInline wiki:
                    ResolveWiki(note, wiki, used);
                    break;
                case LinkInline { Url: { } unsafeUrl } link when !_ctx.Options.AllowHtml && !Html.HtmlPolicy.IsSafeUrl(unsafeUrl, link.IsImage):
                    _ctx.Diagnostics.Warn(note.SourcePath, note.SourceLineOf(link.Line),
                        $"{(link.IsImage ? "image" : "link")} \"{unsafeUrl}\" has a script or data URL; it {(link.IsImage ? "shows nothing" : "links nowhere")} (--allow-html keeps it)");
                    link.Url = link.IsImage ? "" : "#";
                    break;
                case LinkInline link:
                    if (link.Url is { } url && Resolve(note, dir, url, link.IsImage, note.SourceLineOf(link.Line), used, link) is { } href) link.Url = href;
                    break;
                case HtmlInline html:
                    ResolveHtml(note, dir, html, used);
                    break;
                case HtmlBlock block:
                    ResolveHtml(note, dir, block, used);
                    break;
            }
        }
        foreach (var auto in unsafeAutolinks ?? [])
        {
            _ctx.Diagnostics.Warn(note.SourcePath, note.SourceLineOf(auto.Line), $"link <{auto.Url}> has a script URL; shown as text (--allow-html keeps it)");
            auto.ReplaceBy(new LiteralInline(auto.Url));
        }
    }

    // Raw HTML's links, in methods of their own: a lambda in the walk's loop made the compiler allocate its closure
    // once per node walked (~16 MB per 1,000 notes), not once per HTML node.
    private void ResolveHtml(Note note, string dir, HtmlInline html, SortedSet<string> used) =>
        html.Tag = RawHtmlLinks.Rewrite(html.Tag, (img, v, _) => Resolve(note, dir, v, img, note.SourceLineOf(html.Line), used));

    private void ResolveHtml(Note note, string dir, HtmlBlock block, SortedSet<string> used)
    {
        var text = block.Lines.ToString();
        var rewritten = RawHtmlLinks.Rewrite(text, (img, v, at) =>
            Resolve(note, dir, v, img, note.SourceLineOf(block.Line + text.AsSpan(0, at).Count('\n')), used));
        if (!ReferenceEquals(text, rewritten)) block.Lines = new StringLineGroup(rewritten);
    }

    /// <summary>The href a link written in <paramref name="note"/> should have, or null to leave it as written.</summary>
    /// <param name="image">The Markdown image being resolved, if it is one: marked to render as a placeholder when missing.</param>
    private string? Resolve(Note note, string dir, string url, bool isImage, int line, SortedSet<string> used, LinkInline? image = null)
    {
        if (string.IsNullOrWhiteSpace(url) || IsExternal(url)) return null;
        url = url.Trim();
        if (url.StartsWith('#'))
        {
            if (isImage) return null;
            var own = Unescape(url[1..]);
            var id = SectionAnchors.Resolve(note, own);
            if (id is null) { WarnAnchor(note, own, note, line); return null; }
            return id == own ? null : "#" + Uri.EscapeDataString(id);
        }

        var hash = url.IndexOf('#');
        var pathPart = hash >= 0 ? url[..hash] : url;
        var anchor = hash >= 0 ? Unescape(url[(hash + 1)..]) : null;
        var q = pathPart.IndexOf('?');
        if (q >= 0)
        {
            // docsify writes anchors as "?id=heading".
            if (anchor is null && pathPart[(q + 1)..].Split('&').FirstOrDefault(p => p.StartsWith("id=", StringComparison.Ordinal)) is { } id) anchor = Unescape(id[3..]);
            pathPart = pathPart[..q];
        }
        var path = Unescape(pathPart).Replace('\\', '/');
        if (path.Length == 0) return null;
        var rootAbsolute = path.StartsWith('/');
        var first = Combine(rootAbsolute ? "" : dir, path);
        if (first.StartsWith("../", StringComparison.Ordinal) || first == "..")
        {
            _ctx.Diagnostics.Warn(note.SourcePath, line, $"{(isImage ? "image" : "link")} \"{url}\" points outside the input folder");
            return null;
        }
        // Relative links are tried from the note's folder, then (as docsify reads them) from the input root;
        // root-absolute ones from the root, then from VitePress's public/ folder.
        var candidates = rootAbsolute ? new[] { first, Combine("public", path) } : new[] { first, Combine("", path) };
        foreach (var target in candidates)
        {
            if (!isImage && _targets.Note(target) is { } other)
            {
                var suffix = "";
                if (anchor is { Length: > 0 })
                {
                    var resolved = SectionAnchors.Resolve(other, anchor);
                    if (resolved is null) WarnAnchor(other, anchor, note, line);
                    var a = resolved ?? anchor;
                    suffix = a.Length == 0 ? "" : "#" + Uri.EscapeDataString(a);
                }
                return _ctx.Href(Permalinks.Encode(other.Url)) + suffix;
            }
            if (_targets.IsAsset(target))
            {
                used.Add(target);
                return _ctx.Href(Permalinks.Encode(target));
            }
        }
        // An image whose folder moved (Typora's "./assets/x.png" written beside a note later moved into a subfolder):
        // the one file of that name anywhere in the input, with a warning naming it.
        if (isImage && _targets.AssetByName(Path.GetFileName(path), out var sameName) is { } moved && sameName == 0)
        {
            _ctx.Diagnostics.Warn(note.SourcePath, line, $"image {url} is not at {first}; using {moved}, the only file of that name in the input folder");
            used.Add(moved);
            return _ctx.Href(Permalinks.Encode(moved));
        }
        if (isImage)
        {
            _ctx.Diagnostics.Warn(note.SourcePath, line, $"missing image: {url} (no file {first} in the input folder)");
            if (image is { IsImage: true }) MissingImages.MissingImage.Mark(image); // rendered as a placeholder with its alt text
        }
        else if (_targets.IsFolder(first))
            _ctx.Diagnostics.Warn(note.SourcePath, line, $"broken link: {url} (folder {first} has no page: add README.md or index.md)");
        else if (!rootAbsolute || NoteFiles.IsNote(first)) // other root-absolute paths may be the site's own pages (/tags/x/)
            _ctx.Diagnostics.Warn(note.SourcePath, line, $"broken link: {url} (no note or file {first} in the input folder)");
        return null;
    }

    /// <summary>
    /// The note a navigation link points to (docsify and SUMMARY.md links: relative to the file's folder or
    /// the root, with or without extension, or a folder), or null.
    /// </summary>
    public static Note? NoteFor(LinkTargets targets, string folder, string href)
    {
        if (string.IsNullOrWhiteSpace(href) || IsExternal(href)) return null;
        var cut = href.IndexOfAny(new[] { '#', '?' });
        var path = Unescape(cut >= 0 ? href[..cut] : href).Trim().Replace('\\', '/');
        if (path.Length == 0) return null;
        var first = Combine(path.StartsWith('/') ? "" : folder, path);
        return targets.Note(first) ?? targets.Note(Combine("", path));
    }

    private void ResolveWiki(Note note, WikiLinkInline link, SortedSet<string> used)
    {
        var line = note.SourceLineOf(link.Line);
        if (link.IsImage)
        {
            var asset = _targets.AssetByName(link.Target, out var others);
            if (asset is not null)
            {
                if (others > 0) _ctx.Diagnostics.Warn(note.SourcePath, line, $"{link.Source}: {others + 1} files are named {Path.GetFileName(link.Target)}; using {asset} (the shortest path)");
                used.Add(asset);
                link.Url = _ctx.Href(Permalinks.Encode(asset));
                return;
            }
            if (_targets.NoteByName(link.Target, out _) is null)
            {
                _ctx.Diagnostics.Warn(note.SourcePath, line, $"missing image: {link.Source} (no file named {link.Target} in the input folder)");
                return;
            }
            link.IsImage = false; // ![[note]] embeds a note: shown as a link to it
        }

        var target = note;
        if (link.Target.Length > 0)
        {
            var found = _targets.NoteByName(link.Target, out var others);
            if (found is null && _targets.AssetByName(link.Target, out var sameName) is { } file)
            {
                // [[paper.pdf]]: a link to a file of the input
                if (sameName > 0) _ctx.Diagnostics.Warn(note.SourcePath, line, $"{link.Source}: {sameName + 1} files are named {Path.GetFileName(link.Target)}; using {file} (the shortest path)");
                used.Add(file);
                link.Url = _ctx.Href(Permalinks.Encode(file));
                return;
            }
            if (found is null)
            {
                _ctx.Diagnostics.Warn(note.SourcePath, line, $"broken link: {link.Source} (no note named {link.Target})");
                return;
            }
            if (others > 0) _ctx.Diagnostics.Warn(note.SourcePath, line, $"{link.Source}: {others + 1} notes are named {link.Target}; linking {found.SourcePath} (the shortest path)");
            target = found;
        }
        var suffix = "";
        if (link.Anchor is { Length: > 0 } anchor)
        {
            var id = SectionAnchors.Resolve(target, anchor);
            if (id is null) WarnAnchor(target, anchor, note, line);
            suffix = (id ?? anchor).Length == 0 ? "" : "#" + Uri.EscapeDataString(id ?? anchor);
        }
        link.Url = ReferenceEquals(target, note) && suffix.Length > 0 ? suffix : _ctx.Href(Permalinks.Encode(target.Url)) + suffix;
    }

    private void WarnAnchor(Note target, string anchor, Note from, int line) =>
        _ctx.Diagnostics.Warn(from.SourcePath, line, $"broken anchor: #{anchor} is not a heading of {(ReferenceEquals(target, from) ? "this note" : target.SourcePath)}");

    private static string Unescape(string s)
    {
        try { return Uri.UnescapeDataString(s); }
        catch (UriFormatException) { return s; }
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
        var joined = string.Join('/', parts);
        return rel.EndsWith('/') && joined.Length > 0 ? joined + "/" : joined;
    }
}

/// <summary>Minimal thread-safe set.</summary>
public sealed class ConcurrentSet
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _d = new(StringComparer.Ordinal);
    public void Add(string s) => _d.TryAdd(s, 0);
    public IEnumerable<string> Items => _d.Keys.OrderBy(k => k, StringComparer.Ordinal);
}
