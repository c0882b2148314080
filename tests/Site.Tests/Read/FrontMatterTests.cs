using Site.Core;
using Site.Read;
using Xunit;

namespace Site.Tests.Read;

public class FrontMatterTests
{
    private static (FrontMatterParser.Result r, DiagnosticBag d) Parse(string text)
    {
        var d = new DiagnosticBag();
        return (FrontMatterParser.Parse(text, "n.md", d), d);
    }

    [Theory]
    [InlineData("---\ntitle: A\n---\nbody\n", "A", "body\n", 4)]
    [InlineData("---\ntitle: A\n---", "A", "", 4)]                        // fence is the last line
    [InlineData("---\ntitle: A\n...\n\nbody", "A", "\nbody", 4)]          // YAML's document end marker
    [InlineData("---\r\ntitle: A\r\n---\r\nbody\r\n", "A", "body\r\n", 4)] // CRLF: the body keeps its line ends
    [InlineData("---\ntitle: A\n---  \nbody", "A", "body", 4)]             // trailing spaces after the fence
    [InlineData("---\n---\nbody", null, "body", 3)]                         // empty front matter
    [InlineData("---\ntitle: A\nx: ---\n---\n---\nb", "A", "---\nb", 5)]  // the first fence line closes it
    public void The_body_starts_after_the_closing_fence(string text, string? title, string body, int bodyLine)
    {
        var (r, d) = Parse(text);
        Assert.Empty(d.All);
        Assert.Equal(title, r.Meta.Title);
        Assert.Equal(body, r.Body);
        Assert.Equal(bodyLine, r.BodyLine);
    }

    [Theory]
    [InlineData("---\ntitle: A\nbody")]
    [InlineData("---\n")]
    [InlineData("---")]
    public void An_unclosed_front_matter_is_an_error_and_the_whole_file_is_the_body(string text)
    {
        var (r, d) = Parse(text);
        Assert.Contains(d.All, x => x.Line == 1 && x.Message.Contains("never closed"));
        Assert.Equal(text, r.Body);
    }

    [Fact]
    public void Obsidian_keys_title_created_modified()
    {
        var (r, d) = Parse("---\ntitle: \"工具笔记\"\ncreated: 2024-06-17\nmodified: 2024-06-25\n---\n\n# 工具笔记\n");
        Assert.Empty(d.All);
        Assert.Equal("工具笔记", r.Meta.Title);
        Assert.Equal(new DateTime(2024, 6, 17), r.Meta.Date!.Value.Date);
        Assert.Equal(new DateTime(2024, 6, 25), r.Meta.Modified!.Value.Date);
        Assert.Equal(6, r.BodyLine);
        Assert.StartsWith("\n# 工具笔记", r.Body);
    }

    [Fact]
    public void Jekyll_keys_permalink_excerpt_toc_and_unknown_keys_kept()
    {
        var (r, d) = Parse("---\npermalink: /research-log\ntitle: \"日志\"\nexcerpt: \"记录\"\nauthor_profile: true\ntoc: true\ntoc_sticky: true\nlayout: single\n---\nbody");
        Assert.Empty(d.All);
        Assert.Equal("/research-log", r.Meta.Permalink);
        Assert.Equal("记录", r.Meta.Excerpt);
        Assert.True(r.Meta.Toc);
        Assert.Equal("single", r.Meta.Layout);
        Assert.Equal("true", r.Meta.Extra["author_profile"]);
        Assert.Equal("true", r.Meta.Extra["toc_sticky"]);
    }

    [Theory]
    [InlineData("url: /notes/x/", "/notes/x/", null)] // Hugo: the page's URL
    [InlineData("url: https://arxiv.org/abs/1706.00001v1", null, "https://arxiv.org/abs/1706.00001v1")] // a literature note's source (235 errors in a real vault)
    [InlineData("url: //example.com/a", null, "//example.com/a")]
    [InlineData("permalink: /p/", "/p/", null)]
    public void Url_key_is_a_permalink_only_when_it_is_a_site_path(string yaml, string? permalink, string? extra)
    {
        var (r, d) = Parse("---\n" + yaml + "\n---\nbody");
        Assert.Empty(d.All);
        Assert.Equal(permalink, r.Meta.Permalink);
        Assert.Equal(extra, r.Meta.Extra.GetValueOrDefault("url"));
    }

    [Theory]
    [InlineData("tags:\n  - AI\n  - 云计算\n")]
    [InlineData("tags: [AI, 云计算]\n")]
    [InlineData("tags: AI, 云计算\n")]
    [InlineData("tags: \"AI，云计算\"\n")]
    [InlineData("categories:\n  - AI\ntags: 云计算\n")] // Jekyll / Hexo
    [InlineData("category:\n    - AI\ntags: [云计算]\n")] // Hexo posts write the singular too
    public void Tags_as_list_flow_list_or_comma_string(string yaml)
    {
        var (r, d) = Parse("---\n" + yaml + "---\n");
        Assert.Empty(d.All);
        Assert.Equal(new[] { "AI", "云计算" }, r.Meta.Tags.ToArray());
    }

    [Fact]
    public void Misspelt_keys_are_kept_as_metadata_not_errors()
    {
        var (r, d) = Parse("---\nlayout: article\ntitle: x\ndata: 2024-08-08\n---\n");
        Assert.Empty(d.All);
        Assert.Null(r.Meta.Date);
        Assert.Equal("2024-08-08", r.Meta.Extra["data"]);
    }

    [Fact]
    public void Draft_aliases_and_hugo_lastmod()
    {
        var (r, _) = Parse("---\ndraft: true\naliases: [a, b]\nlastmod: 2024-01-02\n---\n");
        Assert.True(r.Meta.Draft);
        Assert.Equal(new[] { "a", "b" }, r.Meta.Aliases.ToArray());
        Assert.Equal(2, r.Meta.Modified!.Value.Day);
    }

    [Fact]
    public void Malformed_yaml_reports_the_file_line_and_keeps_the_body()
    {
        var (r, d) = Parse("---\ntitle: ok\ntags: [a, b\nother: 1\n---\n# Body\n");
        var diag = Assert.Single(d.All);
        Assert.Equal(Severity.Error, diag.Severity);
        Assert.InRange(diag.Line, 3, 5);
        Assert.Contains("malformed front matter", diag.Message);
        Assert.Equal("# Body\n", r.Body);
        Assert.Equal(6, r.BodyLine);
    }

    [Fact]
    public void Unclosed_front_matter_is_an_error_at_line_1_and_text_is_kept()
    {
        var (r, d) = Parse("---\ntitle: x\n# Heading\ntext\n");
        var diag = Assert.Single(d.All);
        Assert.Equal(1, diag.Line);
        Assert.Contains("never closed", diag.Message);
        Assert.Contains("# Heading", r.Body);
    }

    [Theory]
    [InlineData("---\n- a\n- b\n---\nx", "a list")]
    [InlineData("---\njust a string\n---\nx", "a single value")]
    public void Front_matter_that_is_not_a_map(string text, string kind)
    {
        var (r, d) = Parse(text);
        var diag = Assert.Single(d.All);
        Assert.Contains(kind, diag.Message);
        Assert.Equal("x", r.Body);
    }

    [Fact]
    public void Bad_date_is_a_warning_with_its_line()
    {
        var (r, d) = Parse("---\ntitle: t\ndate: someday\n---\n");
        var diag = Assert.Single(d.All);
        Assert.Equal(3, diag.Line);
        Assert.Equal(Severity.Warning, diag.Severity);
        Assert.Null(r.Meta.Date);
    }

    [Fact]
    public void No_front_matter_means_body_is_whole_text()
    {
        var (r, d) = Parse("# Title\n---\nnot front matter");
        Assert.Empty(d.All);
        Assert.False(r.HadFrontMatter);
        Assert.Equal(1, r.BodyLine);
    }
}
