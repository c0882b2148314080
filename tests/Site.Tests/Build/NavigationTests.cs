using AngleSharp.Html.Parser;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Build;

/// <summary>docsify _sidebar.md, GitBook/mdBook SUMMARY.md and folder pages in the sidebar.</summary>
public class NavigationTests
{
    /// <summary>The sidebar's entries in order: (li class, link text, href or null), sections left out.</summary>
    private static List<(string Kind, string Text, string? Href)> Sidebar(TempSite site, string page)
    {
        var doc = new HtmlParser().ParseDocument(site.ReadOutput(page));
        return doc.QuerySelectorAll("#sidebar li")
            .Where(li => li.ClassName is "tree-note" or "tree-group")
            .Select(li =>
            {
                var label = li.Children.FirstOrDefault(c => c.LocalName == "details")?.QuerySelector("summary")?.FirstElementChild ?? li.FirstElementChild!;
                return (li.ClassName!, label.TextContent.Trim(), label.GetAttribute("href"));
            })
            .Where(e => e.Item1 != "tree-group" || e.Item2 != "主题 Topics")
            .ToList();
    }

    [Theory]
    [InlineData("_sidebar.md", "- 目录\n- [Bee 标签](b)\n- [Ay 标签](a.md)\n- 分组\n  - [一号](g/one.md)\n  - [Bee again](b.md)\n")]
    [InlineData("SUMMARY.md", "# Summary\n\n* [Bee 标签](b.md)\n* [Ay 标签](./a.md)\n* 分组\n    * [一号](g/one.md)\n    * [Bee again](b.md)\n")]
    public void Root_navigation_file_gives_order_and_labels_and_unlisted_notes_follow(string file, string nav)
    {
        using var site = new TempSite();
        site.Write(file, nav)
            .Write("_navbar.md", "- [Home](/)\n")
            .Write("_coverpage.md", "# Cover\n")
            .Write("a.md", "# A title\n\ntext\n")
            .Write("b.md", "# B title\n\ntext\n")
            .Write("c.md", "# C title\n\ntext\n")
            .Write("g/one.md", "# One title\n\ntext\n");
        var r = site.Build();
        Assert.Empty(r.Diagnostics);
        var entries = Sidebar(site, "c/index.html");
        Assert.Equal(new[] { "Bee 标签", "Ay 标签", "分组", "一号", "C title" }, entries.Select(e => e.Text));
        Assert.Equal(new[] { "/b/", "/a/", null, "/g/one/", "/c/" }, entries.Select(e => e.Href));
        foreach (var notNote in new[] { "_sidebar", "summary", "_navbar", "_coverpage" })
            Assert.False(site.OutputExists(notNote + "/index.html"), notNote + " must not be a note");
        Assert.Equal(4, r.Notes); // a, b, c, g/one: navigation files are not notes
    }

    [Fact]
    public void A_navigation_link_to_no_note_is_a_warning_with_its_line()
    {
        using var site = new TempSite();
        site.Write("_sidebar.md", "- [Ay](a.md)\n- [Gone](gone.md)\n- [Site](https://example.com/)\n- [Paper](paper.pdf)\n")
            .Write("sub/_sidebar.md", "- [Lost](lost)\n")
            .Write("a.md", "# A\n\ntext\n");
        var r = site.Build();
        Assert.Equal(new[] { "_sidebar.md:2: warning: sidebar link gone.md finds no note in the input folder", "sub/_sidebar.md:1: warning: sidebar link lost finds no note in the input folder" },
            r.Diagnostics.Select(d => d.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_folder_sidebar_orders_that_folder()
    {
        using var site = new TempSite();
        site.Write("sub/_sidebar.md", "- [Zed first](z.md)\n- [Why second](y.md)\n")
            .Write("sub/x.md", "# X\n\ntext\n")
            .Write("sub/y.md", "# Y\n\ntext\n")
            .Write("sub/z.md", "# Z\n\ntext\n");
        site.Build();
        Assert.Equal(new[] { "sub", "Zed first", "Why second", "X" }, Sidebar(site, "sub/x/index.html").Select(e => e.Text));
    }

    [Theory]
    [InlineData("guide/README.md")]
    [InlineData("guide/index.md")]
    [InlineData("guide/_index.md")]
    [InlineData("guide/guide.md")]
    public void A_folder_page_is_the_folder_link_and_listed_once(string page)
    {
        using var site = new TempSite();
        site.Write(page, "# Guide page\n\n## Part\n\ntext\n")
            .Write("guide/step.md", "# Step\n\ntext\n")
            .Write("other.md", "# Other\n\n[to guide](guide/)\n");
        var r = site.Build();
        Assert.Empty(r.Diagnostics);
        Assert.True(site.OutputExists("guide/index.html"), "the folder page is published at the folder's URL");
        var entries = Sidebar(site, "other/index.html");
        Assert.Contains(("tree-group", "guide", "/guide/"), entries);
        Assert.Single(entries, e => e.Href == "/guide/");
        Assert.Equal(entries.Count, entries.Where(e => e.Href is not null).Select(e => e.Href).Distinct().Count());
        Assert.Contains("href=\"/guide/\"", site.ReadOutput("other/index.html"));
    }

    [Fact]
    public void A_folder_holding_only_its_page_is_that_page()
    {
        using var site = new TempSite();
        site.Write("1.概述/1.概述.md", "# 概述\n\ntext\n").Write("z.md", "# Z\n\ntext\n");
        site.Build();
        var entries = Sidebar(site, "z/index.html");
        Assert.Equal(new (string, string, string?)[] { ("tree-note", "概述", "/" + Uri.EscapeDataString("1.概述") + "/"), ("tree-note", "Z", "/z/") }, entries);
    }

    [Fact]
    public void Two_folder_pages_in_one_folder_readme_wins_and_the_other_keeps_its_own_url()
    {
        using var site = new TempSite();
        site.Write("d/README.md", "# Readme\n\ntext\n").Write("d/index.md", "# Index\n\ntext\n");
        var r = site.Build();
        Assert.Empty(r.Diagnostics);
        Assert.Contains("Readme", site.ReadOutput("d/index.html"));
        Assert.True(site.OutputExists("d/index/index.html"));
    }

    [Fact]
    public void A_note_named_like_a_folder_keeps_its_url_and_the_folder_page_falls_back()
    {
        using var site = new TempSite();
        site.Write("x.md", "# X note\n\ntext\n").Write("x/README.md", "# X readme\n\ntext\n");
        var r = site.Build();
        Assert.Empty(r.Diagnostics);
        Assert.Contains("X note", site.ReadOutput("x/index.html"));
        Assert.Contains("X readme", site.ReadOutput("x/readme/index.html"));
    }
}
