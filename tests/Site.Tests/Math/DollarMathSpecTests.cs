using Markdig;
using Site.Core;
using Site.Render.Mathematics;
using Xunit;

namespace Site.Tests.MathTests;

/// <summary>
/// Markdig-style spec for math delimiters in Chinese and English notes (issue 14): Markdown in, the note body's HTML out,
/// formulas rendered by a fake KaTeX as <c>&lt;k&gt;tex|I&lt;/k&gt;</c> (inline) or <c>&lt;k&gt;tex|D&lt;/k&gt;</c> (display).
/// </summary>
public class DollarMathSpecTests
{
    private static string Html(string md)
    {
        var doc = Markdown.Parse(md, MarkdownSyntax.Pipeline);
        var results = new MathResults();
        foreach (var m in MathSource.Find(doc)) results.Set(m.Tex, m.Display, new MathRendering($"<k>{m.Tex}|{(m.Display ? "D" : "I")}</k>"));
        return MathHtml.ToHtml(doc, MarkdownSyntax.Pipeline, results).Trim();
    }

    private const string I = "<span class=\"math\"><k>";
    private const string E = "</k></span>";

    public static TheoryData<string, string, string> Spec => new()
    {
        // name, markdown, expected HTML
        { "CJK before and after", "是$f(i-j)$位置", $"<p>是{I}f(i-j)|I{E}位置</p>" },
        { "CJK after", "$\\alpha$是学习率", $"<p>{I}\\alpha|I{E}是学习率</p>" },
        { "full-width brackets", "（$x$）和【$y$】", $"<p>（{I}x|I{E}）和【{I}y|I{E}】</p>" },
        { "CJK punctuation after", "设$x$，则$y$。", $"<p>设{I}x|I{E}，则{I}y|I{E}。</p>" },
        { "several on one line", "$a$,$b$ 与 $c$", $"<p>{I}a|I{E},{I}b|I{E} 与 {I}c|I{E}</p>" },
        { "minus sign before a number", "奖励 $-$1。", $"<p>奖励 {I}-|I{E}1。</p>" },
        { "interval with minus", "[$-$2,2]", $"<p>[{I}-|I{E}2,2]</p>" },
        { "prices stay text", "价格 $5 和 $10。", "<p>价格 $5 和 $10。</p>" },
        { "price range stays text", "from $5-$10 a day", "<p>from $5-$10 a day</p>" },
        { "two prices with spaces", "paid $ 5 and got $ 3 back", "<p>paid $ 5 and got $ 3 back</p>" },
        { "variables in prose stay text", "set $HOME and $PATH", "<p>set $HOME and $PATH</p>" },
        { "escaped dollars", "a literal \\$x\\$ here", "<p>a literal $x$ here</p>" },
        { "code span stays code", "run `$x$` now", "<p>run <code>$x$</code> now</p>" },
        { "never pairs across a code span", "costs $10, run `$ ls` and $x", "<p>costs $10, run <code>$ ls</code> and $x</p>" },
        { "price then formula", "$5, and $x$ here", $"<p>$5, and {I}x|I{E} here</p>" },
        { "single dollar stays in its line", "第一行 $a\n第二行 b$", "<p>第一行 $a\n第二行 b$</p>" },
        { "spaced on both sides", "numbers $ k $ such", $"<p>numbers {I} k |I{E} such</p>" },
        { "space before the closer, TeX inside", "Q值 $Q(s_t,a_t) $。", $"<p>Q值 {I}Q(s_t,a_t) |I{E}。</p>" },
        { "space after the opener, TeX inside", "即$ \\pi^{*}(s)$ 。", $"<p>即{I} \\pi^{{*}}(s)|I{E} 。</p>" },
        { "one token with a space", "函数$ f$ 在", $"<p>函数{I} f|I{E} 在</p>" },
        { "TeX-like formula continues on the next line", "样本$D=(x_i, y_i)\n$，其中", $"<p>样本{I}D=(x_i, y_i)\n|I{E}，其中</p>" },
        { "prose does not continue on the next line", "cost $x and\n$y", "<p>cost $x and\n$y</p>" },
        { "spaced Chinese stays text", "比如 $ 这是 $ 文字", "<p>比如 $ 这是 $ 文字</p>" },
        { "spaced prose stays text", "$x and $y", "<p>$x and $y</p>" },
        { "inline display", "行内 $$x^2$$ 公式", $"<p>行内 <span class=\"math\"><k>x^2|D{E} 公式</p>" },
        { "display spanning lines in a paragraph", "文字\n$$a +\nb$$\n更多", $"<p>文字\n<span class=\"math\"><k>a +\nb|D{E}\n更多</p>" },
        { "display block", "$$\n\\frac{1}{2}\n$$", "<div class=\"math\"><k>\\frac{1}{2}|D</k></div>" },
        { "display in a list item", "- 项 $$ x^2 $$", $"<ul>\n<li>项 <span class=\"math\"><k> x^2 |D{E}</li>\n</ul>" },
        { "display in a quote", "> $$ y $$", $"<blockquote>\n<p><span class=\"math\"><k> y |D{E}</p>\n</blockquote>" },
        { "LaTeX inline", "设 \\(a^2\\) 为", $"<p>设 {I}a^2|I{E} 为</p>" },
        { "LaTeX display", "\\[b\\]", $"<p><span class=\"math\"><k>b|D{E}</p>" },
        { "triple dollars are text", "$$$x$$$", "<p>$$$x$$$</p>" },
        { "a command-led formula may span its paragraph", "$\\begin{aligned}\na &= b\n\\end{aligned}$ 完", $"<p>{I}\\begin{{aligned}}\na &= b\n\\end{{aligned}}|I{E} 完</p>" },
        { "a '$' ending its line opens a TeX formula closed by a '$' on a later line", "矩阵\n$\nA=\n\\begin{bmatrix}\n1 & 2\\\\\n\\end{bmatrix}\n$，求解", $"<p>矩阵\n{I}\nA=\n\\begin{{bmatrix}}\n1 & 2\\\\\n\\end{{bmatrix}}\n|I{E}，求解</p>" },
        { "a '$' ending its line stays text before prose", "价格 $\n5 元和 $10", "<p>价格 $\n5 元和 $10</p>" },
        { "a '$' ending its line stays text when the next '$' closes no TeX", "a $\nb c $ d", "<p>a $\nb c $ d</p>" },
        { "a '- x' line inside an open $$ is the formula's, not a list", "$$\\begin{align}\nZ = a\n- b\n\\end{align}$$\n\n- 列表", $"<p><span class=\"math\"><k>\\begin{{align}}\nZ = a\n- b\n\\end{{align}}|D{E}</p>\n<ul>\n<li>列表</li>\n</ul>" },
        { "a $$ line closes the paragraph's display formula", "计算 $$\na = b\n$$\n（3）下一步", $"<p>计算 <span class=\"math\"><k>\na = b\n|D{E}\n（3）下一步</p>" },
        { "a quoted $$ formula with unquoted lines stays in its quote", Site.Normalize.QuotedMathLines.Repair("> 可以写作\n> $$\nP(y)\n$$\n> 这里"),
            "<blockquote>\n<p>可以写作</p>\n<div class=\"math\"><k>P(y)|D</k></div>\n<p>这里</p>\n</blockquote>" },
    };

    [Theory]
    [MemberData(nameof(Spec))]
    public void Renders(string name, string markdown, string expected)
    {
        Assert.True(expected == Html(markdown), $"{name}\n  markdown: {markdown}\n  expected: {expected}\n  actual:   {Html(markdown)}");
    }

    public static TheoryData<string, bool> UnpairedSpec => new()
    {
        // the text after an unpaired '$', whether it is warned about
        { "$\\alpha 未闭合", true },
        { "$x^2 未闭合", true },
        { "$W_q 未闭合", true },
        { "$5 一杯", false },
        { "$HOME 目录", false },
        { "$ 符号", false },
    };

    [Theory]
    [MemberData(nameof(UnpairedSpec))]
    public void Unpaired_dollars_that_look_like_math(string markdown, bool looksLikeMath)
    {
        var doc = Markdown.Parse(markdown, MarkdownSyntax.Pipeline);
        var d = Assert.Single(Markdig.Syntax.MarkdownObjectExtensions.Descendants<UnpairedDollarInline>(doc));
        Assert.Equal(looksLikeMath, d.LooksLikeMath);
        Assert.Empty(MathSource.Find(doc));
    }

    [Fact]
    public void Unpaired_dollar_before_tex_is_a_warning_with_its_line()
    {
        var (ctx, _, dir) = MathTestSupport.Context();
        try
        {
            var note = MathTestSupport.NoteFrom("notes/a.md", "第一行\n\n公式 $\\alpha + 1 没有闭合\n\n价格 $5 不警告\n", bodyLine: 3);
            new RenderMath(shareMemoryCache: false).Execute(MathTestSupport.Notes(note), ctx);
            var d = Assert.Single(ctx.Diagnostics.All, x => x.Message.Contains("unpaired"));
            Assert.Equal("notes/a.md", d.Path);
            Assert.Equal(5, d.Line); // body line 3 (1-based) of a body that starts at file line 3
        }
        finally { Directory.Delete(dir, true); }
    }
}
