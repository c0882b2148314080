using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using Site.Cli;
using Site.Core;
using Site.Emit;
using Site.Theme;
using Xunit;

namespace Site.Tests.Build;

/// <summary>
/// The emit fast path (PageTemplates: Razor rendered once per template variant, filled per page) gives
/// exactly what rendering each page with Blazor's HtmlRenderer gives, for every note and share page of
/// the browser fixture site (Chinese titles, math, tags, TOC, titles with &amp; and &lt;…&gt;), with the
/// sidebar inline and fetched lazily, in normal and preview builds.
/// </summary>
public class FastPathTests
{
    private static string FixtureDir => Path.Combine(Support.TempSite.RepoRoot, "tests", "Site.Tests", "Fixtures", "Browser");

    /// <summary>Builds the fixture site with the emit stage replaced by <paramref name="check"/>.</summary>
    private static void WithBuiltNotes(bool preview, Action<ImmutableArray<Note>, BuildContext> check)
    {
        using var site = new Support.TempSite();
        var options = site.Options(baseUrl: "/kb/") with { InputDir = FixtureDir, SiteUrl = "https://kb.example.org", Preview = preview };
        Exception? failure = null;
        bool ran = false;
        var log = new StringWriter();
        SiteBuilder.Build(options, log, quiet: true, CancellationToken.None, ctx =>
        {
            var p = new Pipeline();
            foreach (var stage in SitePipeline.Create(ctx).Stages.Where(s => s.Name != "emit")) p.Add(stage.Name, stage.Modules.ToArray());
            return p.Add("emit", new Probe((notes, c) =>
            {
                ran = true;
                try { check(notes, c); } catch (Exception e) { failure = e; }
            }));
        });
        Assert.True(ran, "the pipeline did not reach emit:\n" + log);
        if (failure is not null) throw new Xunit.Sdk.XunitException(failure.ToString());
    }

    private sealed class Probe(Action<ImmutableArray<Note>, BuildContext> run) : IModule
    {
        public string Name => "probe";
        public ImmutableArray<Note> Execute(ImmutableArray<Note> notes, BuildContext ctx) { run(notes, ctx); return notes; }
    }

    private static string Fill(Action<PageBuffer> write)
    {
        var b = new PageBuffer();
        write(b);
        return Encoding.UTF8.GetString(b.Span);
    }

    private static string Collapse(string html) => Regex.Replace(html, @"[ \t\r\n]*\n[ \t\r\n]*", "\n");

    /// <summary>The Razor page reads the article from BodyHtml (the fast path takes the UTF-8 a rendered note carries).</summary>
    private static NoteView ForRazor(NoteView view, Note note) => view with { BodyHtml = note.Html, BodyUtf8 = default };

    private static int ComparePages(SiteModel site)
    {
        var exact = new PageTemplates(site.Razor, site, compact: false);
        var compact = new PageTemplates(site.Razor, site, compact: true);
        int pages = 0;
        foreach (var note in site.Notes)
        {
            var (prev, next) = site.Neighbors(note);
            var view = NoteView.Create(site, note, prev, next, note.Title.Length % 2 == 0 ? "摘要 & <desc> \"quoted\" 'x' +1 😀" : null);
            var razor = site.Razor.Render<NotePage>(new Dictionary<string, object?> { ["Site"] = site, ["View"] = ForRazor(view, note) });
            Assert.Equal(razor, Fill(b => exact.WriteNote(b, view)));
            var small = Fill(b => compact.WriteNote(b, view));
            Assert.Equal(Collapse(razor), Collapse(small));
            Assert.Contains(note.Html, small); // the article itself is never compacted
            pages++;

            var shares = new List<ShareView>
            {
                // Old share ids: of a live section (canonical is its own id), of a removed one (note kept, note gone).
                ShareView.Removed(site, "0ldsect10n", "已删 <removed> & \"gone\"", note),
                ShareView.Removed(site, "0ldn0te000", "Gone 😀", null),
            };
            for (int i = 0; i < note.Sections.Length; i++)
            {
                if (string.IsNullOrEmpty(note.Sections[i].ShareId)) continue;
                shares.Add(ShareView.Create(site, note, i, i % 3 == 0 ? "" : EmitSite.ShareDescription(note, i)));
                if (i % 2 == 1) shares.Add(ShareView.Create(site, note, i, EmitSite.ShareDescription(note, i), shareId: "0ld1d00000"));
            }
            foreach (var share in shares)
            {
                var razorShare = site.Razor.Render<SharePage>(new Dictionary<string, object?> { ["Site"] = site, ["View"] = share });
                Assert.Equal(razorShare, Fill(b => exact.WriteShare(b, share)));
                Assert.Equal(Collapse(razorShare), Collapse(Fill(b => compact.WriteShare(b, share))));
                pages++;
            }
        }
        var tree = SidebarNode.From(site.Tree, site);
        Assert.Equal(site.Razor.RenderFragment<SidebarTree>(new Dictionary<string, object?> { ["Nodes"] = tree }), Fill(b => exact.WriteTree(b, tree)));
        return pages;
    }

    /// <summary>List pages (every tag, plus made-up lists) and the home page through the shells are the Razor pages, byte for byte.</summary>
    private static int CompareSitePages(SiteModel site)
    {
        var t = site.Templates;
        int pages = 0;
        void List(ListView view)
        {
            Assert.Equal(site.Razor.Render<ListPage>(new Dictionary<string, object?> { ["Site"] = site, ["View"] = view }), Fill(b => t.WriteList(b, view)));
            pages++;
        }
        foreach (var g in site.Notes.SelectMany(n => n.Meta.Tags.Select(tag => (tag, n))).GroupBy(x => SiteModel.TagUrl(x.tag)))
        {
            var items = g.Select(x => new TreeNode { Title = x.n.Title, Url = x.n.Url }).DistinctBy(x => x.Url).ToList();
            List(ListView.Create(site, "#" + g.First().tag, g.Key, $"{items.Count} notes tagged {g.First().tag}", items));
        }
        var mixed = site.Notes.SelectMany(n => n.Sections.Take(2).Select((sec, i) => new TreeNode
        {
            Title = i == 0 ? "  " : sec.Title + " & <x>", Url = n.Url + "#" + sec.Id, Kind = "section",
            Children = i == 0 ? ImmutableArray<TreeNode>.Empty : ImmutableArray.Create(new TreeNode { Title = n.Title }, new TreeNode { Title = "路径 \"p\"" }),
        })).ToList();
        List(ListView.Create(site, "主题 & <Topic>", "topics/x/", "12 sections from 3 notes", mixed));
        List(ListView.Create(site, "no description", "topics/y/", null, mixed));
        List(ListView.Create(site, "empty", "topics/z/", "", Array.Empty<TreeNode>()));

        var topics = mixed.Take(3).Select((m, i) => new TreeNode { Title = "T" + i + " & <b>", Url = $"topics/t{i}/", Kind = "topic", Children = mixed.Take(i + 1).ToImmutableArray() }).ToList();
        foreach (var (tops, desc) in new[] { (topics, $"{site.Notes.Length} notes"), (new List<TreeNode>(), (string)null!) })
        {
            var home = HomeView.Create(site, tops, desc);
            Assert.Equal(site.Razor.Render<HomePage>(new Dictionary<string, object?> { ["Site"] = site, ["View"] = home }), Fill(b => t.WriteHome(b, home)));
            pages++;
        }
        return pages;
    }

    [Fact]
    public void Fast_site_pages_equal_razor_pages()
    {
        foreach (var preview in new[] { false, true })
            WithBuiltNotes(preview, (notes, ctx) =>
            {
                using var site = EmitSite.CreateSite(notes, ctx);
                Assert.True(CompareSitePages(site) > 3);
                site.SidebarHtml = null;
                using var lazy = EmitSite.CreateSite(notes, ctx);
                lazy.SidebarHtml = null;
                Assert.True(CompareSitePages(lazy) > 3);
            });
    }

    [Fact]
    public void Fast_pages_equal_razor_pages_with_the_sidebar_inline()
    {
        WithBuiltNotes(preview: false, (notes, ctx) =>
        {
            using var site = EmitSite.CreateSite(notes, ctx);
            Assert.True(site.SidebarInline);
            Assert.True(ComparePages(site) > notes.Length, "expected share pages too");
        });
    }

    [Fact]
    public void Fast_pages_equal_razor_pages_with_a_lazy_sidebar_in_preview()
    {
        WithBuiltNotes(preview: true, (notes, ctx) =>
        {
            using var site = EmitSite.CreateSite(notes, ctx);
            site.SidebarHtml = null; // as on a site too big to inline the tree: note pages carry their own outline
            Assert.True(ComparePages(site) > notes.Length);
        });
    }

    [Fact]
    public void One_note_can_be_emitted_alone_with_the_same_bytes_as_the_full_build()
    {
        WithBuiltNotes(preview: false, (notes, ctx) =>
        {
            using var site = EmitSite.CreateSite(notes, ctx);
            foreach (var n in notes) EmitSite.EmitNotePages(n, site, ctx);
            var note = notes.OrderByDescending(n => n.Sections.Length).First();
            var path = ctx.Output.Resolve(note.OutputPath)!;
            var before = File.ReadAllBytes(path);
            File.Delete(path);
            var written = EmitSite.EmitNotePages(note, site, ctx);
            Assert.Equal(1 + note.Sections.Count(s => !string.IsNullOrEmpty(s.ShareId)), written);
            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.DoesNotContain(ctx.Diagnostics.All, d => d.Severity == Severity.Error);

            // The files EmitNotePages wrote (article bytes sliced from one UTF-8 copy) are the Razor pages.
            var (prev, next) = site.Neighbors(note);
            var desc = note.Meta.Excerpt ?? PlainText.Description(note.Sections.Length > 0 ? note.Sections[0].Text : note.Body);
            var razor = site.Razor.Render<NotePage>(new Dictionary<string, object?> { ["Site"] = site, ["View"] = ForRazor(NoteView.Create(site, note, prev, next, desc), note) });
            Assert.Equal(Collapse(razor), Collapse(File.ReadAllText(path)));
            for (int i = 0; i < note.Sections.Length; i++)
            {
                var s = note.Sections[i];
                if (string.IsNullOrEmpty(s.ShareId)) continue;
                var share = ShareView.Create(site, note, i, EmitSite.ShareDescription(note, i));
                var razorShare = site.Razor.Render<SharePage>(new Dictionary<string, object?> { ["Site"] = site, ["View"] = share });
                Assert.Equal(Collapse(razorShare), Collapse(File.ReadAllText(ctx.Output.Resolve(ShareView.UrlOf(s))!)));
            }
        });
    }
}
