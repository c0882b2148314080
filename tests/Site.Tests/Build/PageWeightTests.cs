using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Site.Emit;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Build;

/// <summary>A site big enough to fetch its sidebar (more than <see cref="EmitSite.InlineSidebarMaxNotes"/> notes),
/// built once: 40 notes in <c>deep/sub/</c> (one with a formula), the rest in <c>bulk/</c>.</summary>
public sealed class BigSiteFixture : IDisposable
{
    public TempSite Site { get; } = new();
    public BigSiteFixture()
    {
        for (int i = 0; i < 40; i++)
            Site.Write($"deep/sub/n{i:00}.md", $"# 深层 Deep {i:00}\n\n## 第一节 One\n\ntext {i}\n\n### 小节 Inner\n\nmore\n\n## Two\n\n" + (i == 5 ? "公式 $x^2$ 在这里。\n" : "plain\n"));
        for (int i = 0; i <= EmitSite.InlineSidebarMaxNotes; i++)
            Site.Write($"bulk/b{i:000}.md", $"# Bulk {i:000}\n\n## Section\n\nFiller {i}.\n");
        var r = Site.Build();
        Assert.Equal(0, r.ExitCode);
    }
    public IDocument Page(string rel) => new HtmlParser().ParseDocument(Site.ReadOutput(rel));
    public void Dispose() => Site.Dispose();
}

public sealed class PageWeightTests(BigSiteFixture big) : IClassFixture<BigSiteFixture>
{
    [Fact]
    public void Shared_sidebar_lists_groups_and_every_note_but_no_sections()
    {
        var sidebar = new HtmlParser().ParseDocument("<body>" + big.Site.ReadOutput("sidebar.html"));
        Assert.Equal(40 + EmitSite.InlineSidebarMaxNotes + 1, sidebar.QuerySelectorAll("li.tree-note").Length);
        Assert.Empty(sidebar.QuerySelectorAll("li.tree-section"));
        Assert.Contains(sidebar.QuerySelectorAll("li.tree-group .tree-label"), l => l.TextContent == "sub");
    }

    [Fact]
    public void A_page_carries_its_branch_ancestors_open_siblings_around_it_and_its_own_sections()
    {
        var page = big.Page("deep/sub/n20/index.html");
        var nav = page.QuerySelector("nav#sidebar")!;
        Assert.EndsWith("sidebar.html", nav.GetAttribute("data-tree"));
        // Ancestors: deep › sub, open.
        var groups = nav.QuerySelectorAll("li.tree-group > details[open] > summary .tree-label").Select(l => l.TextContent).ToList();
        Assert.Equal(new[] { "deep", "sub" }, groups);
        // Siblings: the window around n20, nothing from bulk/.
        var notes = nav.QuerySelectorAll("li.tree-note > a, li.tree-note > details > summary > a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(2 * SidebarBranch.SiblingWindow + 1, notes.Count);
        Assert.Contains("/deep/sub/n14/", notes);
        Assert.Contains("/deep/sub/n26/", notes);
        Assert.DoesNotContain("/deep/sub/n13/", notes);
        Assert.DoesNotContain(notes, h => h.StartsWith("/bulk/", StringComparison.Ordinal));
        // The note itself is open with its sections (to the TOC's depth), anchors with CJK as is
        // ("第一节" is a heading number: stripped).
        var own = nav.QuerySelector("li.tree-note > details[open]")!;
        Assert.Equal("/deep/sub/n20/", own.QuerySelector("summary a")!.GetAttribute("href"));
        var sections = own.QuerySelectorAll("li.tree-section a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(new[] { "#one", "#小节-inner", "#two" }, sections); // on its own page: anchors alone
    }

    [Fact]
    public void A_note_at_the_end_of_its_folder_shows_the_siblings_before_it()
    {
        var nav = big.Page("deep/sub/n00/index.html").QuerySelector("nav#sidebar")!;
        Assert.Equal(SidebarBranch.SiblingWindow + 1, nav.QuerySelectorAll("li.tree-note").Length);
    }

    [Theory]
    [InlineData("deep/sub/n05/index.html", true)]
    [InlineData("deep/sub/n06/index.html", false)]
    [InlineData("index.html", false)]
    public void Katex_stylesheet_only_on_pages_with_math(string page, bool math) =>
        Assert.Equal(math, big.Page(page).QuerySelector("link[rel=stylesheet][href$='katex/katex.min.css']") is not null);

    [Fact]
    public void A_note_page_prints_its_description_once()
    {
        var page = big.Page("deep/sub/n06/index.html");
        var meta = Assert.Single(page.QuerySelectorAll("meta[name=description]"));
        Assert.Equal("og:description", meta.GetAttribute("property"));
        Assert.Null(page.QuerySelector("meta[name='twitter:description'], meta[name='twitter:title']"));
        Assert.NotNull(page.QuerySelector("meta[property='og:title']"));
        Assert.Equal("summary", page.QuerySelector("meta[name='twitter:card']")?.GetAttribute("content"));
    }
}
