using Site.Core;
using Site.Render.Mathematics;
using Xunit;

namespace Site.Tests.MathTests;

public class RenderMathTests
{
    private static (MathResults Results, IReadOnlyList<Diagnostic> Diags, RenderMath Module) Run(string body, bool fixMath = false, string? pathEnv = null, int bodyLine = 1)
    {
        var (ctx, output, dir) = MathTestSupport.Context(fixMath);
        try
        {
            var module = new RenderMath(pathEnv, shareMemoryCache: false) { ProgressLine = _ => { } };
            var note = MathTestSupport.NoteFrom("notes/a.md", body, bodyLine);
            var outNotes = module.Execute(MathTestSupport.Notes(note), ctx);
            Assert.Single(outNotes);
            return (ctx.Get<MathResults>("math"), ctx.Diagnostics.All, module);
        }
        finally { output.Dispose(); Directory.Delete(dir, true); }
    }

    [SkippableNodeFact]
    public void Renders_all_math_and_stores_results()
    {
        var (results, diags, module) = Run("Inline $a^2$ and $$b$$\n\n$$\n\\sum_i x_i\n$$\n\n| $t$ |\n|---|\n| \\(u\\) |\n");
        Assert.Empty(diags);
        Assert.True(results.Available);
        Assert.Equal(5, results.Count);
        Assert.Contains("katex", results.Get("a^2", false)!.Html);
        Assert.Contains("katex-display", results.Get("\\sum_i x_i", true)!.Html);
        Assert.Equal(1, module.LastStats.Batches);
    }

    [SkippableNodeFact]
    public void Katex_error_is_a_warning_at_the_real_source_line_and_the_build_goes_on()
    {
        // Front matter of 4 lines: body starts at source line 5. The bad TeX is on the 3rd line of the block.
        var body = "Intro $x$\n\n$$\na +\n\\left[ b\n$$\n";
        var (results, diags, _) = Run(body, bodyLine: 5);
        var d = Assert.Single(diags);
        Assert.Equal("notes/a.md:9: warning: math: Expected '\\right', got 'EOF' in \"a + \\left[ b\"", d.ToString());
        Assert.False(results.Get("a +\n\\left[ b", true)!.Ok);
        Assert.True(results.Get("x", false)!.Ok);
    }

    [SkippableNodeFact]
    public void Lint_findings_are_warnings_with_lines()
    {
        var body = "text\n\n$$RMS(x) = \\sqrt{rac{1}{H}\\sum_i x_i^2}$$\n\n$$Swish_{eta}(x) = x \\cdot \\sigma(eta x)$$\n";
        var (_, diags, _) = Run(body);
        Assert.Equal(new[]
        {
            "notes/a.md:3: warning: math: \"rac{\" looks like a corrupted \"\\frac{\" (the backslash escape was lost); run with --fix-math to repair",
            "notes/a.md:5: warning: math: \"eta\" looks like a corrupted \"\\beta\" (the backslash escape was lost); run with --fix-math to repair",
            "notes/a.md:5: warning: math: \"eta\" looks like a corrupted \"\\beta\" (the backslash escape was lost); run with --fix-math to repair",
        }, diags.Select(d => d.ToString()));
    }

    [SkippableNodeFact]
    public void Fix_math_repairs_before_rendering_and_summarises_once_per_note()
    {
        var body = "$$L=rac{1}{N}\\sum_i L_i$$\n\n$$-\\left[y\\cdot\\log(p)\night] -y$$\n";
        var (results, diags, _) = Run(body, fixMath: true);
        var d = Assert.Single(diags);
        Assert.Equal("notes/a.md:1: warning: math: repaired 2 corrupted TeX escapes (--fix-math) on lines 1, 4; fix the source to make this permanent", d.ToString());
        // Keys stay the TeX as written; the HTML is of the repaired TeX.
        var frac = results.Get("L=rac{1}{N}\\sum_i L_i", true)!;
        Assert.True(frac.Ok);
        Assert.Contains("\\frac{1}{N}", frac.Html);                 // the MathML annotation holds the repaired TeX
        Assert.True(results.Get("-\\left[y\\cdot\\log(p)\night] -y", true)!.Ok);
    }

    [Fact]
    public void Without_node_one_warning_and_tex_fallback()
    {
        var body = "$a$ $b$ $c$\n\n$$\nd\n$$\n";
        var (results, diags, _) = Run(body, pathEnv: "/nonexistent-bin");
        var d = Assert.Single(diags);
        Assert.StartsWith("notes/a.md:1: warning: math: Node.js 20+ is required to render math at build time: install it (e.g. apt-get install nodejs)", d.ToString());
        Assert.EndsWith("4 formulas in 1 note are shown as TeX source", d.ToString());
        Assert.False(results.Available);
        Assert.Contains("math-fallback", results.HtmlFor("a", false));
    }

    [Fact]
    public void Notes_without_math_never_need_node()
    {
        var (results, diags, _) = Run("no math, costs $5 and $10", pathEnv: "/nonexistent-bin");
        Assert.Empty(diags);
        Assert.Equal(0, results.Count);
    }

    [SkippableNodeFact]
    public void Hooks_math_html_into_render_html()
    {
        var (ctx, output, dir) = MathTestSupport.Context();
        try
        {
            new RenderMath(shareMemoryCache: false).Execute(MathTestSupport.Notes(MathTestSupport.NoteFrom("a.md", "$q$")), ctx);
            var hook = ctx.Get<Action<Markdig.Renderers.HtmlRenderer>>(Site.Render.RenderHtml.RendererSetupKey);
            using var w = new StringWriter();
            var r = new Markdig.Renderers.HtmlRenderer(w);
            MarkdownSyntax.Pipeline.Setup(r);
            hook(r);
            r.Render(Markdig.Markdown.Parse("$q$", MarkdownSyntax.Pipeline));
            Assert.Contains("class=\"katex\"", w.ToString());
        }
        finally { output.Dispose(); Directory.Delete(dir, true); }
    }

    [SkippableNodeFact]
    public void Assets_copy_css_and_woff2_fonts_only()
    {
        var (ctx, output, dir) = MathTestSupport.Context();
        try
        {
            Assert.True(MathAssets.Copy(ctx));
            var css = File.ReadAllText(Path.Combine(output.Root, "assets", "katex", "katex.min.css"));
            Assert.Contains("url(fonts/KaTeX_Main-Regular.woff2)", css);
            Assert.DoesNotContain(".ttf", css);
            Assert.DoesNotContain(".woff)", css);
            var fonts = Directory.GetFiles(Path.Combine(output.Root, "assets", "katex", "fonts"));
            Assert.True(fonts.Length >= 19, $"only {fonts.Length} fonts");
            Assert.All(fonts, f => Assert.EndsWith(".woff2", f));
            // Text shows in a fallback font while a KaTeX font loads (Lighthouse "font-display").
            var faces = System.Text.RegularExpressions.Regex.Matches(css, @"@font-face\{[^}]*\}");
            Assert.True(faces.Count >= 19, $"only {faces.Count} @font-face rules");
            Assert.All(faces, f => Assert.Contains("font-display:swap", f.Value));
            // Every font the CSS references exists.
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(css, @"url\((fonts/[^)]+)\)"))
                Assert.True(File.Exists(Path.Combine(output.Root, "assets", "katex", m.Groups[1].Value)), m.Groups[1].Value);
        }
        finally { output.Dispose(); Directory.Delete(dir, true); }
    }
}
