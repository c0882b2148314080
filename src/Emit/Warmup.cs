using System.Collections.Immutable;
using Site.Core;
using Site.Normalize;

namespace Site.Emit;

/// <summary>
/// The first Razor render of a process costs ~50–60 ms (Blazor's renderer and the theme's components are
/// compiled on first use), and emit used to pay it on every worker at its start. <see cref="Start"/>, called
/// when the pipeline is made, renders every page template once with made-up values on a pool thread while
/// the earlier stages run, so the shells emit builds later find that code compiled. Output is unaffected:
/// nothing is written and nothing is kept but the compiled code.
/// </summary>
internal static class Warmup
{
    private static int _started;

    public static void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0) return;
        ThreadPool.UnsafeQueueUserWorkItem(static _ =>
        {
            try { Run(); }
            catch { /* only a head start: emit compiles whatever this did not */ }
        }, null);
    }

    private static void Run()
    {
        var ctx = new BuildContext(new BuildOptions(), output: null!); // no page is written
        var html = "<h2 id=\"概述\">概述</h2><p>正文 $x$</p><h3 id=\"b\">B</h3><p>b</p><h2 id=\"c\">C</h2><p>c</p>"u8.ToArray();
        var sections = ImmutableArray.Create(
            new Section { Level = 1, Title = "概述", Id = "概述", ShareId = "w1", Text = "正文 $\\frac{a}{b} + \\alpha$ text" },
            new Section { Level = 2, Title = "B", Id = "b", ShareId = "w2", Path = ImmutableArray.Create("概述"), Text = "" },
            new Section { Level = 1, Title = "C", Id = "c", ShareId = "w3", Text = "c \n c" });
        Note Fake(string name) => new()
        {
            SourcePath = $"warm/{name}.md", FullPath = $"/warm/{name}.md", Title = "标题 " + name, Url = $"warm/{name}/", OutputPath = $"warm/{name}/index.html",
            Date = DateTimeOffset.UnixEpoch, Modified = DateTimeOffset.UnixEpoch.AddDays(1), Sections = sections, HtmlUtf8 = html,
            Meta = FrontMatter.Empty with { Tags = ImmutableArray.Create("标签", "tag") },
        };
        var notes = ImmutableArray.Create(Fake("a"), Fake("b"), Fake("c"));
        var tree = SiteTreeBuilder.Build(notes, EmitSite.SidebarSectionDepth);
        using var site = new SiteModel { Context = ctx, Notes = notes, Tree = tree };
        var t = site.Templates;
        var b = new PageBuffer();
        var note = notes[1];
        var desc = PlainText.Description(note.Sections[0].Text);
        t.WriteNote(b, NoteView.Create(site, note, notes[0], notes[2], desc));
        for (int i = 0; i < note.Sections.Length; i++)
        {
            b.Clear();
            t.WriteShare(b, ShareView.Create(site, note, i, EmitSite.ShareDescription(note, i)));
        }
        b.Clear();
        t.WriteList(b, ListView.Create(site, "#标签", Read.Permalinks.TagUrl("x"), "3 notes tagged 标签", new[] { tree[0], new TreeNode { Title = "x", Url = "warm/a/#b", Children = ImmutableArray.Create(tree[0]) } }));
        b.Clear();
        t.WriteHome(b, HomeView.Create(site, new List<TreeNode> { new() { Title = "T", Url = Read.Permalinks.TopicUrl("t"), Kind = "topic", Children = ImmutableArray.Create(tree[0]) } }, "3 notes"));
        b.Clear();
        t.WriteTree(b, SidebarNode.From(tree, site));
    }
}
