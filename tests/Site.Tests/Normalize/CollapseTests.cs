using System.Text.RegularExpressions;
using Site.Normalize;
using Xunit;

namespace Site.Tests.Normalize;

/// <summary>MarkdownText.Collapse is a hand-written loop for speed; it must equal Regex.Replace(\s+, " ").Trim().</summary>
public sealed class CollapseTests
{
    private static string Reference(string s) => Regex.Replace(s, @"\s+", " ").Trim();

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a")]
    [InlineData(" a  b\t\nc ")]
    [InlineData("张量\u3000并行\u00A0x\u2028y\u0085z")]
    [InlineData("already clean text")]
    [InlineData("\n\n$a^2$ \r\n code  ")]
    public void Matches_the_regex(string s)
    {
        Assert.Equal(Reference(s), MarkdownText.Collapse(s));
        Assert.Equal(Reference(s), MarkdownText.Collapse(new System.Text.StringBuilder(s)));
    }

    [Fact]
    public void A_builder_of_many_chunks_collapses_like_its_string()
    {
        var sb = new System.Text.StringBuilder(4);
        for (int i = 0; i < 500; i++) sb.Append(i % 3 == 0 ? "  张量 " : "x\t").Append('\n');
        Assert.Equal(Reference(sb.ToString()), MarkdownText.Collapse(sb));
    }

    [Fact]
    public void Matches_the_regex_on_random_strings()
    {
        var rng = new Random(7);
        var alphabet = new[] { 'a', 'Z', '张', ' ', '\t', '\n', '\r', '\u3000', '\u00A0', '\u2028', '\u0085', '\v', '\f', '$', '\u200B' };
        for (int round = 0; round < 5000; round++)
        {
            var chars = new char[rng.Next(0, 24)];
            for (int i = 0; i < chars.Length; i++) chars[i] = alphabet[rng.Next(alphabet.Length)];
            var s = new string(chars);
            Assert.Equal(Reference(s), MarkdownText.Collapse(s));
            Assert.Equal(Reference(s), MarkdownText.Collapse(new System.Text.StringBuilder(s)));
        }
    }
}
