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
    public void Matches_the_regex(string s) => Assert.Equal(Reference(s), MarkdownText.Collapse(s));

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
        }
    }
}
