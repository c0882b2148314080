using Site.Cli;
using Site.Core;
using Site.Read;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Build;

/// <summary>One site holding every link shape other people's notes use (docsify, VitePress, Typora, Obsidian).</summary>
public sealed class LinkShapeSite : IDisposable
{
    public TempSite Site { get; } = new();
    public BuildResult Result { get; }
    public string Html { get; }

    public LinkShapeSite()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47 };
        Site.Write("卷一/1.总论/1.总论.md", "# 总论\n\n## 1.2 切分方法\n\n正文。\n")
            .Write("卷一/1.总论/2.细节.md", "# 细节\n\n正文。\n")
            .Write("notes/a b.md", "# 空格文件\n\n## Setup Steps\n\n正文。\n")
            .Write("notes/README.md", "# 笔记目录\n\n正文。\n")
            .Write("ref/index.md", "# 参考\n\n正文。\n")
            .Write("hugo/_index.md", "# 章节\n\n正文。\n")
            .Write("ch/x.md", "# 第十章\n\n## 细节\n\n正文。\n")
            .Write("nopage/b.md", "# 乙\n\n正文。\n")
            .Write("nopage/a.md", "# 甲\n\n正文。\n")
            .Write("dup/same.md", "# 同名一\n\n正文。\n")
            .Write("deep/er/same.md", "# 同名二\n\n正文。\n")
            .WriteBytes("pics/p.png", png)
            .WriteBytes("public/img/q.png", png)
            .WriteBytes("one/pic.png", png)
            .WriteBytes("two/x/pic.png", png)
            .WriteBytes("files/paper.pdf", png)
            .Write("from/src.md", string.Join("\n\n", new[]
            {
                "# 来源", "## 2.1 本节标题", "正文。",
                /* 4 */ "[r](/卷一/1.总论/1.总论.md)",
                /* 5 */ "[r](/%E5%8D%B7%E4%B8%80/1.%E6%80%BB%E8%AE%BA/1.%E6%80%BB%E8%AE%BA.md)",
                /* 6 */ "[r](../卷一/1.总论/1.总论.md#12-切分方法)",
                /* 7 */ "[r](<../卷一/1.总论/1.总论.md#1.2 切分方法>)",
                /* 8 */ "[r](<../notes/a b.md>)",
                /* 9 */ "[r](../notes/a%20b.md#setup-steps)",
                /* 10 */ "[r](../notes/)",
                /* 11 */ "[r](../notes)",
                /* 12 */ "[r](../ref/)",
                /* 13 */ "[r](../hugo)",
                /* 14 */ "[r](ch/x)",
                /* 15 */ "[r](../ch/x.md?id=细节)",
                /* 16 */ "[r](#21-本节标题)",
                /* 17 */ "[r](../nopage/)",
                /* 18 */ "<a href=\"../ch/x.md\">r</a>",
                /* 19 */ "<img src=\"../pics/p.png\" width=\"50\">",
                /* 20 */ "![r](/img/q.png)",
                /* 21 */ "[[x]]",
                /* 22 */ "[[x|第十章文字]]",
                /* 23 */ "[[1.总论#12-切分方法|总论一节]]",
                /* 24 */ "[[#本节标题]]",
                /* 25 */ "![[p.png]]",
                /* 26 */ "[[same]]",
                /* 27 */ "![[pic.png]]",
                /* 28 */ "[[不存在的笔记]]",
                /* 29 */ "[gone](/nowhere/x.md)",
                /* 30 */ "[tags](/tags/foo/)",
                /* 31 */ "![[不存在.png]]",
                /* 32 */ "[r](../卷一/1.总论/2.细节.md#不存在的标题)",
                /* 33 */ "[r](/卷一/1.总论/)",
                /* 34 */ "[[paper.pdf|论文]]",
            }) + "\n");
        Result = Site.Build();
        Html = Site.ReadOutput("from/src/index.html");
    }

    public IEnumerable<string> Lines => Result.Diagnostics.Select(d => d.ToString());

    public void Dispose() => Site.Dispose();
}

public class LinkShapeTests(LinkShapeSite fixture) : IClassFixture<LinkShapeSite>
{
    private static string H(string siteRelative, string? anchor = null) =>
        "/" + Permalinks.Encode(siteRelative) + (anchor is null ? "" : "#" + Uri.EscapeDataString(anchor));

    /// <summary>Each row: the Markdown written, the href (or src) it must become.</summary>
    public static TheoryData<string, string, string> Shapes => new()
    {
        { "docsify root-absolute .md, folder note", "/卷一/1.总论/1.总论.md", H("卷一/1.总论/") },
        { "percent-encoded root-absolute", "/%E5%8D%B7%E4%B8%80/1.%E6%80%BB%E8%AE%BA/1.%E6%80%BB%E8%AE%BA.md", H("卷一/1.总论/") },
        { "GitHub slug of the source heading", "../卷一/1.总论/1.总论.md#12-切分方法", H("卷一/1.总论/", "切分方法") },
        { "raw source heading text", "<../卷一/1.总论/1.总论.md#1.2 切分方法>", H("卷一/1.总论/", "切分方法") },
        { "space in <…>", "<../notes/a b.md>", H("notes/a-b/") },
        { "%20 and a GitHub anchor", "../notes/a%20b.md#setup-steps", H("notes/a-b/", "setup-steps") },
        { "folder with README.md, trailing slash", "../notes/", H("notes/") },
        { "folder with README.md, no slash", "../notes", H("notes/") },
        { "folder with index.md", "../ref/", H("ref/") },
        { "folder with _index.md", "../hugo", H("hugo/") },
        { "docsify extensionless, from the root", "ch/x", H("ch/x/") },
        { "docsify ?id= anchor", "../ch/x.md?id=细节", H("ch/x/", "细节") },
        { "same-note GitHub anchor", "#21-本节标题", "#" + Uri.EscapeDataString("本节标题") },
        { "folder without a page: its first note", "../nopage/", H("nopage/a/") },
        { "raw HTML <a href>", "<a href=\"../ch/x.md\"", "<a href=\"" + H("ch/x/") + "\"" },
        { "raw HTML <img src>", "<img src=\"../pics/p.png\"", "<img src=\"" + H("pics/p.png") + "\"" },
        { "VitePress public/ image", "/img/q.png", H("public/img/q.png") },
        { "root-absolute folder link", "/卷一/1.总论/", H("卷一/1.总论/") },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Link_shape_resolves_to_the_page(string shape, string written, string expected)
    {
        Assert.True(fixture.Html.Contains(expected.StartsWith('<') ? expected : "\"" + expected + "\""), $"{shape}: {written} should become {expected}");
    }

    public static TheoryData<string, string> WikiLinks => new()
    {
        { "[[x]]", "<a href=\"" + H("ch/x/") + "\">x</a>" },
        { "[[x|text]]", "<a href=\"" + H("ch/x/") + "\">第十章文字</a>" },
        { "[[note#heading|text]]", "<a href=\"" + H("卷一/1.总论/", "切分方法") + "\">总论一节</a>" },
        { "[[#heading]]", "<a href=\"#" + Uri.EscapeDataString("本节标题") + "\">本节标题</a>" },
        { "![[image.png]]", "<img src=\"" + H("pics/p.png") + "\" alt=\"p\" />" },
        { "ambiguous name: shortest path", "<a href=\"" + H("dup/same/") + "\">same</a>" },
        { "ambiguous image: shortest path", "<img src=\"" + H("one/pic.png") + "\"" },
        { "[[file.pdf|text]]: a file of the input", "<a href=\"" + H("files/paper.pdf") + "\">论文</a>" },
        { "missing note: text, no link", "<span class=\"wikilink-missing\">不存在的笔记</span>" },
    };

    [Theory]
    [MemberData(nameof(WikiLinks))]
    public void Wikilink_form_renders(string form, string expected) =>
        Assert.True(fixture.Html.Contains(expected), $"{form} should render {expected}");

    public static TheoryData<string> Warnings => new()
    {
        "from/src.md:51: warning: [[same]]: 2 notes are named same; linking dup/same.md",
        "from/src.md:53: warning: ![[pic.png]]: 2 files are named pic.png; using one/pic.png",
        "from/src.md:55: warning: broken link: [[不存在的笔记]]",
        "from/src.md:57: warning: broken link: /nowhere/x.md",
        "from/src.md:61: warning: missing image: ![[不存在.png]]",
        "from/src.md:63: warning: broken anchor: #不存在的标题 is not a heading of 卷一/1.总论/2.细节.md",
    };

    [Theory]
    [MemberData(nameof(Warnings))]
    public void Truly_missing_targets_are_warnings_with_their_line(string expected) =>
        Assert.Contains(fixture.Lines, l => l.StartsWith(expected, StringComparison.Ordinal));

    [Fact]
    public void Nothing_else_is_reported_and_site_paths_are_left_alone()
    {
        Assert.Equal(Warnings.Count, fixture.Lines.Count());
        Assert.Contains("href=\"/tags/foo/\"", fixture.Html);
    }

    [Fact]
    public void Raw_html_block_keeps_its_lines_and_reports_the_line_of_a_missing_image()
    {
        using var site = new TempSite();
        site.Write("a/n.md", "# T\n\n<p align=\"center\">\n  <img src=\"../pics/p.png\" width=\"50\">\n  <img src=\"gone.png\">\n</p>\n")
            .WriteBytes("pics/p.png", new byte[] { 1 });
        var r = site.Build();
        Assert.Contains("<p align=\"center\">\n  <img src=\"/pics/p.png\" width=\"50\">\n  <img src=\"gone.png\">\n</p>", site.ReadOutput("a/n/index.html"));
        Assert.Equal("a/n.md:5: warning: missing image: gone.png (no file a/gone.png in the input folder)", Assert.Single(r.Diagnostics).ToString());
    }

    [Fact]
    public void Linked_images_are_copied()
    {
        Assert.True(fixture.Site.OutputExists("pics/p.png"));
        Assert.True(fixture.Site.OutputExists("public/img/q.png"));
        Assert.True(fixture.Site.OutputExists("one/pic.png"));
        Assert.True(fixture.Site.OutputExists("files/paper.pdf"));
    }
}
