using Markdig;
using Site.Core;
using Site.Normalize;
using Site.Render.Mathematics;
using Site.Render.Toc;
using Xunit;

namespace Site.Tests.Render;

/// <summary>[toc], [TOC], [[toc]], [[TOC]] alone on a line become the note's table of contents (issue 14).</summary>
public class TocMarkerTests
{
    private static string Html(string md)
    {
        var doc = Markdown.Parse(md, MarkdownSyntax.Pipeline);
        HeadingNormalizer.Normalize(doc, "k.md", null); // gives the headings their ids, as the normalize stage does
        return MathHtml.ToHtml(doc, MarkdownSyntax.Pipeline, null);
    }

    private const string Body = "\n\n## 概述\n\n### 细节\n\n### 更多\n\n## 总结\n";

    private const string Expected = "<nav class=\"toc-inline\" aria-label=\"目录 Contents\"><ul><li><a href=\"#概述\">概述</a><ul><li><a href=\"#细节\">细节</a></li>"
        + "<li><a href=\"#更多\">更多</a></li></ul></li><li><a href=\"#总结\">总结</a></li></ul></nav>";

    [Theory]
    [InlineData("[toc]")]
    [InlineData("[TOC]")]
    [InlineData("[[toc]]")]
    [InlineData("[[TOC]]")]
    [InlineData("  [Toc]  ")]
    public void Marker_becomes_a_table_of_contents(string marker)
    {
        var html = Html(marker + Body);
        Assert.Contains(Expected, html);
        Assert.DoesNotContain("[toc]", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("see [toc] here")]
    [InlineData("`[toc]`")]
    [InlineData("    [toc]")]
    [InlineData("```\n[toc]\n```")]
    public void Marker_inside_text_or_code_stays(string md)
    {
        var html = Html(md + Body);
        Assert.DoesNotContain("toc-inline", html);
        Assert.Contains("[toc]", html);
    }

    [Fact]
    public void Marker_may_interrupt_a_paragraph_and_renders_math_in_titles()
    {
        var html = Html("第一段\n[toc]\n\n## 损失 $L$\n");
        Assert.Contains("<p>第一段</p>", html);
        Assert.Contains("<nav class=\"toc-inline\"", html);
        Assert.Contains("<span class=\"math-fallback\">\\(L\\)</span></span></a>", html);
    }

    [Fact]
    public void Note_without_headings_renders_nothing()
    {
        Assert.Equal("", Html("[toc]").Trim());
        Assert.True(TocBlockParser.IsMarker("[[TOC]] ", 0, 7));
    }
}
