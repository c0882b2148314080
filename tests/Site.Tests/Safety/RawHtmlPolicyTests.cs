using AngleSharp.Html.Parser;
using Site.Render.Html;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Safety;

/// <summary>Raw HTML in Markdown: sanitized by default (see HtmlPolicy), kept as written with --allow-html.</summary>
public class RawHtmlPolicyTests
{
    [Theory]
    // kept exactly as written
    [InlineData("<details>\n<summary>More</summary>", "<details>\n<summary>More</summary>")]
    [InlineData("<kbd>Ctrl</kbd>", "<kbd>Ctrl</kbd>")]
    [InlineData("<sub>", "<sub>")]
    [InlineData("<br>", "<br>")]
    [InlineData("<img src=\"a.png\" alt=\"A\">", "<img src=\"a.png\" alt=\"A\">")]
    [InlineData("<table><tr><td style=\"color:red\">x</td></tr></table>", "<table><tr><td style=\"color:red\">x</td></tr></table>")]
    [InlineData("<a href=\"https://example.org/?q=1&amp;r=2\">x</a>", "<a href=\"https://example.org/?q=1&amp;r=2\">x</a>")]
    [InlineData("<img src=\"data:image/png;base64,AAAA\" alt=\"dot\">", "<img src=\"data:image/png;base64,AAAA\" alt=\"dot\">")]
    // removed
    [InlineData("<script>alert(1)</script>", "")]
    [InlineData("<p>a</p><script>var s = '<b>';</script><p>b</p>", "<p>a</p><p>b</p>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>", "")]
    [InlineData("<object data=\"x.swf\"></object><embed src=\"x.swf\">", "")]
    [InlineData("<style>body{display:none}</style>", "")]
    [InlineData("<img src=x onerror=alert(1)>", "<img src=\"x\">")]
    [InlineData("<div ONCLICK=\"evil()\" class=\"box\">", "<div class=\"box\">")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\" JaVa&#x09;ScRiPt:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"vbscript:msgbox(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"data:text/html,<script>alert(1)</script>\">x</a>", "<a>x</a>")]
    [InlineData("<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">", "<img>")]
    [InlineData("<svg><animate attributeName=\"href\" to=\"javascript:alert(1)\"/></svg>", "<svg></svg>")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">", "")]
    [InlineData("<div>\n<img alt=\"", "<div>\n")] // would swallow the next block's markup into the attribute
    [InlineData("<div>\n<!-- open", "<div>\n")]
    [InlineData("<svg><xmp><img src=x onerror=alert(1)></xmp></svg>", "<svg><xmp><img src=\"x\"></xmp></svg>")]
    [InlineData("<p>café &amp; thé</p><script>x</script>", "<p>café &amp; thé</p>")]
    public void Sanitizer_keeps_harmless_html_and_removes_the_rest(string raw, string expected)
    {
        var safe = SanitizeHtml.Apply(raw, out var removed);
        Assert.Equal(expected, safe);
        Assert.Equal(expected == raw, removed.Count == 0);
    }

    private const string Note = "# Raw\n\nText <img src=x onerror=\"alert(1)\"> and <kbd>Ctrl</kbd>.\n\n<script>alert('x')</script>\n\n<details>\n<summary>More</summary>\n\nHidden *markdown*.\n\n</details>\n\n[bad](javascript:alert(2)) <javascript:alert(3)> ![img](javascript:alert(4))\n";

    [Fact]
    public void By_default_raw_html_is_sanitized_with_a_warning_per_line()
    {
        using var site = new TempSite();
        site.Write("raw.md", Note);
        var r = site.Build();
        Assert.Equal(0, r.ExitCode);
        var warnings = r.Diagnostics.Where(d => d.Path == "raw.md").Select(d => (d.Line, d.Message)).ToList();
        Assert.Contains(warnings, w => w.Line == 3 && w.Message.Contains("onerror="));
        Assert.Contains(warnings, w => w.Line == 5 && w.Message.Contains("<script>"));
        Assert.Equal(3, warnings.Count(w => w.Line == 14 && w.Message.Contains("script")));

        var doc = new HtmlParser().ParseDocument(site.ReadOutput("raw/index.html"));
        var body = doc.QuerySelector(".note-body")!;
        Assert.Empty(body.QuerySelectorAll("script, [onerror], a[href^='javascript'], img[src^='javascript']"));
        Assert.NotNull(body.QuerySelector("details > summary"));
        Assert.NotNull(body.QuerySelector("details em"));
        Assert.NotNull(body.QuerySelector("kbd"));
        Assert.Contains("javascript:alert(3)", body.TextContent); // the autolink is shown as text
    }

    [Fact]
    public void Allow_html_keeps_raw_html_as_written()
    {
        using var site = new TempSite();
        site.Write("raw.md", Note);
        var r = site.Build(site.Options() with { AllowHtml = true });
        Assert.DoesNotContain(r.Diagnostics, d => d.Message.Contains("raw HTML"));
        var html = site.ReadOutput("raw/index.html");
        Assert.Contains("<script>alert('x')</script>", html);
        Assert.Contains("onerror=\"alert(1)\"", html);
        Assert.Contains("href=\"javascript:alert(2)\"", html);
    }
}
