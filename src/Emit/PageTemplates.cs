using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using Site.Theme;

namespace Site.Emit;

/// <summary>
/// The fast path for the pages there are thousands of (note pages, share pages) and for sidebar trees:
/// each Razor template is rendered ONCE per build and per variant (which optional parts a page has)
/// with placeholder values, cut into a <see cref="Shell"/>, and then filled per page from the same
/// <see cref="NoteView"/>/<see cref="ShareView"/> values the Razor templates print, encoded with the
/// encoder Blazor uses. Output is byte-for-byte what <see cref="RazorPages"/> renders for the same view
/// (tests/Site.Tests/Build/FastPathTests.cs checks this). Thread-safe.
/// </summary>
public sealed class PageTemplates
{
    private readonly RazorPages _razor;
    private readonly SiteModel _site;
    private readonly ConcurrentDictionary<int, Lazy<Shell>> _notes = new();
    private readonly ConcurrentDictionary<int, Lazy<Shell>> _shares = new();
    private readonly ConcurrentDictionary<int, Lazy<Shell>> _treeItems = new();
    private readonly Lazy<Shell> _crumb, _tag, _toc, _tree;

    // Holes of a page. Items of lists use their own numbers (100+) so they never clash with the page's.
    private const int HFullTitle = 0, HOgTitle = 1, HDesc = 2, HOgUrl = 3, HCanonical = 4, HCurrent = 5;
    private const int HCrumbs = 6, HSource = 7, HHeading = 8, HDate = 9, HModified = 10, HTags = 11, HBody = 12,
        HPrevHref = 13, HPrevTitle = 14, HNextHref = 15, HNextTitle = 16, HToc = 17, HLocalTree = 18;
    private const int HContext = 23;
    private const int HItemText = 100, HTagHref = 101, HTagText = 102, HTocLevel = 103, HTocAnchor = 104, HTocId = 105, HTocTitle = 106;
    private const int HTreeKind = 110, HTreeHref = 111, HTreeTitle = 112, HTreeChildren = 113;
    private const int ChildBase = 120; // markers of the one child inside a tree item's marker render
    private const int HListTitle = 30, HListDesc = 31, HListItems = 32, HHomeTopics = 33, HHomeRecent = 34, HHomeAll = 35;
    private const int HLi0 = 140, HLi1 = 141, HLi2 = 142, HLi3 = 143; // fields of list page / home page items

    /// <summary>Collapse the templates' indentation (see <see cref="Shell.Parse(bool, string, ValueTuple{string, int}[])"/>); on by default.
    /// Off, pages are byte-for-byte what Razor renders.</summary>
    public bool Compact { get; }

    public PageTemplates(RazorPages razor, SiteModel site, bool compact = true)
    {
        Compact = compact;
        _razor = razor;
        _site = site;
        _crumb = new(() => Shell.Parse(Compact, CrumbItem()));
        _tag = new(() => Shell.Parse(Compact, TagItem()));
        _toc = new(() => Shell.Parse(Compact, TocItemHtml()));
        _tree = new(() => Shell.Parse(Compact, Fragment<SidebarTree>(new() { ["Nodes"] = new[] { MarkerTreeLeaf(ChildBase) } }), (TreeLeafHtml(ChildBase), HTreeChildren)));
    }

    private static string M(int n) => Shell.Marker(n);

    private string Fragment<T>(Dictionary<string, object?> p) where T : IComponent => _razor.RenderFragment<T>(p);

    // ---------- list items rendered on their own ----------

    private string CrumbItem() => Fragment<Crumb>(new() { ["Text"] = M(HItemText) });
    private string TagItem() => Fragment<TagLink>(new() { ["Tag"] = new TagLinkView(M(HTagHref), M(HTagText)) });
    private static TocEntryView MarkerToc() => new(M(HTocLevel), M(HTocAnchor), M(HTocId), M(HTocTitle));
    private string TocItemHtml() => Fragment<TocItem>(new() { ["Entry"] = MarkerToc() });

    private static SidebarNode MarkerTreeLeaf(int b) => new() { Kind = M(b), Href = M(b + 1), Title = M(b + 2) };
    private string TreeLeafHtml(int b) => Fragment<SidebarItem>(new() { ["Node"] = MarkerTreeLeaf(b) });

    private static int TreeVariant(SidebarNode n) => (n.Children.Count > 0 ? 1 : 0) | (n.Open ? 2 : 0) | (n.Href is null ? 4 : 0);

    private Shell TreeItemShell(int variant) => _treeItems.GetOrAdd(variant, v => new Lazy<Shell>(() =>
    {
        var hasChildren = (v & 1) != 0;
        var node = new SidebarNode
        {
            Kind = M(HTreeKind), Href = (v & 4) != 0 ? null : M(HTreeHref), Title = M(HTreeTitle), Open = (v & 2) != 0,
            Children = hasChildren ? new[] { MarkerTreeLeaf(ChildBase) } : Array.Empty<SidebarNode>(),
        };
        var html = Fragment<SidebarItem>(new() { ["Node"] = node });
        return hasChildren ? Shell.Parse(Compact, html, (TreeLeafHtml(ChildBase), HTreeChildren)) : Shell.Parse(Compact, html);
    })).Value;

    /// <summary>A whole &lt;ul class="tree"&gt; as SidebarTree renders it.</summary>
    public void WriteTree(PageBuffer b, IReadOnlyList<SidebarNode> nodes) =>
        _tree.Value.Write(b, (this, nodes), static (b, s, h) => s.Item1.WriteTreeItems(b, s.nodes));

    private void WriteTreeItems(PageBuffer b, IReadOnlyList<SidebarNode> nodes)
    {
        for (int i = 0; i < nodes.Count; i++)
        {
            var n = nodes[i];
            TreeItemShell(TreeVariant(n)).Write(b, (this, n), static (b, s, h) =>
            {
                switch (h)
                {
                    case HTreeKind: b.Text(s.n.Kind); break;
                    case HTreeHref: b.Text(s.n.Href); break;
                    case HTreeTitle: b.Text(s.n.Title); break;
                    case HTreeChildren: s.Item1.WriteTreeItems(b, s.n.Children); break;
                    default: throw new InvalidOperationException($"tree item: unknown hole {h}");
                }
            });
        }
    }

    private void WriteCrumbs(PageBuffer b, IReadOnlyList<string> items)
    {
        var shell = _crumb.Value;
        for (int i = 0; i < items.Count; i++) shell.Write(b, items[i], static (b, s, h) => b.Text(s));
    }

    // ---------- head (PageShell) ----------

    private static PageHead MarkerHead(bool desc, string ogType, string bodyClass) => new()
    {
        FullTitle = M(HFullTitle), OgTitle = M(HOgTitle), Description = desc ? M(HDesc) : null, OgType = ogType,
        OgUrl = M(HOgUrl), CanonicalUrl = M(HCanonical), CurrentHref = M(HCurrent), BodyClass = bodyClass,
    };

    private static bool WriteHead(PageBuffer b, PageHead head, int h)
    {
        switch (h)
        {
            case HFullTitle: b.Text(head.FullTitle); return true;
            case HOgTitle: b.Text(head.OgTitle); return true;
            case HDesc: b.Text(head.Description); return true;
            case HOgUrl: b.Text(head.OgUrl); return true;
            case HCanonical: b.Text(head.CanonicalUrl); return true;
            case HCurrent: b.Text(head.CurrentHref); return true;
            default: return false;
        }
    }

    // ---------- note pages ----------

    private static int NoteVariant(NoteView v) =>
        (!string.IsNullOrEmpty(v.Head.Description) ? 1 : 0) | (v.Date is not null ? 2 : 0) | (v.Modified is not null ? 4 : 0)
        | (v.Tags.Count > 0 ? 8 : 0) | (v.Prev is not null ? 16 : 0) | (v.Next is not null ? 32 : 0) | (v.Toc is not null ? 64 : 0)
        | (v.LocalTree is not null ? 128 : 0) | (v.Head.OgType == "article" ? 0 : 256) | (v.Head.BodyClass.Length == 0 ? 0 : 512)
        | (v.Head.Math ? 1024 : 0);

    private Shell NoteShell(NoteView real, int variant) => _notes.GetOrAdd(variant, v => new Lazy<Shell>(() =>
    {
        var view = new NoteView
        {
            Head = MarkerHead((v & 1) != 0, real.Head.OgType, real.Head.BodyClass) with { Math = (v & 1024) != 0 },
            Crumbs = new[] { M(HItemText) }, SourcePath = M(HSource), Heading = M(HHeading),
            Date = (v & 2) != 0 ? M(HDate) : null, Modified = (v & 4) != 0 ? M(HModified) : null,
            Tags = (v & 8) != 0 ? new[] { new TagLinkView(M(HTagHref), M(HTagText)) } : Array.Empty<TagLinkView>(),
            BodyHtml = M(HBody),
            Prev = (v & 16) != 0 ? new NoteLinkView(M(HPrevHref), M(HPrevTitle)) : null,
            Next = (v & 32) != 0 ? new NoteLinkView(M(HNextHref), M(HNextTitle)) : null,
            Toc = (v & 64) != 0 ? new[] { MarkerToc() } : null,
            LocalTree = (v & 128) != 0 ? new[] { MarkerTreeLeaf(ChildBase) } : null,
        };
        var html = _razor.Render<NotePage>(new Dictionary<string, object?> { ["Site"] = _site, ["View"] = view });
        var lists = new List<(string, int)> { (CrumbItem(), HCrumbs) };
        if ((v & 8) != 0) lists.Add((TagItem(), HTags));
        if ((v & 64) != 0) lists.Add((TocItemHtml(), HToc));
        if ((v & 128) != 0) lists.Add((TreeLeafHtml(ChildBase), HLocalTree));
        return Shell.Parse(Compact, html, lists.ToArray());
    })).Value;

    /// <summary>Writes the whole note page (what <c>RazorPages.Render&lt;NotePage&gt;</c> gives for this view).</summary>
    public void WriteNote(PageBuffer b, NoteView view)
    {
        NoteShell(view, NoteVariant(view)).Write(b, (this, view), static (b, s, h) =>
        {
            var v = s.view;
            if (WriteHead(b, v.Head, h)) return;
            switch (h)
            {
                case HCrumbs: s.Item1.WriteCrumbs(b, v.Crumbs); break;
                case HSource: b.Text(v.SourcePath); break;
                case HHeading: b.Text(v.Heading); break;
                case HDate: b.Text(v.Date); break;
                case HModified: b.Text(v.Modified); break;
                case HTags:
                    var tag = s.Item1._tag.Value;
                    foreach (var t in v.Tags) tag.Write(b, t, static (b, t, h) => b.Text(h == HTagHref ? t.Href : t.Text));
                    break;
                case HBody: if (v.BodyUtf8.IsEmpty) b.Raw(v.BodyHtml); else b.Literal(v.BodyUtf8.Span); break;
                case HPrevHref: b.Text(v.Prev!.Href); break;
                case HPrevTitle: b.Text(v.Prev!.Title); break;
                case HNextHref: b.Text(v.Next!.Href); break;
                case HNextTitle: b.Text(v.Next!.Title); break;
                case HToc:
                    var toc = s.Item1._toc.Value;
                    foreach (var e in v.Toc!)
                        toc.Write(b, e, static (b, e, h) => b.Text(h switch
                        {
                            HTocLevel => e.LevelClass, HTocAnchor => e.Anchor, HTocId => e.Id, HTocTitle => e.Title,
                            _ => throw new InvalidOperationException($"toc item: unknown hole {h}"),
                        }));
                    break;
                case HLocalTree: s.Item1.WriteTreeItems(b, v.LocalTree!); break;
                default: throw new InvalidOperationException($"note page: unknown hole {h}");
            }
        });
    }

    // ---------- list pages (tags, topics) and the home page ----------
    // Not compacted: these pages are byte-for-byte what Razor renders.

    private readonly ConcurrentDictionary<int, Lazy<Shell>> _lists = new();
    private readonly ConcurrentDictionary<int, Lazy<Shell>> _items = new();

    private static ListItemView MarkerListItem(bool context) => new(M(HLi0), M(HLi1), context ? M(HLi2) : null);
    private static RecentItemView MarkerRecent(bool date) => new(M(HLi0), M(HLi1), date ? M(HLi2) : null);
    private static readonly TopicChipView MarkerChip = new(M(HLi0), M(HLi1), M(HLi2), M(HLi3));
    private static readonly NoteListItemView MarkerNoteItem = new(M(HLi0), M(HLi1), M(HLi2));

    private string ListItemHtml(bool context) => Fragment<ListItem>(new() { ["Item"] = MarkerListItem(context) });
    private string RecentHtml(bool date) => Fragment<RecentItem>(new() { ["Item"] = MarkerRecent(date) });
    private string ChipHtml() => Fragment<TopicChip>(new() { ["Chip"] = MarkerChip });
    private string NoteItemHtml() => Fragment<NoteListItem>(new() { ["Item"] = MarkerNoteItem });

    // Item shells by kind: 0/1 list item without/with context, 2/3 recent without/with date, 4 topic chip, 5 note item.
    private Shell ItemShell(int kind) => _items.GetOrAdd(kind, k => new Lazy<Shell>(() => Shell.Parse(false, k switch
    {
        0 or 1 => ListItemHtml(k == 1), 2 or 3 => RecentHtml(k == 3), 4 => ChipHtml(), _ => NoteItemHtml(),
    }))).Value;

    private static void WriteField(PageBuffer b, int h, string? f0, string? f1, string? f2, string? f3 = null) => b.Text(h switch
    {
        HLi0 => f0, HLi1 => f1, HLi2 => f2, HLi3 => f3, _ => throw new InvalidOperationException($"list item: unknown hole {h}"),
    });

    private void WriteListItems(PageBuffer b, IReadOnlyList<ListItemView> items)
    {
        for (int i = 0; i < items.Count; i++)
            ItemShell(items[i].Context is null ? 0 : 1).Write(b, items[i], static (b, it, h) => WriteField(b, h, it.Href, it.Title, it.Context));
    }

    private Shell ListShell(ListView real, int variant) => _lists.GetOrAdd(variant, v => new Lazy<Shell>(() =>
    {
        var view = new ListView
        {
            Head = MarkerHead((v & 1) != 0, real.Head.OgType, real.Head.BodyClass),
            Title = M(HListTitle), Description = (v & 1) != 0 ? M(HListDesc) : null, Items = new[] { MarkerListItem(false) },
        };
        var html = _razor.Render<ListPage>(new Dictionary<string, object?> { ["Site"] = _site, ["View"] = view });
        return Shell.Parse(false, html, (ListItemHtml(false), HListItems));
    })).Value;

    /// <summary>Writes a whole list page (what <c>RazorPages.Render&lt;ListPage&gt;</c> gives for this view).</summary>
    public void WriteList(PageBuffer b, ListView view)
    {
        var variant = (!string.IsNullOrEmpty(view.Description) ? 1 : 0) | (view.Head.OgType == "website" ? 0 : 2) | (view.Head.BodyClass.Length == 0 ? 0 : 4)
            | (string.IsNullOrEmpty(view.Head.Description) == string.IsNullOrEmpty(view.Description) ? 0 : 8);
        if ((variant & 8) != 0) throw new InvalidOperationException("list page: the head's description must be the page's");
        ListShell(view, variant).Write(b, (this, view), static (b, s, h) =>
        {
            var v = s.view;
            if (WriteHead(b, v.Head, h)) return;
            switch (h)
            {
                case HListTitle: b.Text(v.Title); break;
                case HListDesc: b.Text(v.Description); break;
                case HListItems: s.Item1.WriteListItems(b, v.Items); break;
                default: throw new InvalidOperationException($"list page: unknown hole {h}");
            }
        });
    }

    /// <summary>Writes the home page (what <c>RazorPages.Render&lt;HomePage&gt;</c> gives for this view). There is one:
    /// its template is rendered with the real head and counts and one marker item per non-empty list.</summary>
    public void WriteHome(PageBuffer b, HomeView view)
    {
        var marker = view with
        {
            Topics = view.Topics.Count > 0 ? new[] { MarkerChip } : Array.Empty<TopicChipView>(),
            Recent = view.Recent.Count > 0 ? new[] { MarkerRecent(false) } : Array.Empty<RecentItemView>(),
            All = view.All.Count > 0 ? new[] { MarkerNoteItem } : Array.Empty<NoteListItemView>(),
        };
        var html = _razor.Render<HomePage>(new Dictionary<string, object?> { ["Site"] = _site, ["View"] = marker });
        var lists = new List<(string, int)>();
        if (view.Topics.Count > 0) lists.Add((ChipHtml(), HHomeTopics));
        if (view.Recent.Count > 0) lists.Add((RecentHtml(false), HHomeRecent));
        if (view.All.Count > 0) lists.Add((NoteItemHtml(), HHomeAll));
        Shell.Parse(false, html, lists.ToArray()).Write(b, (this, view), static (b, s, h) =>
        {
            var t = s.Item1;
            switch (h)
            {
                case HHomeTopics:
                    foreach (var c in s.view.Topics) t.ItemShell(4).Write(b, c, static (b, c, h) => WriteField(b, h, c.Href, c.Title, c.AriaLabel, c.Count));
                    break;
                case HHomeRecent:
                    foreach (var r in s.view.Recent) t.ItemShell(r.Date is null ? 2 : 3).Write(b, r, static (b, r, h) => WriteField(b, h, r.Href, r.Title, r.Date));
                    break;
                case HHomeAll:
                    var shell = t.ItemShell(5);
                    foreach (var n in s.view.All) shell.Write(b, n, static (b, n, h) => WriteField(b, h, n.Href, n.Title, n.Sections));
                    break;
                default: throw new InvalidOperationException($"home page: unknown hole {h}");
            }
        });
    }

    // ---------- share pages ----------

    private const int HHeadingText = 26, HNotice = 27, HContextText = 29, HSearch = 36, HRedirect = 37;

    private static int ShareVariant(ShareView v) =>
        (!string.IsNullOrEmpty(v.Head.Description) ? 1 : 0) | (v.Head.OgType == "article" ? 0 : 2)
        | (v.Notice is not null ? 8 : 0) | (v.SearchHref is not null ? 32 : 0) | (v.RedirectHref is not null ? 64 : 0) | (v.Canonical is not null ? 128 : 0);

    private Shell ShareShell(ShareView real, int variant) => _shares.GetOrAdd(variant, v => new Lazy<Shell>(() =>
    {
        var view = new ShareView
        {
            // No canonical link (variant without 128): the marker head's canonical is its og:url, as on a page at its own id.
            Head = (v & 128) != 0 ? MarkerHead((v & 1) != 0, real.Head.OgType, real.Head.BodyClass)
                : MarkerHead((v & 1) != 0, real.Head.OgType, real.Head.BodyClass) with { CanonicalUrl = M(HOgUrl) },
            Heading = M(HHeadingText), Notice = (v & 8) != 0 ? M(HNotice) : null,
            ContextHref = M(HContext), ContextText = M(HContextText), SearchHref = (v & 32) != 0 ? M(HSearch) : null,
            RedirectHref = (v & 64) != 0 ? M(HRedirect) : null,
        };
        var html = _razor.Render<SharePage>(new Dictionary<string, object?> { ["Site"] = _site, ["View"] = view });
        return Shell.Parse(Compact, html);
    })).Value;

    /// <summary>Writes the whole share page (what <c>RazorPages.Render&lt;SharePage&gt;</c> gives for this view).</summary>
    public void WriteShare(PageBuffer b, ShareView view)
    {
        // The body class is part of the shell: one per kind of page (live section or removed one).
        var variant = ShareVariant(view) | (view.Head.BodyClass == "share" ? 0 : 256);
        ShareShell(view, variant).Write(b, (this, view), static (b, s, h) =>
        {
            var v = s.view;
            if (WriteHead(b, v.Head, h)) return;
            switch (h)
            {
                case HHeadingText: b.Text(v.Heading); break;
                case HNotice: b.Text(v.Notice); break;
                case HContext: b.Text(v.ContextHref); break;
                case HContextText: b.Text(v.ContextText); break;
                case HSearch: b.Text(v.SearchHref); break;
                case HRedirect: b.Text(v.RedirectHref); break;
                default: throw new InvalidOperationException($"share page: unknown hole {h}");
            }
        });
    }
}
