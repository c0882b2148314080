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
    /// <summary>The shared sidebar shows groups, notes and their top-level sections; a note's full outline is its own TOC.</summary>
    public const int SidebarSectionDepth = 1;
    public const string TreeKey = "tree";
    public const string TopicsKey = "topics";

    public string Name => "EmitSite";

    public ImmutableArray<Note> Execute(ImmutableArray<Note> notes, BuildContext ctx)
    {
        var tree = ctx.TryGet<object>(TreeKey) is ImmutableArray<TreeNode> t ? t : SiteTreeBuilder.Build(notes, SidebarSectionDepth);
        var topics = ctx.TryGet<List<TreeNode>>(TopicsKey) ?? new List<TreeNode>();
        var site = new SiteModel { Context = ctx, Notes = notes, Tree = tree };
        using var pages = new RazorPagesHandle();

        var fullTree = topics.Count > 0
            ? tree.Add(new TreeNode { Title = "主题 Topics", Kind = "group", Children = topics.Select(t => t with { Children = ImmutableArray<TreeNode>.Empty }).ToImmutableArray() })
            : tree;
        var sidebar = pages.Value.Render<SidebarTree>(new Dictionary<string, object?> { ["Nodes"] = fullTree, ["Site"] = site })["<!DOCTYPE html>\n".Length..];
        if (notes.Length <= InlineSidebarMaxNotes && sidebar.Length <= InlineSidebarMaxChars) site.SidebarHtml = sidebar;
        else ctx.Output.WriteText("sidebar.html", sidebar);

        var order = Flatten(tree).ToList();
        var index = order.Select((n, i) => (url: n.Url!, i)).ToDictionary(x => x.url, x => x.i, StringComparer.Ordinal);
        var byUrl = notes.ToDictionary(n => n.Url, StringComparer.Ordinal);

        Parallel.ForEach(notes, new ParallelOptions { MaxDegreeOfParallelism = ctx.Parallelism }, note =>
        {
            try
            {
                var i = index.GetValueOrDefault(note.Url, -1);
                Note? prev = i > 0 ? byUrl.GetValueOrDefault(order[i - 1].Url!) : null;
                Note? next = i >= 0 && i + 1 < order.Count ? byUrl.GetValueOrDefault(order[i + 1].Url!) : null;
                var desc = note.Meta.Excerpt ?? PlainText.Description(note.Sections.FirstOrDefault()?.Text ?? note.Body);
                ctx.Output.WriteText(note.OutputPath, pages.Value.Render<NotePage>(new Dictionary<string, object?>
                {
                    ["Site"] = site, ["Note"] = note, ["Prev"] = prev, ["Next"] = next, ["Description"] = desc,
                }));
                WriteSharePages(note, site, pages.Value, ctx);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ctx.Diagnostics.Error(note.SourcePath, 1, $"writing the page failed: {ex.GetType().Name}: {ex.Message}");
            }
        });

        WriteTagPages(notes, site, pages.Value, ctx);
        foreach (var topic in topics)
            ctx.Output.WriteText(Read.Permalinks.OutputPathFor(topic.Url!), pages.Value.Render<ListPage>(new Dictionary<string, object?>
            {
                ["Site"] = site, ["Title"] = topic.Title, ["Url"] = topic.Url, ["Items"] = topic.Children,
                ["Description"] = $"{topic.Children.Length} sections from {topic.Children.Select(c => c.Url!.Split('#')[0]).Distinct().Count()} notes",
            }));
        ctx.Output.WriteText("index.html", pages.Value.Render<HomePage>(new Dictionary<string, object?> { ["Site"] = site, ["Topics"] = topics, ["Description"] = $"{notes.Length} notes" }));
        ctx.Output.WriteText("404.html", pages.Value.Render<NotFoundPage>(new Dictionary<string, object?> { ["Site"] = site }));
        WriteTopicsJson(notes, tree, topics, site, ctx);
        WriteSitemap(notes, topics, site, ctx);
        ctx.Output.WriteText("robots.txt", $"User-agent: *\nAllow: /\nSitemap: {site.Absolute("sitemap.xml")}\n");
        ThemeAssets.Copy(ctx);
        Render.Mathematics.MathAssets.Copy(ctx);
        if (ctx.TryGet<LinkResolver>(RenderHtml.LinksKey) is { } links)
            foreach (var asset in links.UsedAssets.Items)
                ctx.Output.CopyFile(Path.Combine(ctx.Options.InputDir, asset), asset);
        return notes;
    }

    private static IEnumerable<TreeNode> Flatten(IEnumerable<TreeNode> nodes)
    {
        foreach (var n in nodes)
        {
            if (n.Kind == "note") yield return n;
            else if (n.Kind == "group") foreach (var c in Flatten(n.Children)) yield return c;
        }
    }

    private static void WriteSharePages(Note note, SiteModel site, RazorPages pages, BuildContext ctx)
    {
        if (note.Sections.IsDefaultOrEmpty) return;
        var parts = SectionHtml.Split(note.Html);
        for (int i = 0; i < note.Sections.Length; i++)
        {
            var s = note.Sections[i];
            if (string.IsNullOrEmpty(s.ShareId) || !parts.TryGetValue(s.Id, out var html)) continue;
            // Description: the section's own text, else the first text below it.
            var text = s.Text;
            for (int j = i + 1; string.IsNullOrWhiteSpace(text) && j < note.Sections.Length && note.Sections[j].Level > s.Level; j++) text = note.Sections[j].Text;
            ctx.Output.WriteText($"s/{s.ShareId}/index.html", pages.Render<SharePage>(new Dictionary<string, object?>
            {
                ["Site"] = site, ["Note"] = note, ["Section"] = s, ["Html"] = html,
                ["Description"] = PlainText.Description(string.IsNullOrWhiteSpace(text) ? s.Title : text),
            }));
        }
    }

    private static void WriteTagPages(ImmutableArray<Note> notes, SiteModel site, RazorPages pages, BuildContext ctx)
    {
        foreach (var g in notes.SelectMany(n => n.Meta.Tags.Select(t => (t, n))).GroupBy(x => SiteModel.TagUrl(x.t)))
        {
            var title = g.First().t;
            var items = g.Select(x => new TreeNode { Title = x.n.Title, Url = x.n.Url }).DistinctBy(x => x.Url).ToList();
            ctx.Output.WriteText(g.Key + "index.html", pages.Render<ListPage>(new Dictionary<string, object?>
            {
                ["Site"] = site, ["Title"] = "#" + title, ["Url"] = g.Key, ["Items"] = items, ["Description"] = $"{items.Count} notes tagged {title}",
            }));
        }
    }

    private static void WriteTopicsJson(ImmutableArray<Note> notes, ImmutableArray<TreeNode> tree, List<TreeNode> topics, SiteModel site, BuildContext ctx)
    {
        object Node(TreeNode n) => new Dictionary<string, object?>
        {
            ["title"] = n.Title, ["url"] = n.Url is null ? null : site.HrefWithAnchor(n.Url, encodeAnchor: false),
            ["id"] = n.Id, ["level"] = n.Level, ["kind"] = n.Kind, ["children"] = n.Children.Select(Node).ToList(),
        };
        var full = notes.Select(n => SiteTreeBuilder.NoteNode(n, 6)).ToDictionary(n => n.Url!, StringComparer.Ordinal);
        TreeNode Deep(TreeNode n) => n.Kind == "note" && full.TryGetValue(n.Url!, out var f) ? f : n with { Children = n.Children.Select(Deep).ToImmutableArray() };
        var doc = new Dictionary<string, object?>
        {
            ["site"] = site.Options.SiteTitle,
            ["tree"] = tree.Select(Deep).Select(Node).ToList(),
            ["topics"] = topics.Select(Node).ToList(),
        };
        ctx.Output.WriteText("topics.json", JsonSerializer.Serialize(doc, JsonOptions));
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
        ctx.Output.WriteText("sitemap.xml", sb.ToString());
    }

    /// <summary>Disposes the Razor renderer pool synchronously at the end of the stage.</summary>
    private sealed class RazorPagesHandle : IDisposable
    {
        public RazorPages Value { get; } = new();
        public void Dispose() => Value.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
