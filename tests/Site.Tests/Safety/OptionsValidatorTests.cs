using Site.Cli;
using Xunit;

namespace Site.Tests.Safety;

/// <summary>Command-line values are checked before any work; usage errors exit 64.</summary>
public sealed class OptionsValidatorTests
{
    [Theory]
    [InlineData(null, "/", null)]
    [InlineData("/kb/", "/kb/", null)]
    [InlineData("kb", "/kb/", null)]
    [InlineData("/kb//docs", "/kb/docs/", null)]
    [InlineData("https://me.github.io/kb/", "/kb/", "https://me.github.io")]
    [InlineData("https://me.github.io", "/", "https://me.github.io")]
    [InlineData("http://localhost:8080/x", "/x/", "http://localhost:8080")]
    public void Base_url_is_a_path_or_a_full_url_split_into_site_and_path(string? baseUrl, string path, string? site)
    {
        var c = OptionsValidator.Validate(baseUrl, null);
        Assert.True(c.Ok, string.Join("; ", c.Errors));
        Assert.Equal(path, c.BaseUrl);
        Assert.Equal(site, c.SiteUrl);
    }

    [Theory]
    [InlineData("//evil.example/", "protocol-relative")]
    [InlineData(@"\\evil.example\", "protocol-relative")]
    [InlineData("javascript:alert(1)", "http(s)")]
    [InlineData("ftp://host/kb/", "http(s)")]
    [InlineData("/kb/../x/", "\"..\"")]
    [InlineData("/k\"b/", "character")]
    [InlineData("/kb?x=1", "character")]
    [InlineData("https://me.github.io/kb/?q", "query")]
    public void Bad_base_urls_are_refused(string baseUrl, string message)
    {
        var c = OptionsValidator.Validate(baseUrl, null);
        Assert.False(c.Ok);
        Assert.Contains(message, Assert.Single(c.Errors));
    }

    [Theory]
    [InlineData("notaurl", false)]
    [InlineData("me.github.io", false)]
    [InlineData("file:///etc/", false)]
    [InlineData("https://", false)]
    [InlineData("https://me.github.io", true)]
    [InlineData("https://me.github.io/", true)]
    public void Site_url_must_be_an_absolute_http_url(string siteUrl, bool ok)
    {
        var c = OptionsValidator.Validate(null, siteUrl);
        Assert.Equal(ok, c.Ok);
        if (ok) Assert.Equal("https://me.github.io", c.SiteUrl);
    }

    [Fact]
    public void A_path_in_the_site_url_becomes_the_base_path_and_conflicts_are_refused()
    {
        var c = OptionsValidator.Validate(null, "https://me.github.io/kb");
        Assert.Equal(("/kb/", "https://me.github.io"), (c.BaseUrl, c.SiteUrl));
        Assert.False(OptionsValidator.Validate("/other/", "https://me.github.io/kb").Ok);
        Assert.False(OptionsValidator.Validate("https://a.example/kb/", "https://b.example").Ok);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(5000, true)]
    [InlineData(65535, true)]
    [InlineData(65536, false)]
    public void Port_is_in_range(int port, bool ok) => Assert.Equal(ok, OptionsValidator.Validate(null, null, port).Ok);

    [Fact]
    public void Stats_path_must_be_writable_and_the_check_leaves_no_file()
    {
        var dir = Directory.CreateTempSubdirectory("kb-stats-").FullName;
        try
        {
            Assert.True(OptionsValidator.Validate(null, null, statsJson: Path.Combine(dir, "s.json")).Ok);
            Assert.False(File.Exists(Path.Combine(dir, "s.json")));
            Assert.Contains("does not exist", Assert.Single(OptionsValidator.Validate(null, null, statsJson: Path.Combine(dir, "no", "s.json")).Errors));
            Assert.Contains("is a folder", Assert.Single(OptionsValidator.Validate(null, null, statsJson: dir).Errors));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Theory]
    [InlineData("--base-url", "//evil.example/")]
    [InlineData("--site-url", "notaurl")]
    [InlineData("--stats-json", "/nonexistent-folder-kb/stats.json")]
    [InlineData("--no-such-option", null)]
    public async Task Usage_errors_exit_64_before_anything_is_built(string option, string? value)
    {
        var root = Directory.CreateTempSubdirectory("kb-usage-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "in"));
            File.WriteAllText(Path.Combine(root, "in", "a.md"), "# A\n\nx\n");
            var args = new List<string> { "build", "-i", Path.Combine(root, "in"), "-o", Path.Combine(root, "out"), "--no-cache", "-q", option };
            if (value is not null) args.Add(value);
            Assert.Equal(OptionsValidator.UsageExitCode, await CommandLine.RunAsync(args.ToArray()));
            Assert.False(Directory.Exists(Path.Combine(root, "out")));
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
