using System.Text;
using Site.Emit;
using Xunit;

namespace Site.Tests.Build;

/// <summary>SectionHtml.RangesUtf8 (used for notes whose HTML comes from the cache as UTF-8) cuts the same sections as Ranges.</summary>
public sealed class SectionRangesTests
{
    [Theory]
    [InlineData("<p>intro</p><h2 id=\"a\">A</h2><p>张量</p><h3 id=\"b\">B</h3>x<h2 id=\"c\">C</h2>end")]
    [InlineData("<h2 id=\"并行\">并行</h2><h4 id=\"x&amp;y\">x</h4><h3 id=\"z\">z</h3><h2 id=\"并行\">dup</h2>")]
    [InlineData("no headings at all <h1>title</h1> <hr/> <h7 id=\"q\">")]
    [InlineData("<h2 id=\"cut")]
    [InlineData("")]
    public void Utf8_ranges_are_the_char_ranges_in_bytes(string html)
    {
        var chars = SectionHtml.Ranges(html);
        var bytes = SectionHtml.RangesUtf8(Encoding.UTF8.GetBytes(html));
        Assert.Equal(chars.Keys.Order(StringComparer.Ordinal), bytes.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, (start, length)) in chars)
        {
            var expectStart = Encoding.UTF8.GetByteCount(html.AsSpan(0, start));
            var expectLength = Encoding.UTF8.GetByteCount(html.AsSpan(start, length));
            Assert.Equal((expectStart, expectLength), bytes[id]);
        }
    }
}
