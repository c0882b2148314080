using Markdig;
using Markdig.Syntax;
using Site.Core;
using Site.Render.LiquidTags;
using Site.Render.Mathematics;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Render;

/// <summary>Hexo / Jekyll tags on their own lines (src/Render/LiquidTags): a real Hexo blog showed 165 raw {% note %} pairs and 57 {% codeblock %}.</summary>
public class LiquidTagTests
{
    private static string Html(string md) => MathHtml.ToHtml(Markdown.Parse(md, MarkdownSyntax.Pipeline), MarkdownSyntax.Pipeline, null);

    private static List<(int Line, string Message)> Warnings(string md)
    {
        var list = new List<(int, string)>();
        LiquidTagReport.Report(Markdown.Parse(md, MarkdownSyntax.Pipeline), (l, m) => list.Add((l, m)));
        return list;
    }

    [Theory]
    [InlineData("{% note info no-icon %}\n提示 **粗体**\n{% endnote %}\n", "<aside class=\"callout callout-note\" data-callout=\"note\">\n<p>提示 <strong>粗体</strong></p>\n</aside>")]
    [InlineData("{% note warning %}\n小心\n\n- 一\n{% endnote %}\n", "<aside class=\"callout callout-warning\" data-callout=\"note\">\n<p>小心</p>\n<ul>\n<li>一</li>\n</ul>\n</aside>")]
    [InlineData("{% blockquote 作者 %}\n引言\n{% endblockquote %}\n", "<blockquote>\n<p>引言</p>\n</blockquote>")]
    [InlineData("{% cq %}\n居中\n{% endcq %}\n", "<blockquote>\n<p>居中</p>\n</blockquote>")]
    [InlineData("{% raw %}\n{{ x }} 原样\n{% endraw %}\n", "<p>{{ x }} 原样</p>")]
    [InlineData("段落一行\n{% note %}\n内容\n{% endnote %}\n", "<p>段落一行</p>\n<aside class=\"callout callout-note\" data-callout=\"note\">\n<p>内容</p>\n</aside>")]
    public void Tag_shapes(string md, string expected) => Assert.Equal(expected, Html(md).Trim());

    [Theory]
    [InlineData("{% codeblock lang:python Python %}\nprint('$5')\n{% endcodeblock %}\n", "python")]
    [InlineData("{% codeblock %}\nx = 1\n{% endcodeblock %}\n", "")]
    [InlineData("{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}\n", "ruby")]
    public void Code_tags_become_code_blocks(string md, string lang)
    {
        var doc = Markdown.Parse(md, MarkdownSyntax.Pipeline);
        var code = Assert.Single(doc.Descendants<Markdig.Syntax.FencedCodeBlock>());
        Assert.Equal(lang, code.Info);
        Assert.Single(code.Lines.Lines.Take(code.Lines.Count));
        Assert.DoesNotContain("{%", Html(md));
    }

    [Fact]
    public void Unknown_tags_are_left_out_with_their_line()
    {
        const string md = "# 标题\n\n{% gist 0a1b2c3d %}\n\n{% tabs 选项 %}\n内容保留\n{% endtabs %}\n\n{% endnote %}\n";
        var html = Html(md);
        Assert.DoesNotContain("{%", html);
        Assert.Contains("<p>内容保留</p>", html);
        Assert.Equal(new[] { 2, 4, 8 }, Warnings(md).Select(w => w.Line));
        Assert.Contains("{% gist 0a1b2c3d %}", Warnings(md)[0].Message);
    }

    [Theory]
    [InlineData("正文 {% asset_img a.png %} 中间\n")] // inside a line: not a tag line
    [InlineData("```\n{% note %}\n```\n")]
    [InlineData("    {% note %}\n")]
    public void Not_a_tag_line(string md)
    {
        Assert.Empty(Warnings(md));
        Assert.DoesNotContain("callout", Html(md));
    }

    [Fact]
    public void A_post_with_tags_builds_and_warns_with_file_and_line()
    {
        using var site = new TempSite();
        site.Write("_posts/p.md", "---\ntitle: 标签\n---\n\n{% note success %}\n成功 $x$\n{% endnote %}\n\n{% youtube xyz %}\n");
        var r = site.Build();
        Assert.Equal(0, r.ExitCode);
        var html = site.ReadOutput("posts/p/index.html");
        Assert.Contains("callout-success", html);
        Assert.DoesNotContain("{%", html);
        var w = Assert.Single(r.Diagnostics, d => d.Message.Contains("youtube xyz"));
        Assert.Equal(("_posts/p.md", 9), (w.Path, w.Line));
        Assert.Equal(1, site.Build(strict: true).ExitCode);
    }
}
