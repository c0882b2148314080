using Site.Cli;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Build;

/// <summary>
/// Shapes found in other authors' note collections (issue 14), written here by hand: math next to Chinese text,
/// math in headings, [toc] markers, missing images. Whole builds, cached and uncached.
/// </summary>
public class NoteShapesTests
{
    private const string Note =
        "# 强化学习 $Q$ 函数\n\n[TOC]\n\n## （3）重新设计 $R_{t}$\n\n其中是$f(i-j)$位置，$\\alpha$是学习率（$x$），奖励 $-$1，价格 $5 和 $10。\n\n"
        + "## 图\n\n![策略网络结构](img/policy.png)\n\n图 1：策略网络。\n\n## 未闭合\n\n这里 $\\gamma 没有闭合\n";

    private static TempSite Site() => new TempSite().Write("rl/q.md", Note);

    [Fact]
    public void Math_next_to_chinese_renders_and_no_dollar_is_left()
    {
        using var site = Site();
        site.Build();
        var body = NoteBody(site.ReadOutput("rl/q/index.html"));
        Assert.Equal(6, Count(body, "class=\"katex\"")); // R_t in the [TOC] and in its heading, f(i-j), α, x, −
        Assert.Contains("价格 $5 和 $10。", body);
        Assert.Contains("这里 $\\gamma 没有闭合", body); // the unpaired one stays text…
    }

    [Fact]
    public void Unpaired_dollar_before_tex_is_warned_with_its_line()
    {
        using var site = Site();
        var r = site.Build();
        var d = Assert.Single(r.Diagnostics, x => x.Message.Contains("unpaired"));
        Assert.Equal("rl/q.md:17: warning: math: unpaired \"$\" before \"\\gamma 没有闭合\" is shown as text; close the formula, or write \\$ for a dollar sign", d.ToString());
    }

    [Fact]
    public void Heading_math_renders_on_the_page_and_reads_as_text_everywhere_else()
    {
        using var site = Site();
        site.Build();
        var html = site.ReadOutput("rl/q/index.html");
        Assert.Contains("<title>强化学习 Q 函数 · Test KB</title>", html);
        // The heading (its level is the heading helpers' business): math rendered, "{t}" not taken as an attribute.
        Assert.Matches(" id=\"重新设计-r_t\" data-share=\"/s/[0-9a-z]+\\.html\">重新设计 <span class=\"math\"><span class=\"katex\">", html);
        Assert.DoesNotContain(" t=\"\"", html);
        // TOC, sidebar, share page titles and descriptions: no TeX, and a '$' only where the text has a dollar sign.
        Assert.Contains(">重新设计 R_t</a>", html);
        var share = Directory.GetFiles(Path.Combine(site.Output, "s")).Select(File.ReadAllText).First(s => s.Contains("og:title\" content=\"强化学习 Q 函数 › 重新设计"));
        Assert.Contains("<title>强化学习 Q 函数 › 重新设计 R_t", share);
        Assert.Contains("<meta property=\"og:title\" content=\"强化学习 Q 函数 › 重新设计 R_t\"", share);
        var head = Between(share, "<head>", "</head>");
        Assert.Contains("α是学习率（x），奖励 -1，价格 $5 和 $10。", head); // money stays money, as on the page
        Assert.DoesNotContain("\\", head);
        Assert.Equal(2, head.Split("og:description")[1].Split("/>")[0].Count(c => c == '$'));
        var search = global::Site.Tests.Index.SearchOutput.DisplayJson(site.Output); // the search results' titles and text (docs.json is no longer published)
        Assert.Contains("重新设计 R_t", search);
        Assert.DoesNotContain("$R_{t}$", search);
    }

    [Fact]
    public void Toc_marker_becomes_a_table_of_contents()
    {
        using var site = Site();
        site.Build();
        var body = NoteBody(site.ReadOutput("rl/q/index.html"));
        Assert.Contains("<nav class=\"toc-inline\"", body);
        Assert.Contains("<a href=\"#图\">图</a>", body);
        Assert.DoesNotContain("[TOC]", body);
    }

    [Fact]
    public void Missing_image_is_a_placeholder_with_its_alt_text_and_a_warning()
    {
        using var site = Site();
        var r = site.Build();
        var body = NoteBody(site.ReadOutput("rl/q/index.html"));
        Assert.DoesNotContain("<img", body);
        Assert.Contains("<span class=\"img-missing\" role=\"img\" aria-label=\"图片缺失 Missing image: 策略网络结构\" title=\"img/policy.png\">", body);
        Assert.Contains("<span class=\"img-missing-alt\">策略网络结构</span>", body);
        Assert.Contains("图 1：策略网络。", body);
        Assert.Contains(r.Diagnostics, x => x.ToString().StartsWith("rl/q.md:11: warning: missing image: img/policy.png"));
    }

    [Fact]
    public void Cached_and_uncached_builds_are_byte_identical()
    {
        using var site = Site();
        site.Build();                       // fills the cache
        site.Build();                       // from the cache
        var cached = SiteSnapshot.Of(site.Output);
        var plain = Path.Combine(site.Root, "plain");
        site.Build(site.Options() with { OutputDir = plain, CacheDir = null });
        SiteSnapshot.AssertSame(SiteSnapshot.Of(plain), cached, "a build without the cache");
    }

    private static string NoteBody(string html) => Between(html, "<div class=\"note-body\">", "</article>");

    private static string Between(string s, string from, string to)
    {
        var a = s.IndexOf(from, StringComparison.Ordinal);
        var b = s.IndexOf(to, a, StringComparison.Ordinal);
        return s[a..b];
    }

    private static int Count(string s, string what)
    {
        int n = 0;
        for (int i = s.IndexOf(what, StringComparison.Ordinal); i >= 0; i = s.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
