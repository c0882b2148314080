using Markdig;
using Site.Core;
using Site.Render.Mathematics;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Render;

/// <summary>Obsidian block ids (src/Render/BlockIds): a real vault had 47 "broken anchor" warnings for [[note#^id]] and showed every "^id" as text.</summary>
public class BlockIdTests
{
    private static string Html(string md) => MathHtml.ToHtml(Markdown.Parse(md, MarkdownSyntax.Pipeline), MarkdownSyntax.Pipeline, null);

    [Theory]
    [InlineData("结论成立。 ^c0ncl1\n", "<p id=\"^c0ncl1\">结论成立。</p>")]
    [InlineData("第一行\n第二行 ^abc-1\n", "<p id=\"^abc-1\">第一行\n第二行</p>")]
    [InlineData("文字\n^x1\n", "<p id=\"^x1\">文字</p>")]
    [InlineData("- 甲 ^item1\n- 乙\n", "<ul>\n<li id=\"^item1\">甲</li>\n<li>乙</li>\n</ul>")]
    [InlineData("- 甲\n- 乙\n\n^list1\n", "<ul id=\"^list1\">\n<li>甲</li>\n<li>乙</li>\n</ul>")]
    [InlineData("> 引用 ^q1\n", "<blockquote>\n<p id=\"^q1\">引用</p>\n</blockquote>")]
    // Table rows followed at once by "^id" stay a table (they were shown as text); its id is an anchor before it,
    // so the table keeps its plain <table> tag (wrapped to scroll on phones).
    [InlineData("| a | b |\n| - | - |\n| 1 | 2 |\n^t1\n", "<a id=\"^t1\" class=\"block-id\"></a>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>")]
    public void Block_id_shapes(string md, string expected) => Assert.Equal(expected, Html(md).Trim());

    [Theory]
    [InlineData("x^2 不是\n")]
    [InlineData("`code ^abc`\n")]
    [InlineData("```\nline ^abc\n```\n")]
    [InlineData("2^10 = 1024\n")]
    public void Not_a_block_id(string md) => Assert.DoesNotContain("id=\"^", Html(md));

    [Fact]
    public void Wikilink_to_a_block_id_resolves_and_a_missing_one_warns()
    {
        using var site = new TempSite();
        site.Write("距离.md", "# 距离\n\n## 度量\n\n> $$d(a,b)=\\sqrt{(a-b)^2}$$ ^k3pq9z\n\n记为$$d(a,a)=0$$^m7tt2a\n")
            .Write("应用.md", "# 应用\n\n按[[距离#^k3pq9z|这个公式]]计算，[[距离#^m7tt2a|性质]]，[[#^own]]，[[距离#^nope]]。\n\n自己的段落 ^own\n");
        var r = site.Build();
        var page = site.ReadOutput("应用/index.html");
        Assert.Contains("href=\"/" + Uri.EscapeDataString("距离") + "/#%5Ek3pq9z\"", page);
        Assert.Contains("href=\"#%5Eown\"", page);
        Assert.Contains("id=\"^own\"", page);
        Assert.DoesNotContain("^own</p>", page);
        Assert.Contains("id=\"^k3pq9z\"", site.ReadOutput("距离/index.html"));
        Assert.Contains("<p id=\"^m7tt2a\">", site.ReadOutput("距离/index.html"));
        var w = Assert.Single(r.Diagnostics, d => d.Message.Contains("broken anchor"));
        Assert.Equal(("应用.md", 3), (w.Path, w.Line));
        Assert.Contains("#^nope", w.Message);
    }
}
