using System.Collections.Immutable;
using System.Net;
using System.Text;
using System.Text.Json;
using Site.Core;
using Site.Normalize;
using Site.Render;
using Site.Theme;

namespace Site.Emit;

/// <summary>
/// Emit stage: writes every page (notes, share pages, tags, home, 404), the shared sidebar, sitemap,
/// robots.txt, topics.json, and copies theme and note assets.
/// </summary>
public sealed class EmitSite : IModule
{
    /// <summary>Sites up to this many notes get the full tree inline on every page; larger ones fetch it once.</summary>
    public const int InlineSidebarMaxNotes = 150;
    /// <summary>…and only while the tree is this small; otherwise every page would repeat it (bytes grow as N²).</summary>
    public const int InlineSidebarMaxChars = 40_000;
    /// <summary>The inline sidebar (small sites) shows groups, notes and their top-level sections; a note's full outline is its
    /// own TOC. A big site's sidebar.html has groups and notes only, each page its branch (<see cref="SidebarBranch"/>).</summary>
    public const int SidebarSectionDepth = 1;
    public const string TreeKey = "tree";
    /// <summary>ctx.Items: the tree this build made (a Lazy), when <see cref="TreeKey"/> gave none.</summary>
    private const string BuiltTreeKey = "tree.built";
    public const string TopicsKey = "topics";

    public string Name => "EmitSite";

    /// <summary>False when <see cref="EmitSharePages"/> writes the share pages (the site's pipeline): note pages only.</summary>
    private readonly bool _sharePages;

    /// <summary>Made with the pipeline, before the earlier stages run: starts compiling the page templates' code
    /// in the background (<see cref="Warmup"/>).</summary>
    /// <param name="sharePages">Also write each note's share pages (false: an <see cref="EmitSharePages"/> stage does).</param>
    public EmitSite(bool sharePages = true)
    {
        _sharePages = sharePages;
        Warmup.Start();
    }

    public ImmutableArray<Note> Execute(ImmutableArray<Note> notes, BuildContext ctx)
    {
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        using var site = CreateSite(notes, ctx);
        // The site-wide pages need none of the note pages: write them alongside.
        var sitePages = Task.Run(() => EmitSitePages(site, ctx));
        if (notes.Length > 0) // an empty knowledge base still gets its home, 404, sitemap …
        {
            // Notes differ a lot in size and section count: hand them out in small ranges.
            var parts = System.Collections.Concurrent.Partitioner.Create(0, notes.Length, Math.Max(1, notes.Length / (ctx.Parallelism * 64)));
            Parallel.ForEach(parts, new ParallelOptions { MaxDegreeOfParallelism = ctx.Parallelism, CancellationToken = ctx.CancellationToken }, range =>
            {
                for (int i = range.Item1; i < range.Item2; i++) EmitNotePages(notes[i], site, ctx, _sharePages);
            });
        }
        sitePages.GetAwaiter().GetResult();
        ctx.Timings["emit_cpu"] = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return notes;
    }

    /// <summary>
    /// Everything the pages of a build share: the site tree (from BuildTopics' tree or built here), topics,
    /// the sidebar, reading order, and the page templates. Dispose it after the last page.
    /// A live preview keeps one across edits and makes a new one when a note is added, removed,
    /// retitled or re-tagged, or its sections change (the sidebar, reading order and list pages change).
    /// </summary>
    public static SiteModel CreateSite(ImmutableArray<Note> notes, BuildContext ctx)
    {
        // Built once per build (the share pages' stage and emit both make a SiteModel): its warnings are reported once.
        var tree = ctx.TryGet<object>(TreeKey) is ImmutableArray<TreeNode> t ? t
            : ((Lazy<ImmutableArray<TreeNode>>)ctx.Items.GetOrAdd(BuiltTreeKey, _ => new Lazy<ImmutableArray<TreeNode>>(() =>
                NavOrder.Apply(SiteTreeBuilder.Build(notes, ctx.TryGet<object>(Read.NavigationFiles.ItemKey) is ImmutableArray<Read.NavFile> nav ? nav : default, SidebarSectionDepth,
                    (path, line, message) => ctx.Diagnostics.Warn(path, line, message)), ctx.Options.Nav)))).Value;
        // ctx.Items["topics"]: the list, or the task BuildTopics started (waited for on first use).
        var topics = ctx.TryGet<object>(TopicsKey);
        var site = topics is Task<List<TreeNode>> pending
            ? new SiteModel { Context = ctx, Notes = notes, Tree = tree, TopicsTask = pending }
            : new SiteModel { Context = ctx, Notes = notes, Tree = tree, Topics = topics as List<TreeNode> ?? new List<TreeNode>() };

        var order = new List<TreeNode>(notes.Length);
        Flatten(tree, order);
        var index = new Dictionary<string, int>(order.Count, StringComparer.Ordinal);
        for (int i = 0; i < order.Count; i++) index.Add(order[i].Url!, i); // URLs are unique (Permalinks)
        var byUrl = new Dictionary<string, Note>(notes.Length, StringComparer.Ordinal);
        foreach (var n in notes) byUrl.TryAdd(n.Url, n);
        site.Order = order;
        site.OrderIndex = index;
        site.ByUrl = byUrl;

        // Too many notes to inline: the tree is only needed for sidebar.html (EmitSitePages makes it then,
        // alongside the note pages).
        if (notes.Length <= InlineSidebarMaxNotes)
        {
            var sidebar = SidebarHtml(site);
            if (sidebar.Length <= InlineSidebarMaxChars) site.SidebarHtml = sidebar;
        }
        return site;
    }

    /// <summary>The shared sidebar: the site tree plus a Topics group (titles only).</summary>
    private static string SidebarHtml(SiteModel site)
    {
        var b = new PageBuffer();
        WriteSidebar(b, site);
        return System.Text.Encoding.UTF8.GetString(b.Span);
    }

    /// <param name="shared">sidebar.html of a big site: groups and notes only (each page carries its own branch with sections).</param>
    private static void WriteSidebar(PageBuffer b, SiteModel site, bool shared = false)
    {
        var fullTree = site.Topics.Count > 0
            ? site.Tree.Add(new TreeNode { Title = "主题 Topics", Kind = "group", Children = site.Topics.Select(t => t with { Children = ImmutableArray<TreeNode>.Empty }).ToImmutableArray() })
            : site.Tree;
        site.Templates.WriteTree(b, shared ? SidebarBranch.Outline(fullTree, site) : SidebarNode.From(fullTree, site));
    }

    /// <summary>
    /// Writes the pages of ONE note: its page and one share page per section (s/&lt;shareId&gt;.html),
    /// using <paramref name="site"/> for everything shared (sidebar, previous/next, templates). Safe to call in
    /// parallel for different notes. Returns the number of pages written; failures are reported to
    /// ctx.Diagnostics against the note and do not throw.
    /// For incremental rebuilds (live preview): pass the edited note (after read → render) with the
    /// <see cref="SiteModel"/> of the last build; its page and share pages come out exactly as a full build
    /// would write them. Everything else reflects the SiteModel's snapshot of the other notes: the sidebar,
    /// previous/next links on the neighbours, home/tag/topic pages, topics.json, sitemap. When the edit
    /// changes the note's title, tags, dates, sections or topics, make a new <see cref="CreateSite"/> and
    /// also run <see cref="EmitSitePages"/> (and this method for the previous/next neighbours, or all notes
    /// when the sidebar is inline). Writes go through ctx.Output (a staging folder until Commit); share
    /// pages of sections that no longer exist are not deleted here.
    /// </summary>
    /// <param name="sharePages">False: the note page only (<see cref="EmitSharePages"/> writes the share pages).</param>
    public static int EmitNotePages(Note note, SiteModel site, BuildContext ctx, bool sharePages = true)
    {
        int written = 0;
        try
        {
            var b = PageBuffer.ForThread();
            var (prev, next) = site.Neighbors(note);
            var desc = note.Meta.Excerpt ?? NoteDescription(note);
            // The view carries the article as the note holds it: UTF-8 bytes copied as they are (rendered or cached
            // notes), or a string encoded into the page (a note that failed to render).
            site.Templates.WriteNote(b, NoteView.Create(site, note, prev, next, desc));
            ctx.Output.WriteBytes(note.OutputPath, b.Span);
            written++;
            if (sharePages) written += WriteSharePages(note, site, b, ctx);
            b.Trim();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ctx.Diagnostics.Error(note.SourcePath, 1, $"writing the page failed: {ex.GetType().Name}: {ex.Message}");
        }
        return written;
    }

    /// <summary>
    /// Writes the site-wide files: sidebar.html, tag and topic pages, home, 404, topics.json, sitemap,
    /// robots.txt, theme and math assets and the note assets links use. Independent of
    /// <see cref="EmitNotePages"/>: a full build does both, a preview re-runs this when the site's shape changes.
    /// </summary>
    public static void EmitSitePages(SiteModel site, BuildContext ctx)
    {
        var notes = site.Notes;
        var topics = site.Topics;
        var pages = site.Razor;
        // Small sites carry the tree inline on every page; larger ones fetch groups and notes once from here.
        if (!site.SidebarInline)
        {
            var tb = PageBuffer.ForThread();
            WriteSidebar(tb, site, shared: true);
            ctx.Output.WriteBytes(Read.Permalinks.SidebarFile, tb.Span);
            tb.Trim();
        }
        WriteTagPages(notes, site, ctx);
        foreach (var topic in topics)
            WriteList(Read.Permalinks.OutputPathFor(topic.Url!), ListView.Create(site, topic.Title, topic.Url!,
                $"{topic.Children.Length} sections from {topic.Children.Select(c => c.Url!.Split('#')[0]).Distinct().Count()} notes", topic.Children), site, ctx);
        var home = HomeView.Create(site, topics, ctx.Options.SiteDescription ?? $"{notes.Length} notes");
        var b = PageBuffer.ForThread();
        site.Templates.WriteHome(b, home);
        ctx.Output.WriteBytes(Read.Permalinks.HomeFile, b.Span);
        b.Trim();
        ctx.Output.WriteText(Read.Permalinks.NotFoundFile, pages.Render<NotFoundPage>(new Dictionary<string, object?> { ["Site"] = site }));
        ctx.Output.WriteBytes(Read.Permalinks.TopicsJsonFile, WriteTopicsJson.Bytes(site.Tree, topics, site));
        WriteSitemap(notes, topics, site, ctx);
        ctx.Output.WriteText(Read.Permalinks.RobotsFile, $"User-agent: *\nAllow: /\nSitemap: {site.Absolute("sitemap.xml")}\n");
        EmitLinkPages.Write(site, ctx);
        ThemeAssets.Copy(ctx);
        Render.Mathematics.MathAssets.Copy(ctx);
        if (ctx.TryGet<LinkResolver>(RenderHtml.LinksKey) is { } links) CopyNoteAssets(links.UsedAssets.Items, notes, ctx);
    }

    /// <summary>
    /// Copies the files notes link to (images …) to the same paths in the site, but never over a page or a
    /// generated file: a path taken by a note's page, a generated file or folder (<see cref="Read.Permalinks.ReservedBy"/>)
    /// or a theme asset already written is skipped with a warning. A note's own images under an
    /// <c>assets/</c> folder are fine as long as they do not replace a theme file. Nor from outside the input: the
    /// read stage skipped links leaving it, and a link made since is caught here.
    /// </summary>
    private static void CopyNoteAssets(IEnumerable<string> assets, ImmutableArray<Note> notes, BuildContext ctx)
    {
        var claims = new Read.UrlClaims();
        foreach (var n in notes) claims.TryClaim(n.OutputPath, n.SourcePath);
        foreach (var asset in assets.OrderBy(a => a, StringComparer.Ordinal))
        {
            var inAssets = asset.StartsWith(Read.Permalinks.AssetsFolder + "/", StringComparison.OrdinalIgnoreCase);
            var clash = inAssets
                ? (ctx.Output.Exists(asset) ? "a theme file" : null)
                : claims.TryClaim(asset, asset);
            if (clash is not null)
            {
                ctx.Diagnostics.Warn(asset, 1, $"file not copied: /{asset} is {clash} of the site");
                continue;
            }
            var source = Path.Combine(ctx.Options.InputDir, asset);
            if (!Site.Read.InputBoundary.IsInside(ctx.Options.InputDir, source))
            {
                ctx.Diagnostics.Warn(asset, 1, Site.Read.NoteFiles.OutsideMessage("file"));
                continue;
            }
            ctx.Output.CopyFile(source, asset);
        }
    }

    private static void Flatten(IEnumerable<TreeNode> nodes, List<TreeNode> into)
    {
        foreach (var n in nodes)
        {
            if (n.Kind == "note") into.Add(n);
            else if (n.Kind == "group")
            {
                if (n.Url is not null) into.Add(n); // a folder's page comes before the folder's notes
                Flatten(n.Children, into);
            }
        }
    }

    /// <summary>A note page's description (no excerpt given): its first section's text, else the first section with
    /// text (a plain-text note often opens with a heading-only section), else the text before the first heading (as
    /// plain text: a note without headings showed its Markdown, "{% note %}", "> [!note]", "[[a|b]]"), else the body.</summary>
    private static string NoteDescription(Note note)
    {
        if (note.Sections.Length > 0 && note.Sections[0].Text is { } first && !string.IsNullOrWhiteSpace(first)) return PlainText.Description(first);
        foreach (var s in note.Sections)
            if (!string.IsNullOrWhiteSpace(s.Text) && PlainText.Description(s.Text) is { Length: > 0 } d) return d;
        return PlainText.Description(string.IsNullOrWhiteSpace(note.Intro) ? note.Body : note.Intro);
    }

    /// <summary>Share pages' descriptions are cut shorter than a note page's 150 characters: a chat card shows two or
    /// three lines, and the description is most of a share page's bytes (17 pages a note).</summary>
    public const int ShareDescriptionMax = 80;

    /// <summary>The share page description: the section's own text, else the first text below it, else its title
    /// (at most <see cref="ShareDescriptionMax"/> characters).</summary>
    public static string ShareDescription(Note note, int i)
    {
        var s = note.Sections[i];
        var text = s.Text;
        for (int j = i + 1; string.IsNullOrWhiteSpace(text) && j < note.Sections.Length && note.Sections[j].Level > s.Level; j++) text = note.Sections[j].Text;
        return PlainText.Description(string.IsNullOrWhiteSpace(text) ? s.Title : text, ShareDescriptionMax);
    }


    /// <summary>The share pages of one note (<see cref="EmitSharePages"/>); a failure is reported against the note.</summary>
    internal static int EmitSharePagesOf(Note note, SiteModel site, BuildContext ctx)
    {
        try
        {
            var b = PageBuffer.ForThread();
            var written = WriteSharePages(note, site, b, ctx);
            b.Trim();
            return written;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ctx.Diagnostics.Error(note.SourcePath, 1, $"writing the share pages failed: {ex.GetType().Name}: {ex.Message}");
            return 0;
        }
    }

    /// <summary>The share pages of one note: for each section its own page and one per old share id that leads to it
    /// (the link registry's moved-share lines). Small pages: title, OpenGraph, an excerpt and the way into the note.</summary>
    private static int WriteSharePages(Note note, SiteModel site, PageBuffer b, BuildContext ctx)
    {
        if (note.Sections.IsDefaultOrEmpty) return 0;
        var links = ctx.TryGet<Links.LinkState>(Links.TrackLinks.Key);
        int written = 0;
        for (int i = 0; i < note.Sections.Length; i++)
        {
            var s = note.Sections[i];
            if (string.IsNullOrEmpty(s.ShareId)) continue;
            var desc = ShareDescription(note, i);
            b.Clear();
            site.Templates.WriteShare(b, ShareView.Create(site, note, i, desc));
            ctx.Output.WriteBytes(ShareView.UrlOf(s), b.Span);
            written++;
            if (links is null) continue;
            foreach (var old in links.AliasesOf(s.ShareId))
            {
                b.Clear();
                site.Templates.WriteShare(b, ShareView.Create(site, note, i, desc, shareId: old));
                ctx.Output.WriteBytes(ShareView.UrlOf(old), b.Span);
                written++;
            }
        }
        return written;
    }

    private static void WriteTagPages(ImmutableArray<Note> notes, SiteModel site, BuildContext ctx)
    {
        foreach (var g in notes.SelectMany(n => n.Meta.Tags.Select(t => (t, n))).GroupBy(x => site.TagUrlCached(x.t)))
        {
            var title = g.First().t;
            var items = g.Select(x => new TreeNode { Title = x.n.Title, Url = x.n.Url }).DistinctBy(x => x.Url).ToList();
            WriteList(g.Key + "index.html", ListView.Create(site, "#" + title, g.Key, $"{items.Count} notes tagged {title}", items), site, ctx);
        }
    }

    /// <summary>A tag or topic page through its shell (the same bytes as <c>Razor.Render&lt;ListPage&gt;</c>: tests/Site.Tests/Build/FastPathTests.cs).</summary>
    private static void WriteList(string path, ListView view, SiteModel site, BuildContext ctx)
    {
        var b = PageBuffer.ForThread();
        site.Templates.WriteList(b, view);
        ctx.Output.WriteBytes(path, b.Span);
    }

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        WriteIndented = false,
    };

    private static void WriteSitemap(ImmutableArray<Note> notes, List<TreeNode> topics, SiteModel site, BuildContext ctx)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        void Url(string rel, DateTimeOffset? mod)
        {
            sb.Append("  <url><loc>").Append(WebUtility.HtmlEncode(site.Absolute(rel))).Append("</loc>");
            if (mod is { } m) sb.Append("<lastmod>").Append(m.ToString("yyyy-MM-dd")).Append("</lastmod>");
            sb.Append("</url>\n");
        }
        Url("", notes.Max(n => n.Modified));
        foreach (var n in notes.OrderBy(n => n.Url, StringComparer.Ordinal)) Url(n.Url, n.Modified);
        foreach (var t in topics) Url(t.Url!, null);
        sb.Append("</urlset>\n");
        ctx.Output.WriteText(Read.Permalinks.SitemapFile, sb.ToString());
    }
}
