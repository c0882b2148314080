using Site.Render;
using Xunit;

namespace Site.Tests.Render;

public class RawHtmlLinksTests
{
    [Theory]
    [InlineData("<img src=\"a.png\">", "<img src=\"[I:a.png]\">")]
    [InlineData("<img width=550 src='a b.png'/>", "<img width=550 src=\"[I:a b.png]\"/>")]
    [InlineData("<IMG SRC=a.png>", "<IMG SRC=\"[I:a.png]\">")]
    [InlineData("<a href=\"x.md\">x</a> <a title=\"t\" href=\"y.md#h\">y</a>", "<a href=\"[L:x.md]\">x</a> <a title=\"t\" href=\"[L:y.md#h]\">y</a>")]
    [InlineData("<p align=\"center\">\n<img src=\"../img/p.png\" />", "<p align=\"center\">\n<img src=\"[I:../img/p.png]\" />")]
    [InlineData("<a href=\"a&amp;b.md\">", "<a href=\"[L:a&amp;b.md]\">")]
    [InlineData("<div src=\"a.png\"> <abbr href=\"x\">", "<div src=\"a.png\"> <abbr href=\"x\">")]
    [InlineData("<img alt=\"src=x\" src=\"a.png\">", "<img alt=\"src=x\" src=\"[I:a.png]\">")]
    [InlineData("<img src=\"unterminated", "<img src=\"unterminated")]
    public void Rewrites_only_link_attributes(string html, string expected) =>
        Assert.Equal(expected, RawHtmlLinks.Rewrite(html, (img, v, _) => $"[{(img ? "I" : "L")}:{v}]"));

    [Fact]
    public void Unchanged_html_is_returned_as_is()
    {
        var html = "<div><img src=\"a.png\"></div>";
        Assert.Same(html, RawHtmlLinks.Rewrite(html, (_, _, _) => null));
    }
}
