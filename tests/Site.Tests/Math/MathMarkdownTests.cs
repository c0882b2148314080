using Markdig;
using Site.Core;
using Site.Render.Mathematics;
using Xunit;

namespace Site.Tests.MathTests;

/// <summary>Edge cases through the real pipeline (MarkdownSyntax.Pipeline) and MathHtml.Install.</summary>
public class MathMarkdownTests
{
    private static List<MathOccurrence> Find(string md) => MathSource.Find(Markdown.Parse(md, MarkdownSyntax.Pipeline)).ToList();

    /// <summary>Renders with fake "KaTeX" results so the test needs no Node: each formula → &lt;k&gt;tex|D/I&lt;/k&gt;.</summary>
    private static string Render(string md, MathResults? results = null, bool fakeAll = true)
    {
        var doc = Markdown.Parse(md, MarkdownSyntax.Pipeline);
        if (results is null && fakeAll)
        {
            results = new MathResults();
            foreach (var m in MathSource.Find(doc)) results.Set(m.Tex, m.Display, new MathRendering($"<k>{m.Tex}|{(m.Display ? "D" : "I")}</k>"));
        }
        return MathHtml.ToHtml(doc, MarkdownSyntax.Pipeline, results);
    }

    [Theory]
    [InlineData("It costs $5 and $10 in total.")]
    [InlineData("Between $5 and $10, or $20.")]
    [InlineData("Run `$ ls -la` in a shell.")]
    [InlineData("prices like $5 and $10 stay text, `$ ls` stays code")]
    [InlineData("it is $10 per `$ x` and `y $`")]
    [InlineData("```\n$ nvidia-smi topo -m\n$ echo $HOME\n```")]
    [InlineData("    $ indented code $x$")]
    [InlineData("\\$ ds report")]
    [InlineData("a literal \\$x\\$ here")]
    [InlineData("$ not math because of the space$")]
    [InlineData("Use \\\\(not math\\\\) here")]
    public void Not_math(string md)
    {
        Assert.Empty(Find(md));
        Assert.DoesNotContain("<k>", Render(md));
    }

    [Fact]
    public void Currency_before_a_code_span_keeps_the_code_span()
    {
        Assert.Contains("<p>prices like $5 and $10 stay text, <code>$ ls</code> stays code</p>", Render("prices like $5 and $10 stay text, `$ ls` stays code"));
    }

    [Fact]
    public void Escaped_dollar_renders_literally()
    {
        Assert.Contains("<p>$ ds report</p>", Render("\\$ ds report"));
    }

    [Fact]
    public void Inline_and_display_dollar_math()
    {
        var found = Find("Let $M \\in \\mathbb{R}^{a\\times b}$ and\n\n$$\\sum_i x_i$$\n\nand $$y$$ inline.");
        Assert.Equal(new[] { ("M \\in \\mathbb{R}^{a\\times b}", false), ("\\sum_i x_i", true), ("y", true) }, found.Select(f => (f.Tex, f.Display)));
        Assert.Equal(new[] { 0, 2, 4 }, found.Select(f => f.BodyLine0));
    }

    [Fact]
    public void Latex_paren_and_bracket_delimiters()
    {
        var found = Find("inline \\(a^2 + b^2\\) and display \\[\\int_0^1 f\\] end, escaped \\\\[x] and \\[ \\] stays");
        Assert.Equal(new[] { ("a^2 + b^2", false), ("\\int_0^1 f", true) }, found.Select(f => (f.Tex, f.Display)));
        var html = Render("inline \\(a^2\\) and \\[b\\]");
        Assert.Contains("<span class=\"math\"><k>a^2|I</k></span>", html);
        Assert.Contains("<span class=\"math\"><k>b|D</k></span>", html);
    }

    [Fact]
    public void Latex_bracket_math_can_span_lines_and_skips_escaped_brackets_inside()
    {
        var found = Find("text\n\\[\n\\left\\{ x \\right\\} + y\n\\]\nmore");
        var f = Assert.Single(found);
        Assert.True(f.Display);
        Assert.Equal("\n\\left\\{ x \\right\\} + y\n", f.Tex);
        Assert.Equal(1, f.BodyLine0);
    }

    [Fact]
    public void Math_in_tables_lists_and_headings()
    {
        var md = "# Energy $E=mc^2$\n\n| a | b |\n|---|---|\n| $x^2$ | 1 |\n\n- item $y_1$\n- item\n\n  $$\n  \\frac{1}{2}\n  $$\n";
        var html = Render(md);
        Assert.Contains("<h1", html);
        Assert.Contains("<k>E=mc^2|I</k>", html[..html.IndexOf("</h1>")]);
        Assert.Contains("<td><span class=\"math\"><k>x^2|I</k></span></td>", html);
        Assert.Contains("item <span class=\"math\"><k>y_1|I</k></span>", html);
        Assert.Contains("<div class=\"math\"><k>\\frac{1}{2}|D</k></div>", html);   // display math in a list item, indentation stripped
        var block = Find(md).Single(f => f.Display);
        Assert.Equal(10, block.BodyLine0); // first TeX line, 0-based
    }

    [Fact]
    public void Display_dollars_spanning_lines_inside_a_paragraph()
    {
        // Markdig's own $-parser is single-line; LatexMathInlineParser takes $$…$$ across lines.
        var found = Find("text\n$$-\\left[y\\cdot\\log(p)\n\\right] -y$$\n tail $$z$$ and $5 vs $$6\n7$$8");
        Assert.Equal(new[] { ("-\\left[y\\cdot\\log(p)\n\\right] -y", true, 1), ("z", true, 3) }, found.Select(f => (f.Tex, f.Display, f.BodyLine0)));
    }

    [Fact]
    public void Multi_line_display_block_keeps_its_lines()
    {
        var f = Assert.Single(Find("$$\na &= b \\\\\nc &= d\n$$"));
        Assert.Equal("a &= b \\\\\nc &= d", f.Tex);
        Assert.Equal(1, f.BodyLine0);
    }

    [Fact]
    public void Errors_render_as_a_visible_escaped_box()
    {
        var results = new MathResults();
        results.Set("\\left[ <x>", false, MathRendering.Failed("Expected '\\right', got 'EOF'", 10));
        var html = Render("a $\\left[ <x>$ b", results);
        Assert.Contains("<span class=\"math-error\" title=\"KaTeX: Expected &#39;\\right&#39;, got &#39;EOF&#39;\"", html);
        Assert.Contains(">$\\left[ &lt;x&gt;$</span>", html);
        Assert.DoesNotContain("<x>", html);
    }

    [Fact]
    public void Without_results_formulas_fall_back_to_escaped_tex()
    {
        var html = Render("a $x<y$ b\n\n$$\n\\frac{1}{2}\n$$", results: null, fakeAll: false);
        Assert.Contains("<span class=\"math-fallback\">\\(x&lt;y\\)</span>", html);
        Assert.Contains("<span class=\"math-fallback\">\\[\\frac{1}{2}\\]</span>", html);
        Assert.DoesNotContain("\\(x<y", html);
    }

    [Fact]
    public void Install_survives_a_later_pipeline_setup()
    {
        var doc = Markdown.Parse("$x$", MarkdownSyntax.Pipeline);
        var results = new MathResults();
        results.Set("x", false, new MathRendering("<b>X</b>"));
        using var w = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(w);
        MathHtml.Install(renderer, results);
        MarkdownSyntax.Pipeline.Setup(renderer); // would normally (re)insert Markdig's default math renderers
        renderer.Render(doc);
        Assert.Contains("<b>X</b>", w.ToString());
        Assert.DoesNotContain("\\(x\\)", w.ToString());
    }
}
