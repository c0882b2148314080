using Markdig;
using Markdig.Renderers;
using Site.Core;
using Site.Render.Code;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Render;

/// <summary>Build-time highlighting (src/Render/Code): token spans in the HTML, a header bar above the code, no script.</summary>
public class HighlightedCodeRendererTests
{
    private static string Html(string markdown)
    {
        var doc = Markdown.Parse(markdown, MarkdownSyntax.Pipeline);
        using var w = new StringWriter();
        var r = new HtmlRenderer(w);
        MarkdownSyntax.Pipeline.Setup(r);
        HighlightedCodeRenderer.Setup(r);
        r.Render(doc);
        return w.ToString();
    }

    [Theory]
    [InlineData("python", "def f(x):\n    # 注释\n    return \"s\" + 1", "<span class=\"tok-keyword\">def</span>", "<span class=\"tok-comment\"># 注释</span>")]
    [InlineData("py", "import torch", "<span class=\"tok-keyword\">import</span>", null)]
    [InlineData("bash", "pip install -U torch # 安装\necho \"$HOME\"", "<span class=\"tok-comment\"># 安装</span>", "<span class=\"tok-string\">&quot;$HOME&quot;</span>")]
    [InlineData("shell", "export CUDA_VISIBLE_DEVICES=0,1", "<span class=\"tok-keyword\">export</span>", null)]
    [InlineData("json", "{\"lr\": 0.001, \"name\": \"adam\"}", "tok-attr", "<span class=\"tok-number\">0.001</span>")]
    [InlineData("yaml", "model:\n  lr: 0.001 # 学习率\n  fp16: true", "<span class=\"tok-attr\">lr</span>", "<span class=\"tok-keyword\">true</span>")]
    [InlineData("go", "func main() { // hi\n  fmt.Println(\"x\")\n}", "<span class=\"tok-keyword\">func</span>", "<span class=\"tok-comment\">// hi</span>")]
    [InlineData("rust", "fn main() { let x: i32 = 5; }", "<span class=\"tok-keyword\">fn</span>", "<span class=\"tok-type\">i32</span>")]
    [InlineData("cpp", "#include <vector>\nint main() { return 0; }", "<span class=\"tok-keyword\">int</span>", "&lt;vector&gt;")]
    [InlineData("C++", "int x = 1;", "<span class=\"tok-keyword\">int</span>", null)]
    [InlineData("sql", "SELECT name FROM users WHERE id = 1", "<span class=\"tok-keyword\">SELECT</span>", null)]
    [InlineData("javascript", "const a = `x`; // c", "<span class=\"tok-keyword\">const</span>", "<span class=\"tok-comment\">// c</span>")]
    [InlineData("java", "public class A {}", "<span class=\"tok-keyword\">public</span>", null)]
    public void Highlights_common_languages_with_token_spans(string lang, string code, string expected, string? expected2)
    {
        var html = Html($"```{lang}\n{code}\n```\n");
        Assert.Contains(expected, html);
        if (expected2 is not null) Assert.Contains(expected2, html);
    }

    [Fact]
    public void Unknown_language_is_escaped_plain_text()
    {
        var html = Html("```brainfuck\n<script>alert(1)</script> & \"x\"\n```\n");
        Assert.DoesNotContain("<span class=\"tok-", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;", html);
        Assert.DoesNotContain("<script>", html);
    }

    [Fact]
    public void Highlighted_code_cannot_break_out_of_the_block()
    {
        var html = Html("```python\nx = \"</code></pre><script>alert(1)</script>\"\n```\n");
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;", html);
    }

    [Fact]
    public void Code_text_is_unchanged_by_highlighting()
    {
        var code = "def f(a, b=\"x\"):\n    '''doc'''\n    return a ** 2  # 平方\n\nclass K(object): pass";
        var html = Html($"```python\n{code}\n```\n");
        var inner = html[(html.IndexOf("<code", StringComparison.Ordinal))..];
        inner = inner[(inner.IndexOf('>') + 1)..inner.IndexOf("</code>", StringComparison.Ordinal)];
        var text = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(inner, "<[^>]+>", ""));
        Assert.Equal(code + "\n", text);
    }

    [Theory]
    [InlineData("```python\nx = 1\n```\n", "python")]
    [InlineData("```Python {.wide}\nx = 1\n```\n", "python")]
    [InlineData("```\nplain\n```\n", null)]
    [InlineData("    indented code\n", null)]
    public void Label_and_copy_button_sit_in_a_header_bar_above_the_code(string markdown, string? lang)
    {
        var html = Html(markdown);
        var head = html.IndexOf("<div class=\"code-head\"", StringComparison.Ordinal);
        var button = html.IndexOf("class=\"code-copy\"", StringComparison.Ordinal);
        var pre = html.IndexOf("<pre>", StringComparison.Ordinal);
        Assert.True(head >= 0 && head < button && button < pre, html);
        if (lang is null) Assert.DoesNotContain("data-lang", html);
        else Assert.Contains($"<div class=\"code-head\" data-lang=\"{lang}\">", html);
    }

    [Fact]
    public void Math_blocks_are_not_code_blocks()
    {
        var html = Html("$$\nx^2\n$$\n");
        Assert.DoesNotContain("code-block", html);
    }

    [Fact]
    public void Pages_carry_no_highlighting_script()
    {
        var js = File.ReadAllText(Path.Combine(TempSite.ThemeDir, "assets", "site.js"));
        Assert.DoesNotContain("tok-", js);
        Assert.DoesNotContain("KEYWORDS", js);
        Assert.DoesNotContain("highlight(", js);
    }

    [Fact]
    public void A_built_note_page_has_highlighted_code()
    {
        using var site = new TempSite().Write("a.md", "# A\n\n## 代码\n\n```python\nimport torch\n```\n");
        site.Build();
        var html = site.ReadOutput("a/index.html");
        Assert.Contains("<span class=\"tok-keyword\">import</span>", html);
        Assert.Contains("<div class=\"code-head\" data-lang=\"python\">", html);
    }
}
