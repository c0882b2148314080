using AngleSharp.Html.Parser;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Build;

/// <summary>Every note page has a meta description (Lighthouse SEO), also when its first section is a bare heading.</summary>
public class NoteDescriptionTests
{
    [Theory]
    [InlineData("a.md", "# 标题\n\n## 总览\n\n### 细节\n\n第一段真正的文字。\n", "第一段真正的文字")]
    [InlineData("a.md", "# 标题\n\n## 总览\n\n概述的文字。\n\n## 细节\n\n后面的文字。\n", "概述的文字")]
    public void A_note_page_describes_itself_with_its_first_text(string file, string text, string expected)
    {
        using var site = new TempSite();
        site.Write(file, text);
        site.Build();
        var doc = new HtmlParser().ParseDocument(site.ReadOutput("a/index.html"));
        var desc = doc.QuerySelector("meta[name=description]")?.GetAttribute("content");
        Assert.NotNull(desc);
        Assert.Contains(expected, desc);
    }
}
