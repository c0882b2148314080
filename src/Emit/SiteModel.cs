using System.Collections.Immutable;
using Site.Core;

namespace Site.Emit;

/// <summary>What every page template can see: site options, all notes, the tree, prebuilt shared fragments.
/// Made by <see cref="EmitSite.CreateSite"/>, which also gives it the page templates of the fast path;
/// dispose it when the emit is done (it owns the Razor renderers).</summary>
public sealed class SiteModel : IDisposable
{
    public required BuildContext Context { get; init; }
    public required ImmutableArray<Note> Notes { get; init; }
    public required ImmutableArray<TreeNode> Tree { get; init; }
    private List<TreeNode>? _topics;

    /// <summary>Cross-note topics (BuildTopics), shown in the sidebar and on their own pages; waits for <see cref="TopicsTask"/> on first use.</summary>
    public List<TreeNode> Topics
    {
        get => _topics ??= TopicsTask?.GetAwaiter().GetResult() ?? new List<TreeNode>();
        init => _topics = value;
    }

    /// <summary>The topics while BuildTopics still works them out (it runs alongside render and the first note pages).</summary>
    public Task<List<TreeNode>>? TopicsTask { get; init; }
    /// <summary>Sidebar HTML rendered once and shared by every page (or null when the tree is fetched lazily).</summary>
    public string? SidebarHtml { get; set; }
    public bool SidebarInline => SidebarHtml is not null;

    public BuildOptions Options => Context.Options;
    public string Base => Options.BaseUrl;
    public string Href(string siteRelative)
    {
        // Same as Context.Href(Permalinks.Encode(url)), without the split/join for URLs that need no
        // escaping (share pages, ASCII slugs), and remembering the last URL per thread (a note's sections
        // and share pages ask for the note's URL again and again).
        var c = _lastHref ??= new string[2];
        if (ReferenceEquals(_lastHrefSite, this) && string.Equals(c[0], siteRelative, StringComparison.Ordinal)) return c[1];
        var encoded = NeedsEscaping(siteRelative) ? Read.Permalinks.Encode(siteRelative) : siteRelative;
        var href = Context.Href(encoded);
        c[0] = siteRelative; c[1] = href; _lastHrefSite = this;
        return href;
    }

    [ThreadStatic] private static string[]? _lastHref;
    [ThreadStatic] private static SiteModel? _lastHrefSite;

    /// <summary>Whether Uri.EscapeDataString would change any '/'-separated segment: anything but A-Z a-z 0-9 - . _ ~ and '/'.</summary>
    private static bool NeedsEscaping(string url)
    {
        foreach (var ch in url)
            if (!(ch is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~' or '/')) return true;
        return false;
    }

    /// <summary>Href for a tree URL that may carry a section anchor ("notes/a/#张量并行"); the anchor is
    /// made a fragment for HTML attributes (<see cref="Read.Permalinks.Fragment"/>: ASCII punctuation encoded, CJK kept), or kept as text (<paramref name="encodeAnchor"/> false) for JSON.</summary>
    public string HrefWithAnchor(string url, bool encodeAnchor = true)
    {
        var hash = url.IndexOf('#');
        if (hash < 0) return Href(url);
        var anchor = url[(hash + 1)..];
        return Href(url[..hash]) + "#" + (encodeAnchor ? Read.Permalinks.Fragment(anchor) : anchor);
    }
    /// <summary>Absolute URL for OG/canonical/sitemap (falls back to the base path when no --site-url).</summary>
    public string Absolute(string siteRelative) => SiteUrlPrefix + Href(siteRelative);
    /// <summary>The --site-url without its trailing slash, or "": put before an href to make it absolute.</summary>
    public string SiteUrlPrefix => _siteUrl ??= Options.SiteUrl?.TrimEnd('/') ?? "";
    private string? _siteUrl;
    public string Asset(string path) => Base + "assets/" + path;
    public static string TagUrl(string tag) => Read.Permalinks.TagUrl(tag);
    /// <summary><see cref="TagUrl"/>, remembered per tag.</summary>
    public string TagUrlCached(string tag) => _tagUrls.TryGetValue(tag, out var u) ? u : _tagUrls.GetOrAdd(tag, TagUrl);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _tagUrls = new(StringComparer.Ordinal);

    /// <summary>For each section of <paramref name="note"/> (same index): "#" + its id as a fragment (<see cref="Read.Permalinks.Fragment"/>), and the
    /// note's href + that anchor. Remembered for the note last asked on this thread (its page, TOC, outline and
    /// share pages all link to its sections).</summary>
    public (string[] Anchors, string[] Hrefs) SectionLinks(Note note)
    {
        if (ReferenceEquals(_linksNote, note) && ReferenceEquals(_linksSite, this)) return _links;
        var secs = note.Sections;
        var anchors = new string[secs.Length];
        var hrefs = new string[secs.Length];
        var noteHref = Href(note.Url);
        for (int i = 0; i < secs.Length; i++)
        {
            anchors[i] = "#" + Read.Permalinks.Fragment(secs[i].Id); // CJK as is, like the headings' own anchors
            hrefs[i] = noteHref + anchors[i];
        }
        _linksNote = note; _linksSite = this; _links = (anchors, hrefs);
        return _links;
    }

    [ThreadStatic] private static Note? _linksNote;
    [ThreadStatic] private static SiteModel? _linksSite;
    [ThreadStatic] private static (string[] Anchors, string[] Hrefs) _links;
    /// <summary><c>Href(TagUrl(tag))</c>, remembered per tag (Segment normalizes Unicode: slow, and sites have few tags).</summary>
    public string TagHref(string tag) => _tagHrefs.TryGetValue(tag, out var h) ? h : _tagHrefs.GetOrAdd(tag, t => Href(TagUrl(t)));
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _tagHrefs = new(StringComparer.Ordinal);

    // ---------- emit state (set by EmitSite.CreateSite) ----------

    /// <summary>Razor renderers (site pages, and the one-off renders the fast path cuts its shells from).</summary>
    public RazorPages Razor { get; } = new();
    private PageTemplates? _templates;
    /// <summary>The fast path for note and share pages and sidebar trees.</summary>
    public PageTemplates Templates => _templates ??= new PageTemplates(Razor, this);

    /// <summary>Reading order (the tree's notes, depth first) for previous/next links.</summary>
    internal List<TreeNode> Order { get; set; } = new();
    internal Dictionary<string, int> OrderIndex { get; set; } = new(StringComparer.Ordinal);
    internal Dictionary<string, Note> ByUrl { get; set; } = new(StringComparer.Ordinal);
    /// <summary>URL → its entry's path in <see cref="Tree"/> (<see cref="SidebarBranch.Paths"/>), made on first use.</summary>
    internal Dictionary<string, TreeNode[]> TreePaths => _treePaths ??= SidebarBranch.Paths(Tree);
    private Dictionary<string, TreeNode[]>? _treePaths;

    /// <summary>The notes before and after <paramref name="note"/> in reading order (null at the ends or if unknown).</summary>
    public (Note? Prev, Note? Next) Neighbors(Note note)
    {
        var i = OrderIndex.GetValueOrDefault(note.Url, -1);
        Note? prev = i > 0 ? ByUrl.GetValueOrDefault(Order[i - 1].Url!) : null;
        Note? next = i >= 0 && i + 1 < Order.Count ? ByUrl.GetValueOrDefault(Order[i + 1].Url!) : null;
        return (prev, next);
    }

    public void Dispose() => Razor.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
