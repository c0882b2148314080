using System.Collections.Immutable;
using Site.Core;
using Site.Normalize;

namespace Site.Emit;

// What the page templates print, already computed. Templates (theme/layouts/*.razor) only print these
// values and branch on which of them are present, so the fast path (PageTemplates) can render each
// template once with placeholder values and fill it per page with the same values, HTML-encoded the
// way Blazor encodes them. Keep templates to that rule: every per-page value a template prints must be
// a property here, every per-page @if must test one of these properties for null/empty, and every
// per-page loop must print one item component per element.

/// <summary>The &lt;head&gt; and frame values of one page.</summary>
public sealed record PageHead
{
    public required string FullTitle { get; init; }
    public required string OgTitle { get; init; }
    /// <summary>Null or empty: no description tags.</summary>
    public string? Description { get; init; }
    public string OgType { get; init; } = "article";
    public required string OgUrl { get; init; }
    public required string CanonicalUrl { get; init; }
    /// <summary>The page's own path (sidebar marks it as current).</summary>
    public required string CurrentHref { get; init; }
    public string BodyClass { get; init; } = "";
    /// <summary>The page shows formulas: it links KaTeX's stylesheet.</summary>
    public bool Math { get; init; }

    public static PageHead Create(SiteModel site, string title, string url, string? description,
        string? ogTitle = null, string? canonicalUrl = null, string ogType = "article", string bodyClass = "")
    {
        var href = site.Href(url);
        var absolute = site.SiteUrlPrefix + href;
        return new()
        {
            FullTitle = title == site.Options.SiteTitle ? title : $"{title} · {site.Options.SiteTitle}",
            OgTitle = ogTitle ?? title,
            Description = description,
            OgType = ogType,
            OgUrl = absolute,
            CanonicalUrl = canonicalUrl is null || canonicalUrl == url ? absolute : site.Absolute(canonicalUrl),
            CurrentHref = href,
            BodyClass = bodyClass,
        };
    }
}

/// <summary>One entry of a sidebar tree (a group, note or section), ready to print.</summary>
public sealed record SidebarNode
{
    public required string Kind { get; init; }
    /// <summary>Null for a group without a page: printed as a label.</summary>
    public string? Href { get; init; }
    public required string Title { get; init; }
    /// <summary>Groups start expanded.</summary>
    public bool Open { get; init; }
    public IReadOnlyList<SidebarNode> Children { get; init; } = Array.Empty<SidebarNode>();

    public static IReadOnlyList<SidebarNode> From(IReadOnlyList<TreeNode> nodes, SiteModel site)
    {
        var list = new SidebarNode[nodes.Count];
        for (int i = 0; i < list.Length; i++) list[i] = From(nodes[i], site);
        return list;
    }

    /// <summary><c>From(SiteTreeBuilder.NoteNode(note, maxSectionDepth), site)</c>, built straight from the sections.</summary>
    /// <param name="onItsPage">The outline is shown on the note's own page: sections link by anchor alone ("#id").</param>
    public static SidebarNode OfNote(Note note, int maxSectionDepth, SiteModel site, bool onItsPage = false)
    {
        var href = site.Href(note.Url);
        var secs = note.Sections;
        var kids = new List<SidebarNode>();
        var links = site.SectionLinks(note);
        var hrefs = onItsPage ? links.Anchors : links.Hrefs;
        for (int i = 0; i < secs.Length;) i = OfSection(secs, i, maxSectionDepth, hrefs, kids);
        return new SidebarNode
        {
            Kind = "note", Href = href, Title = string.IsNullOrWhiteSpace(note.Title) ? "(无标题 Untitled)" : note.Title,
            Children = kids.Count == 0 ? Array.Empty<SidebarNode>() : kids.ToArray(),
        };
    }

    private static int OfSection(ImmutableArray<Section> secs, int i, int depth, string[] hrefs, List<SidebarNode> into)
    {
        var s = secs[i];
        if (s.Level > depth) return i + 1;
        int j = i + 1;
        List<SidebarNode>? kids = null;
        while (j < secs.Length && (secs[j].Level > depth || secs[j].Level > s.Level))
        {
            if (secs[j].Level > depth) { j++; continue; }
            j = OfSection(secs, j, depth, hrefs, kids ??= new List<SidebarNode>());
        }
        into.Add(new SidebarNode
        {
            Kind = "section", Href = hrefs[i],
            Title = string.IsNullOrWhiteSpace(s.Title) ? "(无标题 Untitled)" : s.Title,
            Children = kids is null || kids.Count == 0 ? Array.Empty<SidebarNode>() : kids.ToArray(),
        });
        return j;
    }

    public static SidebarNode From(TreeNode n, SiteModel site) => new()
    {
        Kind = n.Kind,
        Href = n.Url is null ? null : site.HrefWithAnchor(n.Url),
        Title = n.Url is null ? n.Title : string.IsNullOrWhiteSpace(n.Title) ? "(无标题 Untitled)" : n.Title,
        Open = n.Kind == "group",
        Children = n.Children.Length == 0 ? Array.Empty<SidebarNode>() : From(n.Children, site),
    };
}

public sealed record TagLinkView(string Href, string Text);

public sealed record TocEntryView(string LevelClass, string Anchor, string Id, string Title);

public sealed record NoteLinkView(string Href, string Title);

/// <summary>Everything a note page prints.</summary>
public sealed record NoteView
{
    public required PageHead Head { get; init; }
    public IReadOnlyList<string> Crumbs { get; init; } = Array.Empty<string>();
    public required string SourcePath { get; init; }
    public required string Heading { get; init; }
    /// <summary>yyyy-MM-dd, or null.</summary>
    public string? Date { get; init; }
    /// <summary>yyyy-MM-dd when it differs from <see cref="Date"/>, else null.</summary>
    public string? Modified { get; init; }
    public IReadOnlyList<TagLinkView> Tags { get; init; } = Array.Empty<TagLinkView>();
    public required string BodyHtml { get; init; }
    /// <summary>The article as UTF-8 when the note holds it so (rendered and cached notes); else <see cref="BodyHtml"/> is used.</summary>
    public ReadOnlyMemory<byte> BodyUtf8 { get; init; }
    public NoteLinkView? Prev { get; init; }
    public NoteLinkView? Next { get; init; }
    /// <summary>Null: no table of contents.</summary>
    public IReadOnlyList<TocEntryView>? Toc { get; init; }
    /// <summary>The note's branch of the site tree (<see cref="SidebarBranch.Of"/>) when the tree is fetched lazily; null otherwise.</summary>
    public IReadOnlyList<SidebarNode>? LocalTree { get; init; }

    private static readonly string[] TocLevels = ["toc-l0", "toc-l1", "toc-l2", "toc-l3"];
    private static string TocLevel(int level) => level is >= 0 and <= 3 ? TocLevels[level] : "toc-l" + level;

    /// <summary>Whether the rendered note holds KaTeX output (formulas, or a formula KaTeX reported as an error).
    /// Read from the HTML because a note from the build cache has no syntax tree; KaTeX's class names are its own.</summary>
    public static bool HasMath(Note note) =>
        note.HtmlUtf8.IsEmpty ? note.Html.Contains("class=\"katex", StringComparison.Ordinal) : note.HtmlUtf8.Span.IndexOf("class=\"katex"u8) >= 0;

    public static string DisplayTitle(Note n) =>
        string.IsNullOrWhiteSpace(n.Title) ? System.IO.Path.GetFileNameWithoutExtension(n.SourcePath) : n.Title;

    public static NoteView Create(SiteModel site, Note note, Note? prev, Note? next, string? description)
    {
        var dir = System.IO.Path.GetDirectoryName(note.SourcePath)?.Replace('\\', '/') ?? "";
        string? date = note.Date is { } d ? d.ToString("yyyy-MM-dd") : null;
        string? modified = note.Modified is { } m && (note.Date is null || m.Date != note.Date.Value.Date) ? m.ToString("yyyy-MM-dd") : null;
        var tags = note.Meta.Tags.Length == 0 ? Array.Empty<TagLinkView>() : new TagLinkView[note.Meta.Tags.Length];
        for (int i = 0; i < tags.Length; i++) tags[i] = new TagLinkView(site.TagHref(note.Meta.Tags[i]), note.Meta.Tags[i]);
        List<TocEntryView>? toc = null;
        if (note.Meta.Toc != false && note.Sections.Length > 1)
        {
            toc = new List<TocEntryView>(note.Sections.Length);
            var anchors = site.SectionLinks(note).Anchors;
            for (int i = 0; i < note.Sections.Length; i++)
            {
                var s = note.Sections[i];
                if (s.Level <= 3) toc.Add(new TocEntryView(TocLevel(s.Level), anchors[i], s.Id, s.Title));
            }
        }
        return new NoteView
        {
            Head = PageHead.Create(site, note.Title, note.Url, description) with { Math = HasMath(note) },
            Crumbs = dir.Length == 0 ? Array.Empty<string>() : dir.Split('/'),
            SourcePath = note.SourcePath,
            Heading = DisplayTitle(note),
            Date = date,
            Modified = modified,
            Tags = tags,
            BodyHtml = note.HtmlUtf8.IsEmpty ? note.Html : "", // rendered notes carry UTF-8 (RenderHtml), cached ones too
            BodyUtf8 = note.HtmlUtf8,
            Prev = prev is null ? null : new NoteLinkView(site.Href(prev.Url), DisplayTitle(prev)),
            Next = next is null ? null : new NoteLinkView(site.Href(next.Url), DisplayTitle(next)),
            Toc = toc,
            LocalTree = site.SidebarInline ? null : SidebarBranch.Of(note, site),
        };
    }
}

/// <summary>Everything a share page (one section, s/&lt;id&gt;.html, or an old id of a removed one) prints: a tiny page
/// for chat unfurlers (title, one description, OpenGraph) and the way into the note.</summary>
public sealed record ShareView
{
    public required PageHead Head { get; init; }
    /// <summary>The section's title (the page's h1).</summary>
    public required string Heading { get; init; }
    /// <summary>"This section was removed …", or null for a live section.</summary>
    public string? Notice { get; init; }
    /// <summary>The main link: the section in its note, the note, or the home page.</summary>
    public required string ContextHref { get; init; }
    public required string ContextText { get; init; }
    /// <summary>A search for the removed section's title (when its note is gone), or null.</summary>
    public string? SearchHref { get; init; }
    /// <summary>Where a browser goes at once (meta refresh): the section in its note; null on removed-section pages.</summary>
    public string? RedirectHref { get; init; }
    /// <summary>The canonical link, printed only when it is not the page's own URL (an old share id leading to a section).</summary>
    public string? Canonical => Head.CanonicalUrl == Head.OgUrl ? null : Head.CanonicalUrl;

    /// <summary>A share page's URL and file (<see cref="Read.Permalinks.ShareUrl"/>).</summary>
    public static string UrlOf(Section s) => Read.Permalinks.ShareUrl(s.ShareId);
    public static string UrlOf(string shareId) => Read.Permalinks.ShareUrl(shareId);

    public const string ReadInNote = "在笔记中查看 Read it in the note →";

    /// <summary>The page of section <paramref name="i"/> of <paramref name="note"/>, published at <c>s/<paramref name="shareId"/>.html</c>
    /// (its own id, or an old id that leads to it: then canonical is its own).</summary>
    public static ShareView Create(SiteModel site, Note note, int i, string? description, string? shareId = null)
    {
        var section = note.Sections[i];
        var title = $"{note.Title} › {section.Title}";
        var canonical = UrlOf(section);
        var href = site.SectionLinks(note).Hrefs[i];
        return new ShareView
        {
            Head = PageHead.Create(site, title, shareId is null ? canonical : UrlOf(shareId), description, ogTitle: title, canonicalUrl: canonical, bodyClass: "share"),
            Heading = section.Title,
            ContextHref = href,
            ContextText = ReadInNote,
            RedirectHref = href,
        };
    }

    /// <summary>The page of an old share id whose section was removed: it says so and links to the note
    /// (<paramref name="note"/>), or, when the note is gone too, to the home page and a search for the title.</summary>
    public static ShareView Removed(SiteModel site, string shareId, string title, Note? note)
    {
        var url = UrlOf(shareId);
        var shown = string.IsNullOrWhiteSpace(title) ? "(无标题 Untitled)" : title;
        if (note is not null)
        {
            const string notice = "这一节已从笔记中删除。This section was removed from the note.";
            var full = $"{note.Title} › {shown}";
            return new ShareView
            {
                Head = PageHead.Create(site, full, url, notice, bodyClass: "share removed"),
                Heading = shown, Notice = notice,
                ContextHref = site.Href(note.Url), ContextText = "打开笔记 Open the note →",
            };
        }
        const string gone = "这篇笔记已删除。The note this section was in was removed.";
        return new ShareView
        {
            Head = PageHead.Create(site, shown, url, gone, bodyClass: "share removed"),
            Heading = shown, Notice = gone,
            ContextHref = site.Base, ContextText = "首页 Home",
            SearchHref = site.Base + "?q=" + Uri.EscapeDataString(shown),
        };
    }
}

/// <summary>One link of a list page: href, title ("(无标题 Untitled)" when blank), and the context shown after it (or null).</summary>
public sealed record ListItemView(string Href, string Title, string? Context);

/// <summary>Everything a list page (a tag, a topic) prints.</summary>
public sealed record ListView
{
    public required PageHead Head { get; init; }
    public required string Title { get; init; }
    /// <summary>Null or empty: no lead paragraph (and no description tags).</summary>
    public string? Description { get; init; }
    public IReadOnlyList<ListItemView> Items { get; init; } = Array.Empty<ListItemView>();

    /// <summary>A list of <paramref name="items"/>; an item's Children titles are shown as its context (e.g. note › path).</summary>
    public static ListView Create(SiteModel site, string title, string url, string? description, IReadOnlyList<TreeNode> items)
    {
        var list = new ListItemView[items.Count];
        for (int i = 0; i < list.Length; i++)
        {
            var item = items[i];
            list[i] = new ListItemView(site.HrefWithAnchor(item.Url!), string.IsNullOrWhiteSpace(item.Title) ? "(无标题 Untitled)" : item.Title,
                item.Children.Length > 0 ? string.Join(" › ", item.Children.Select(c => c.Title)) : null);
        }
        return new ListView { Head = PageHead.Create(site, title, url, description, ogType: "website"), Title = title, Description = description, Items = list };
    }
}

public sealed record TopicChipView(string Href, string Title, string AriaLabel, string Count);
/// <summary>A recently updated note: <see cref="Date"/> is its modification date (yyyy-MM-dd) or null.</summary>
public sealed record RecentItemView(string Href, string Title, string? Date);
public sealed record NoteListItemView(string Href, string Title, string Sections);

/// <summary>Everything the home page prints.</summary>
public sealed record HomeView
{
    public required PageHead Head { get; init; }
    public required string NoteCount { get; init; }
    public required string SectionCount { get; init; }
    public IReadOnlyList<TopicChipView> Topics { get; init; } = Array.Empty<TopicChipView>();
    public IReadOnlyList<RecentItemView> Recent { get; init; } = Array.Empty<RecentItemView>();
    public IReadOnlyList<NoteListItemView> All { get; init; } = Array.Empty<NoteListItemView>();

    public static HomeView Create(SiteModel site, IReadOnlyList<TreeNode> topics, string? description)
    {
        var notes = site.Notes;
        static string Title(Note n) => string.IsNullOrWhiteSpace(n.Title) ? System.IO.Path.GetFileNameWithoutExtension(n.SourcePath) : n.Title;
        var chips = new TopicChipView[topics.Count];
        for (int i = 0; i < chips.Length; i++)
        {
            var t = topics[i];
            chips[i] = new TopicChipView(site.Href(t.Url!), t.Title, $"{t.Children.Length} sections", t.Children.Length.ToString());
        }
        var recent = notes.OrderByDescending(n => n.Modified ?? n.Date).ThenBy(n => n.SourcePath, StringComparer.Ordinal).Take(10)
            .Select(n => new RecentItemView(site.Href(n.Url), Title(n), n.Modified is { } m ? m.ToString("yyyy-MM-dd") : null)).ToArray();
        var all = notes.OrderBy(n => n.SourcePath, StringComparer.Ordinal)
            .Select(n => new NoteListItemView(site.Href(n.Url), Title(n), n.Sections.Length.ToString())).ToArray();
        return new HomeView
        {
            Head = PageHead.Create(site, site.Options.SiteTitle, "", description, ogType: "website", bodyClass: "home"),
            NoteCount = notes.Length.ToString(),
            SectionCount = notes.Sum(n => n.Sections.Length).ToString(),
            Topics = chips, Recent = recent, All = all,
        };
    }
}
