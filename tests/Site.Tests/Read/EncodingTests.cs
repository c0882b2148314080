using System.Text;
using Site.Read;
using Xunit;

namespace Site.Tests.Read;

public class EncodingTests
{
    private const string Sample = "---\ntitle: 张量并行\n---\n## 张量并行\r\n切分权重矩阵。\r\n";

    static EncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void Utf8_without_bom()
    {
        var d = TextDecoder.Decode(new UTF8Encoding(false).GetBytes(Sample));
        Assert.Equal("utf-8", d.EncodingName);
        Assert.Null(d.Problem);
        Assert.Contains("## 张量并行\n切分", d.Text);
        Assert.DoesNotContain('\r', d.Text);
    }

    [Fact]
    public void Utf8_with_bom()
    {
        var d = TextDecoder.Decode(new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(Sample)).ToArray());
        Assert.Equal("utf-8-bom", d.EncodingName);
        Assert.StartsWith("---\ntitle: 张量并行", d.Text);
    }

    [Fact]
    public void Utf16_le_and_be_with_bom()
    {
        var le = TextDecoder.Decode(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Sample)).ToArray());
        var be = TextDecoder.Decode(Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(Sample)).ToArray());
        Assert.Contains("切分权重矩阵。", le.Text);
        Assert.Contains("切分权重矩阵。", be.Text);
        Assert.False(le.IsBinary);
    }

    [Fact]
    public void Gb18030_chinese_text_is_detected()
    {
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(Sample + "混合精度训练用半精度计算，单精度保存主权重。\n");
        var d = TextDecoder.Decode(bytes);
        Assert.Equal("gb18030", d.EncodingName);
        Assert.Null(d.Problem);
        Assert.Contains("混合精度训练", d.Text);
    }

    [Fact]
    public void Invalid_utf8_that_is_not_chinese_is_decoded_lossily_with_a_problem()
    {
        var d = TextDecoder.Decode(new byte[] { (byte)'a', 0xC3, 0x28, (byte)'b', (byte)'\n', 0xFF, 0xFE, 0xFD });
        Assert.NotNull(d.Problem);
        Assert.Contains("invalid UTF-8", d.Problem);
        Assert.Contains('\uFFFD', d.Text);
    }

    [Fact]
    public void Nul_bytes_mean_binary()
    {
        var d = TextDecoder.Decode(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0, 0, 0, 13 });
        Assert.True(d.IsBinary);
    }
}
