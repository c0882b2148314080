using Site.Emit;
using Xunit;

namespace Site.Tests.Build;

/// <summary>The one-pass description builder gives what the regex version gave.</summary>
public class PlainTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("把 $d_{model}$ 切成 $h$ 个头，每个头 $d_k = d/h$。")]
    [InlineData("价格 $5 和 $ 符号 $$ 不成对")]
    [InlineData("display $$\\frac{a}{b} + \\alpha$$ after $$ unclosed")]
    [InlineData("$$$x$$ and $\n$ and $$\n\\sum_i x_i\n$$ end")]
    [InlineData("  lead   and\t\ttrail \n ")]
    [InlineData("$$  $$ empty math $ $ here")]
    public void Same_as_the_regex_version(string text)
    {
        foreach (var max in new[] { 5, 20, 150 })
            Assert.Equal(PlainText.DescriptionByRegex(text, max), PlainText.Description(text, max));
    }

    [Fact]
    public void Same_as_the_regex_version_on_random_text()
    {
        var rng = new Random(7);
        var pieces = new[] { "$", "$$", " ", "\n", "\t", "张量并行", "word", "\\alpha", "\\frac{a}{b}", "x_i", "😀", "…", "  ", "{", "}", "a" };
        for (int n = 0; n < 3000; n++)
        {
            var len = rng.Next(0, 80);
            var text = string.Concat(Enumerable.Range(0, len).Select(_ => pieces[rng.Next(pieces.Length)]));
            foreach (var max in new[] { 10, 40, 150 })
                Assert.True(PlainText.DescriptionByRegex(text, max) == PlainText.Description(text, max), $"max={max} text={text}");
        }
    }
}
