using Xunit;
using Site.Cli.Config;
using Site.Core;

namespace Site.Tests.Cli;

/// <summary>site.yml → <see cref="SiteConfig"/>: every key, YAML comments and quotes, unknown keys and bad values at their line.</summary>
public class SiteConfigReaderTests
{
    private const string Full = """
        # my site
        title: "机器学习笔记 · ML Notes"   # a comment, not part of the title
        description: 'It''s about models'
        language: en-GB
        base_url: kb
        site_url: https://me.github.io/
        strict: true
        drafts: yes
        nav: [机器学习, tools/]
        search:
          enabled: false
        math:
          enabled: false
          fix: true
        """;

    [Fact]
    public void Every_key_is_read_into_the_typed_config()
    {
        var (c, diags) = SiteConfigReader.Parse(Full);
        Assert.Empty(diags);
        Assert.Equal("机器学习笔记 · ML Notes", c.Title);
        Assert.Equal("It's about models", c.Description);
        Assert.Equal("en-GB", c.Language);
        Assert.Equal("/kb/", c.BaseUrl);
        Assert.Equal("https://me.github.io", c.SiteUrl);
        Assert.True(c.Strict);
        Assert.True(c.Drafts);
        Assert.Equal(new[] { new NavItem("机器学习", 9), new NavItem("tools", 9) }, c.Nav);
        Assert.False(c.SearchEnabled);
        Assert.False(c.MathEnabled);
        Assert.True(c.MathFix);
    }

    [Theory]
    [InlineData("title: My notes # comment", "My notes")]
    [InlineData("title: \"My # notes\"", "My # notes")]
    [InlineData("title: 'Quoted: with colon'", "Quoted: with colon")]
    [InlineData("title: \"引号 \\\"inside\\\"\"", "引号 \"inside\"")]
    [InlineData("# only a comment\ntitle:   spaced   ", "spaced")]
    [InlineData("title: >\n  folded\n  title\n", "folded title")]
    public void Comments_and_quotes_do_not_leak_into_values(string yaml, string title)
    {
        var (c, diags) = SiteConfigReader.Parse(yaml);
        Assert.Empty(diags);
        Assert.Equal(title, c.Title);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing set yet\n")]
    [InlineData("---\n")]
    public void An_empty_file_is_an_empty_config(string yaml)
    {
        var (c, diags) = SiteConfigReader.Parse(yaml);
        Assert.Empty(diags);
        Assert.Equal(SiteConfig.Empty, c);
    }

    [Theory]
    [InlineData("title: A\ncolour: blue\n", 2, "unknown key 'colour'")]
    [InlineData("title: A\nbaseUrl: /kb/\n", 2, "did you mean 'base_url'?")]
    [InlineData("titel: A\n", 1, "did you mean 'title'?")]
    [InlineData("math:\n  enabled: true\n  fixx: true\n", 3, "unknown key 'math.fixx'")]
    [InlineData("search:\n  engine: lunr\n", 2, "unknown key 'search.engine'")]
    public void Unknown_keys_are_warnings_at_their_line(string yaml, int line, string message)
    {
        var (_, diags) = SiteConfigReader.Parse(yaml);
        var d = Assert.Single(diags);
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Equal(line, d.Line);
        Assert.Contains(message, d.Message);
        Assert.Equal("site.yml", d.Path);
    }

    [Fact]
    public void Known_keys_still_count_beside_an_unknown_one()
    {
        var (c, diags) = SiteConfigReader.Parse("colour: blue\ntitle: Kept\n");
        Assert.Single(diags);
        Assert.Equal("Kept", c.Title);
    }

    [Theory]
    [InlineData("title: Ok\nstrict: maybe\n", 2, "strict: expected true or false, found 'maybe'")]
    [InlineData("strict: \"true\"\n", 1, "strict: expected true or false")]
    [InlineData("drafts: [a]\n", 1, "drafts: expected true or false, found a list")]
    [InlineData("title: [a, b]\n", 1, "title: expected text, found a list")]
    [InlineData("title: \"  \"\n", 1, "title: must not be empty")]
    [InlineData("language: zh CN\n", 1, "not a language tag")]
    [InlineData("\n\nbase_url: https://me.github.io/kb/\n", 3, "must be a path such as / or /kb/")]
    [InlineData("site_url: /kb/\n", 1, "must be an absolute http(s) address")]
    [InlineData("site_url: ftp://example.org\n", 1, "must be an absolute http(s) address")]
    [InlineData("nav: tools\n", 1, "nav: expected a list of top-level folder names")]
    [InlineData("nav:\n  - a\n  - [b]\n", 3, "nav: each entry must be a folder name")]
    [InlineData("math: 3\n", 1, "math: expected settings such as")]
    [InlineData("math:\n  fix: sometimes\n", 2, "math.fix: expected true or false")]
    [InlineData("search:\n  enabled: 1\n", 2, "search.enabled: expected true or false")]
    public void Bad_values_are_errors_at_their_line_and_are_ignored(string yaml, int line, string message)
    {
        var (c, diags) = SiteConfigReader.Parse(yaml);
        var d = Assert.Single(diags);
        Assert.Equal(Severity.Error, d.Severity);
        Assert.Equal(line, d.Line);
        Assert.Contains(message, d.Message);
        Assert.Null(c.Strict);
        Assert.Null(c.Drafts);
        Assert.Null(c.Language);
        Assert.Null(c.BaseUrl);
        Assert.Null(c.SiteUrl);
        Assert.Null(c.MathFix);
        Assert.Null(c.SearchEnabled);
    }

    [Theory]
    [InlineData("title: [unclosed\n", 2)] // YamlDotNet notices at the end of the file
    [InlineData("title: a\n  bad: indent\n", 2)]
    [InlineData("title: a\ntitle: b\n", 2)]
    [InlineData("- just\n- a list\n", 1)]
    public void Invalid_yaml_is_one_error_at_its_line_and_the_file_is_ignored(string yaml, int line)
    {
        var (c, diags) = SiteConfigReader.Parse(yaml);
        var d = Assert.Single(diags);
        Assert.Equal(Severity.Error, d.Severity);
        Assert.Equal(line, d.Line);
        Assert.Equal(SiteConfig.Empty, c);
    }

    [Theory]
    [InlineData("math: false", false)]
    [InlineData("math: true", true)]
    public void A_section_given_as_true_or_false_is_short_for_enabled(string yaml, bool enabled)
    {
        var (c, diags) = SiteConfigReader.Parse(yaml);
        Assert.Empty(diags);
        Assert.Equal(enabled, c.MathEnabled);
    }

    [Fact]
    public void A_folder_without_site_yml_has_an_empty_config()
    {
        var dir = Directory.CreateTempSubdirectory("kb-config-");
        try
        {
            var (c, diags) = SiteConfigReader.ReadFolder(dir.FullName);
            Assert.Equal(SiteConfig.Empty, c);
            Assert.Empty(diags);
        }
        finally { dir.Delete(recursive: true); }
    }
}
