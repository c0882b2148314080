using Site.Render.Mathematics;
using Xunit;

namespace Site.Tests.MathTests;

public class MathLinterTests
{
    private static MathLintFinding Single(string tex)
    {
        var f = MathLinter.Lint(tex);
        Assert.True(f.Count == 1, $"expected one finding in {tex}, got: {string.Join("; ", f.Select(x => x.Found))}");
        return f[0];
    }

    [Theory]
    // \f → form feed
    [InlineData(@"y = rac{1}{2}", "rac{", @"\frac{", @"y = \frac{1}{2}")]
    [InlineData(@"rac 12", "rac", @"\frac", @"\frac 12")]
    // \b → backspace
    [InlineData(@"Swish_{eta}(x)", "eta", @"\beta", @"Swish_{\beta}(x)")]
    [InlineData(@"x \cdot \sigma(eta x)", "eta", @"\beta", @"x \cdot \sigma(\beta x)")]
    [InlineData(@"egin{aligned} a \end{aligned}", "egin{", @"\begin{", @"\begin{aligned} a \end{aligned}")]
    [InlineData(@"ar{x} + 1", "ar{", @"\bar{", @"\bar{x} + 1")]
    [InlineData(@"oldsymbol{W}", "oldsymbol", @"\boldsymbol", @"\boldsymbol{W}")]
    [InlineData(@"inom{n}{k}", "inom{", @"\binom{", @"\binom{n}{k}")]
    // \r → carriage return
    [InlineData(@"\left[ x ight]", "ight]", @"\right]", @"\left[ x \right]")]
    [InlineData(@"\left( x ight)", "ight)", @"\right)", @"\left( x \right)")]
    [InlineData(@"\left\{ x ight\}", @"ight\", @"\right\", @"\left\{ x \right\}")]
    [InlineData(@"a ightarrow b", "ightarrow", @"\rightarrow", @"a \rightarrow b")]
    [InlineData(@"p = ho v", "ho", @"\rho", @"p = \rho v")]
    // \a → bell
    [InlineData(@"GeLU(x)pprox 0.5x", "pprox", @"\approx", @"GeLU(x)\approx 0.5x")]
    [InlineData(@"lpha > 1", "lpha", @"\alpha", @"\alpha > 1")]
    [InlineData(@"ngle ABC", "ngle", @"\angle", @"\angle ABC")]
    // \t → tab
    [InlineData(@"ext{ReLU}(x)", "ext{", @"\text{", @"\text{ReLU}(x)")]
    [InlineData(@"a imes b", "imes", @"\times", @"a \times b")]
    [InlineData(@"\cos heta", "heta", @"\theta", @"\cos \theta")]
    [InlineData(@"e^{-t/au}", "au", @"\tau", @"e^{-t/\tau}")]
    [InlineData(@"ilde{x}", "ilde", @"\tilde", @"\tilde{x}")]
    [InlineData(@"anh(x)", "anh", @"\tanh", @"\tanh(x)")]
    // \n → newline
    [InlineData(@"abla f", "abla", @"\nabla", @"\nabla f")]
    [InlineData(@"a eq b", "eq", @"\neq", @"a \neq b")]
    [InlineData(@"a ot= b", "ot", @"\not", @"a \not= b")]
    // \v → vertical tab
    [InlineData(@"ec{v} = 0", "ec{", @"\vec{", @"\vec{v} = 0")]
    [InlineData(@"arepsilon > 0", "arepsilon", @"\varepsilon", @"\varepsilon > 0")]
    public void Detects_and_repairs_each_lost_escape(string tex, string found, string suggested, string repaired)
    {
        var f = Single(tex);
        Assert.Equal(found, f.Found);
        Assert.Equal(suggested, f.Suggested);
        Assert.Equal(repaired, MathLinter.Repair(tex));
    }

    [Fact]
    public void Message_has_the_agreed_wording()
    {
        Assert.Equal("math: \"rac{\" looks like a corrupted \"\\frac{\" (the backslash escape was lost); run with --fix-math to repair",
            Single("rac{a}{b}").Message);
    }

    [Theory]
    [InlineData("\frac{1}{2}", "rac{", @"\frac{1}{2}")]          // form feed survived as U+000C
    [InlineData("\beta + 1", "eta", @"\beta + 1")]                 // backspace U+0008
    [InlineData("\vec{x}", "ec{", @"\vec{x}")]                     // vertical tab U+000B
    [InlineData("x \approx y", "pprox", @"x \approx y")]          // bell U+0007
    public void Detects_control_characters_left_by_json_escapes(string tex, string found, string repaired)
    {
        var f = Single(tex);
        Assert.Equal(found, f.Found);
        Assert.NotNull(f.ControlChar);
        Assert.Contains("control character", f.Message);
        Assert.Equal(repaired, MathLinter.Repair(tex));
    }

    [Fact]
    public void Lost_escape_whose_control_char_became_a_line_break_is_found()
    {
        // "\right]" where "\r" turned into a real line break.
        var tex = "-\\left[y_i\\cdot\\log(p_i)\night] -y_i-";
        var f = Single(tex);
        Assert.Equal("ight]", f.Found);
        Assert.Equal("-\\left[y_i\\cdot\\log(p_i)\n\\right] -y_i-", MathLinter.Repair(tex));
    }

    [Theory]
    [InlineData(@"\frac{1}{2} + \beta + \zeta + \eta + \theta + \tau")]
    [InlineData(@"\left[ x \right] \approx \alpha \times \nabla \neq \vec{v} \tilde{x} \tanh \varepsilon \bar{x} \binom{n}{k}")]
    [InlineData(@"\begin{aligned} a &= b \\ c &= d \end{aligned}")]
    [InlineData(@"\text{the beta test and eta value, right}")]   // prose in \text
    [InlineData(@"\mathrm{ext}{x}")]                             // inside \mathrm
    [InlineData(@"x_{eq} + T_{au} + y^{ho} + k_ot")]             // short tokens as sub/superscript names
    [InlineData(@"u + \nu + u_i")]                               // "u" alone is never reported
    [InlineData(@"theta + beta + zeta + rho + tau + approx")]    // whole words, not a lost escape
    [InlineData(@"height + right] + bright) + ight + fight]")]   // "ight" only as a whole run before a delimiter
    [InlineData(@"\trace{A} + \operatorname{rac}(x) + frac{1}{2}")]
    [InlineData(@"\mathbb{R}^{a\times b}")]
    [InlineData(@"\tilde{\mathbf{x}}_{\mathbf{k}} + \mathit{KL}")]
    [InlineData(@"D_{KL}(P \parallel Q) = \sum P(x) \log \frac{P(x)}{Q(x)}")]
    [InlineData(@"2\tau + 3ho")]                                  // "3ho": digit before a short token
    public void No_false_positives(string tex)
    {
        var f = MathLinter.Lint(tex);
        Assert.True(f.Count == 0, $"unexpected: {string.Join("; ", f.Select(x => x.Found + "@" + x.Index))}");
        Assert.Equal(tex, MathLinter.Repair(tex));
    }

    [Fact]
    public void Several_findings_in_one_formula_are_repaired_together()
    {
        var tex = @"GeLU(x)pprox 0.5x(1+tanh(\sqrt{rac{2}{\pi}}(x+0.044715x^3)))";
        var f = MathLinter.Lint(tex);
        Assert.Equal(new[] { "pprox", "rac{" }, f.Select(x => x.Found));
        Assert.Equal(@"GeLU(x)\approx 0.5x(1+tanh(\sqrt{\frac{2}{\pi}}(x+0.044715x^3)))", MathLinter.Repair(tex));
    }

    [Fact]
    public void Stray_control_character_is_reported_and_removed()
    {
        var f = Single("a \b + 1");
        Assert.Contains("stray U+0008", f.Message);
        Assert.Equal("a   + 1", MathLinter.Repair("a \b + 1"));
    }
}
