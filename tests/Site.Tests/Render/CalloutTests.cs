using Markdig;
using Site.Core;
using Site.Render.Mathematics;
using Xunit;

namespace Site.Tests.Render;

/// <summary>Obsidian callouts and GitHub alerts (src/Render/Callouts): a real vault left 643 "[!note]" markers as text.</summary>
public class CalloutTests
{
    private static string Html(string md) => MathHtml.ToHtml(Markdown.Parse(md, MarkdownSyntax.Pipeline), MarkdownSyntax.Pipeline, null);

    [Theory]
    [InlineData("> [!note] 一个结论\n> 正文一行。\n", "<aside class=\"callout callout-note\" data-callout=\"note\">\n<p class=\"callout-title\">一个结论</p>\n<p>正文一行。</p>\n</aside>")]
    [InlineData("> [!NOTE]\n> GitHub alert.\n", "<aside class=\"callout callout-note\" data-callout=\"note\">\n<p class=\"callout-title\">Note</p>\n<p>GitHub alert.</p>\n</aside>")]
    [InlineData("> [!tip]\n", "<aside class=\"callout callout-tip\" data-callout=\"tip\">\n<p class=\"callout-title\">Tip</p>\n</aside>")]
    [InlineData("> [!example]- 折叠\n> 内容\n", "<details class=\"callout callout-example\" data-callout=\"example\">\n<summary class=\"callout-title\">折叠</summary>\n<p>内容</p>\n</details>")]
    [InlineData("> [!faq]+ 展开\n> 内容\n", "<details class=\"callout callout-question\" data-callout=\"faq\" open>\n<summary class=\"callout-title\">展开</summary>\n<p>内容</p>\n</details>")]
    [InlineData("> [!definition] 术语\n> 定义\n", "<aside class=\"callout callout-note\" data-callout=\"definition\">\n<p class=\"callout-title\">术语</p>\n<p>定义</p>\n</aside>")]
    [InlineData("> [!AI_SUMMARY]-\n> 摘要\n", "<details class=\"callout callout-note\" data-callout=\"ai_summary\">\n<summary class=\"callout-title\">Ai summary</summary>\n<p>摘要</p>\n</details>")]
    [InlineData("> [!warning] **小心** `x`\n", "<aside class=\"callout callout-warning\" data-callout=\"warning\">\n<p class=\"callout-title\"><strong>小心</strong> <code>x</code></p>\n</aside>")]
    public void Callout_shapes(string md, string expected) => Assert.Equal(expected, Html(md).Trim());

    [Fact]
    public void Callout_keeps_blocks_math_and_nested_callouts()
    {
        var html = Html("> [!note] 标题 $x$\n> 第一段\n>\n> - 列表\n>\n> > [!tip] 里面\n> > 内层\n");
        Assert.Contains("<p class=\"callout-title\">标题 <span class=\"math\">", html);
        Assert.Contains("<li>列表</li>", html);
        Assert.Contains("<aside class=\"callout callout-tip\" data-callout=\"tip\">\n<p class=\"callout-title\">里面</p>\n<p>内层</p>\n</aside>", html);
        Assert.DoesNotContain("[!", html);
        Assert.DoesNotContain("<blockquote>", html);
    }

    [Theory]
    [InlineData("> 普通引用 [!note]\n")]
    [InlineData("> [!] 空类型\n")]
    [InlineData("[!note] 不在引用里\n")]
    [InlineData("> `[!note]` 代码\n")]
    public void Not_a_callout(string md)
    {
        var html = Html(md);
        Assert.DoesNotContain("callout", html);
    }
}
