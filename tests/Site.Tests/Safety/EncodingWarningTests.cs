using System.Text;
using Site.Read;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Safety;

/// <summary>Text that is not UTF-8 is never decoded silently wrong: Latin-1 is not taken for GB18030, and gets a warning with its line.</summary>
public class EncodingWarningTests
{
    static EncodingWarningTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("# Notes\n\nLes résumés de Noël\n")]         // every accented letter followed by a letter: valid GB18030 pairs
    [InlineData("# Größe\n\nDie Größe über alles, naïve café\n")]
    [InlineData("# Quotes\n\nIt\u2019s \u201Cquoted\u201D \u2013 fine\n")] // Windows-1252 curly quotes and dash
    public void Latin1_text_is_read_as_windows_1252_with_a_warning(string text)
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes(text);
        var d = TextDecoder.Decode(bytes);
        Assert.Equal("windows-1252", d.EncodingName);
        Assert.Equal(text, d.Text);
        Assert.Contains("Windows-1252", d.Problem);
        var firstBad = text.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Any(c => c > 0x7F)).i + 1;
        Assert.Equal(firstBad, d.ProblemLine);
    }

    [Fact]
    public void Chinese_gb18030_text_is_still_read_silently()
    {
        var d = TextDecoder.Decode(Encoding.GetEncoding("GB18030").GetBytes("# 标题\n\n混合精度训练用半精度计算，单精度保存主权重。\n"));
        Assert.Equal("gb18030", d.EncodingName);
        Assert.Null(d.Problem);
    }

    [Fact]
    public void The_build_warns_at_the_line_of_the_first_latin1_byte()
    {
        using var site = new TempSite();
        site.WriteBytes("latin.md", Encoding.GetEncoding(1252).GetBytes("# Notes\n\nplain line\n\nLes résumés de Noël\n"));
        var r = site.Build();
        var w = Assert.Single(r.Diagnostics, d => d.Path == "latin.md");
        Assert.Equal(5, w.Line);
        Assert.Contains("Windows-1252", w.Message);
        Assert.Contains("Les résumés de Noël", site.ReadOutput("latin/index.html"));
    }
}
