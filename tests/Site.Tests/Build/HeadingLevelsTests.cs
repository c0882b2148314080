using System.Text;
using AngleSharp.Html.Parser;
using Site.Core;
using Site.Emit;
using Site.Render;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Build;

/// <summary>Every page: the title is its only h1, top sections are h2, no level is skipped (Lighthouse heading-order).</summary>
public class HeadingLevelsTests
{
    /// <summary>The problems of one page's heading sequence ("" when it is fine).</summary>
    private static string Problems(string html)
    {
        var doc = new HtmlParser().ParseDocument(html);
        var levels = doc.QuerySelectorAll("h1, h2, h3, h4, h5, h6").Select(h => h.TagName[1] - '0').ToList();
        var sb = new StringBuilder();
        if (levels.Count(l => l == 1) != 1) sb.Append($"{levels.Count(l => l == 1)} h1; ");
        if (levels.Count > 0 && levels[0] != 1) sb.Append($"starts at h{levels[0]}; ");
        for (int i = 1; i < levels.Count; i++)
            if (levels[i] > levels[i - 1] + 1) { sb.Append($"h{levels[i - 1]} → h{levels[i]}; "); break; }
        return sb.Length == 0 ? "" : sb + "[" + string.Join(",", levels) + "]";
    }

    private static void AssertEveryPage(string output, int minPages)
    {
        var pages = Directory.EnumerateFiles(output, "*.html", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "sidebar.html").ToList(); // sidebar.html is a fragment pages fetch, not a page
        Assert.True(pages.Count >= minPages, $"only {pages.Count} pages");
        var bad = pages.Select(p => (Page: Path.GetRelativePath(output, p), Why: Problems(File.ReadAllText(p)))).Where(x => x.Why.Length > 0).ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad.Select(b => $"{b.Page}: {b.Why}")));
    }

    [Fact]
    public void Sample_site_pages_have_one_h1_and_no_skipped_level()
    {
        using var site = new TempSite();
        var r = site.Build(site.Options() with { InputDir = Path.Combine(TempSite.RepoRoot, "input") });
        Assert.Equal(0, r.ExitCode);
        AssertEveryPage(site.Output, 40);
    }

    [Fact]
    public void Deep_outlines_raw_html_headings_and_skipping_authors_still_give_sequential_pages()
    {
        using var site = new TempSite();
        site.Write("深/deep.md", "# 深层\n\n## A\n\n### B\n\n#### C\n\n##### D\n\n###### E\n\n####### not a heading\n\n## F\n")
            .Write("skip.md", "# 跳级\n\n### 直接三级\n\n###### 直接六级\n\n## 二级\n")
            .Write("readme.md", "<div align=\"center\">\n  <h1>项目 Banner</h1>\n  <h3>副标题</h3>\n</div>\n\n## 介绍\n\n<h4>内嵌</h4>\n\n### 细节\n")
            .Write("plain.txt", "一、背景\n这是背景。\n二、方法\n1. 第一步\n内容。\n2. 第二步\n内容。\n");
        Assert.Equal(0, site.Build().ExitCode);
        AssertEveryPage(site.Output, 10);
    }

    [Fact]
    public void Note_page_top_sections_are_h2()
    {
        using var site = new TempSite();
        site.Write("a.md", "# 标题\n\n## 一\n\n### 细节\n\n## 二\n");
        site.Build();
        var doc = new HtmlParser().ParseDocument(site.ReadOutput("a/index.html"));
        Assert.Equal(new[] { "H1", "H2", "H3", "H2" }, doc.QuerySelectorAll("h1,h2,h3,h4,h5,h6").Select(h => h.TagName).ToArray());
        Assert.Equal("标题", doc.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public void Share_page_h1_is_the_section_and_no_level_is_skipped()
    {
        using var site = new TempSite();
        site.Write("a.md", "# 标题\n\n## 一\n\n### 深\n\n#### 更深\n\n### 深二\n\n## 二\n");
        site.Build();
        var shares = Directory.GetFiles(Path.Combine(site.Output, "s"), "*.html").Select(h => new HtmlParser().ParseDocument(File.ReadAllText(h))).ToList();
        Assert.NotEmpty(shares);
        foreach (var d in shares)
            Assert.Equal("H1", Assert.Single(d.QuerySelectorAll("h1,h2,h3,h4,h5,h6")).TagName); // a small page: the section's title only
        Assert.Contains(shares, d => d.QuerySelector("h1")!.TextContent.Trim() == "更深");
    }

    [Theory]
    [InlineData("<div align=\"center\"><h1>Banner</h1></div>", "<div align=\"center\"><div class=\"raw-heading raw-h1\">Banner</div></div>")]
    [InlineData("<H3 class=\"x\">y</H3>", "<div class=\"raw-heading raw-h3\" class=\"x\">y</div>")]
    [InlineData("<header><hr></header>", "<header><hr></header>")]
    public void Raw_html_headings_leave_the_outline(string raw, string expected) =>
        Assert.Equal(expected, RawHtmlHeadings.Rewrite(raw));
}
