using System.Text;
using Site.Render;
using Xunit;

namespace Site.Tests.Render;

/// <summary>RenderHtml's table wrapper: one pass, the same UTF-8 as the two string replacements it stands for.</summary>
public class RenderHtmlTests
{
    private static string Reference(string html) => html
        .Replace("<table>", "<div class=\"table-wrap\"><table>")
        .Replace("</table>", "</table></div>");

    [Theory]
    [InlineData("")]
    [InlineData("<p>no tables</p>")]
    [InlineData("<table><tr><td>1</td></tr></table>")]
    [InlineData("<p>a</p><table>x</table><p>b</p><table>y</table>")]
    [InlineData("<table><tr><td><table>nested</table></td></tr></table>")]
    [InlineData("</table> stray close first <table>")]
    [InlineData("<table class=\"x\">attributes are not wrapped</table>")]
    [InlineData("<code>&lt;table&gt;</code> escaped is not a table")]
    [InlineData("<table></table><table></table>")]
    [InlineData("中文<table>表格</table>末尾")]
    public void Wraps_tables_exactly_as_the_replacements_do(string html) =>
        Assert.Equal(Encoding.UTF8.GetBytes(Reference(html)), RenderHtml.WrapTables(html.AsSpan()));
}
