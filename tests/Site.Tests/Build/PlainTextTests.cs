using Site.Emit;
using Xunit;

namespace Site.Tests.Build;

/// <summary>The one-pass description builder gives what the whole-text reference gives, and pairs '$' as the math parser does.</summary>
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
    public void Same_as_the_reference(string text)
    {
        foreach (var max in new[] { 5, 20, 150 })
            Assert.Equal(PlainText.DescriptionReference(text, max), PlainText.Description(text, max));
    }

    [Theory]
    [InlineData("价格 $5 和 $10 都行", "价格 $5 和 $10 都行")]
    [InlineData("位置是$f(i-j)$的函数", "位置是f(i-j)的函数")]
    [InlineData("$\\alpha$是学习率", "α是学习率")]
    [InlineData("from $5-$10 each", "from $5-$10 each")]
    [InlineData("cost \\$5 and $x$", "cost \\$5 and x")]
    [InlineData("显示 $$\\frac{a}{b}$$ 公式", "显示 (a)/(b) 公式")]
    [InlineData("code `$x` then $y$", "code `$x` then y")]
    public void Pairs_dollars_as_the_math_parser_does(string text, string expected) =>
        Assert.Equal(expected, PlainText.Description(text));

    [Fact]
    public void Same_as_the_reference_on_random_text()
    {
        var rng = new Random(7);
        var pieces = new[] { "$", "$$", " ", "\n", "\t", "张量并行", "word", "\\alpha", "\\frac{a}{b}", "x_i", "😀", "…", "  ", "{", "}", "a" };
        for (int n = 0; n < 3000; n++)
        {
            var len = rng.Next(0, 80);
            var text = string.Concat(Enumerable.Range(0, len).Select(_ => pieces[rng.Next(pieces.Length)]));
            foreach (var max in new[] { 10, 40, 150 })
                Assert.True(PlainText.DescriptionReference(text, max) == PlainText.Description(text, max), $"max={max} text={text}");
        }
    }
}

/// <summary>The hand-written TeX-to-text passes give what the regexes gave.</summary>
public class ReadableMathTests
{
    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("  a   b \n c  ")]
    [InlineData("\\frac{a}{b}")]
    [InlineData("\\frac {\\frac{1}{2}} { \\frac{3}{\\frac{4}{5}} }")]
    [InlineData("\\frac{a}b \\frac{}{} \\frac{a}{b}{c}")]
    [InlineData("\\text{loss} + \\textbf{x} + \\mathrm {d}x + \\operatorname{softmax}(z)")]
    [InlineData("\\left( x \\right) \\leftarrow \\bigg| \\big\\| \\Bigg[ \\bigl \\left.")]
    [InlineData("\\left张 \\big𝑥 \\right）")]
    [InlineData("x \\in \\mathbb{R}^{d}, \\mathbb{E}_{x \\sim p}[f(x)] \\\\alpha \\, \\; \\! \\")]
    [InlineData("\\sum_{i=1}^{6} x_i^2 \\leq \\lambda \\quad \\unknown{z} $y$")]
    [InlineData("\u00a0a\u3000b\u0085")]
    public void Same_as_the_regexes(string tex) => Assert.Equal(PlainText.ReadableMathByRegex(tex), PlainText.ReadableMath(tex));

    /// <summary>Every formula of a corpus when READABLE_MATH_CORPUS names one (e.g. /tmp/c1000).</summary>
    [Fact]
    public void Same_as_the_regexes_on_a_corpus()
    {
        var dir = Environment.GetEnvironmentVariable("READABLE_MATH_CORPUS");
        if (string.IsNullOrEmpty(dir)) return;
        var math = new System.Text.RegularExpressions.Regex(@"\$\$([\s\S]+?)\$\$|\$([^$\n]+?)\$");
        int n = 0;
        foreach (var f in Directory.EnumerateFiles(dir, "*.md", SearchOption.AllDirectories))
            foreach (System.Text.RegularExpressions.Match m in math.Matches(File.ReadAllText(f)))
            {
                var tex = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
                Assert.True(PlainText.ReadableMathByRegex(tex) == PlainText.ReadableMath(tex), $"tex={tex}");
                n++;
            }
        Assert.True(n > 0);
    }

    [Fact]
    public void Same_as_the_regexes_on_random_tex()
    {
        var rng = new Random(11);
        var pieces = new[] { "\\frac", "\\text", "\\mathbb{R}", "\\left", "\\right", "\\big", "\\bigg", "\\Big", "\\alpha", "\\sum", "\\", "{", "}", "{a}", "{b}",
            " ", "\n", "\t", "x", "1", "_", "^", "(", ")", "$", "\\,", "\\;", "\\!", "张", "😀", "\u00a0", "mathrm", "\\mathcal", "\\boldsymbol", "\\operatorname" };
        for (int n = 0; n < 20000; n++)
        {
            var tex = string.Concat(Enumerable.Range(0, rng.Next(0, 30)).Select(_ => pieces[rng.Next(pieces.Length)]));
            Assert.True(PlainText.ReadableMathByRegex(tex) == PlainText.ReadableMath(tex), $"tex={tex}");
        }
    }
}
