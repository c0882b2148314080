using Markdig;
using Markdig.Renderers.Html;
using Site.Core;
using Xunit;

namespace Site.Tests.Render;

/// <summary>Only {#id} / {.class}-shaped attribute lists are attributes; other brace groups stay text (issue 14).</summary>
public class AnchorAttributesTests
{
    public static TheoryData<string, string> Spec => new()
    {
        { "## 标题 {#custom}", "<h2 id=\"custom\">标题</h2>" },
        { "## 标题 {.note}", "<h2 class=\"note\">标题</h2>" },
        { "## 标题 { #custom .note }", "<h2 id=\"custom\" class=\"note\">标题</h2>" },
        { "## 奖励 R_{t}", "<h2>奖励 R_{t}</h2>" },
        { "## 奖励 f_{t} 和 g", "<h2>奖励 f_{t} 和 g</h2>" },
        { "段落 {t} 文字", "<p>段落 {t} 文字</p>" },
        { "链接 [x](y){target=_blank}", "<p>链接 <a href=\"y\">x</a>{target=_blank}</p>" },
    };

    [Theory]
    [MemberData(nameof(Spec))]
    public void Renders(string markdown, string expected) =>
        Assert.Equal(expected, Markdown.ToHtml(markdown, MarkdownSyntax.Pipeline).Trim());

    [Fact]
    public void Math_in_a_heading_keeps_its_braces()
    {
        var doc = Markdown.Parse("## （3）重新设计 $R_{t}$", MarkdownSyntax.Pipeline);
        var math = Assert.Single(Site.Render.Mathematics.MathSource.Find(doc));
        Assert.Equal("R_{t}", math.Tex);
        Assert.Null(((Markdig.Syntax.HeadingBlock)doc[0]).TryGetAttributes()?.Properties);
    }
}
