using Xunit;
using Site.Cli;
using Site.Cli.Commands;
using Site.Core;
using Site.Tests.Support;

namespace Site.Tests.Cli;

/// <summary>Flags win over site.yml, site.yml over the defaults; a folder with site.yml needs no flags.</summary>
public class OptionsResolverTests
{
    private static SiteSettings Settings(string input) => new() { Input = input, Output = Path.Combine(input, "..", "out"), Theme = TempSite.ThemeDir };

    [Fact]
    public void Site_yml_values_apply_when_no_flag_is_given()
    {
        using var site = new TempSite();
        site.Write("site.yml", "title: From file\ndescription: About\nlanguage: en\nbase_url: /kb/\nsite_url: https://x.org\nstrict: true\ndrafts: true\nmath:\n  fix: true\n");
        var o = OptionsResolver.Resolve(Settings(site.Input));
        Assert.Equal(("From file", "About", "en", "/kb/", "https://x.org"), (o.SiteTitle, o.SiteDescription, o.Language, o.BaseUrl, o.SiteUrl));
        Assert.True(o.Strict);
        Assert.True(o.IncludeDrafts);
        Assert.True(o.FixMath);
        Assert.Empty(o.SettingsDiagnostics);
    }

    [Fact]
    public void Default_cache_has_a_name_of_its_own_so_an_output_in_home_never_uses_the_shared_dot_cache()
    {
        using var site = new TempSite();
        var home = Directory.CreateDirectory(Path.Combine(site.Root, "home")).FullName; // stands for ~ (never the real one)
        var o = OptionsResolver.Resolve(new SiteSettings { Input = site.Input, Output = Path.Combine(home, "site"), Theme = TempSite.ThemeDir });
        Assert.Equal(Path.Combine(home, ".kbsite-cache"), o.CacheDir);
        Assert.NotEqual(Path.Combine(home, ".cache"), o.CacheDir);
    }

    [Fact]
    public void Flags_override_the_file()
    {
        using var site = new TempSite();
        site.Write("site.yml", "title: From file\nbase_url: /kb/\nsite_url: https://x.org\n");
        var s = Settings(site.Input);
        s.Title = "From flag";
        s.BaseUrl = "/other";
        s.SiteUrl = "https://y.org/";
        var o = OptionsResolver.Resolve(s);
        Assert.Equal(("From flag", "/other/", "https://y.org"), (o.SiteTitle, o.BaseUrl, o.SiteUrl));
    }

    [Fact]
    public void Without_site_yml_the_defaults_are_as_before()
    {
        using var site = new TempSite();
        var o = OptionsResolver.Resolve(new SiteSettings { Theme = TempSite.ThemeDir }, currentDir: site.Root);
        Assert.Equal(("input", "output", "/", "Knowledge Base", "zh-CN"), (o.InputDir, o.OutputDir, o.BaseUrl, o.SiteTitle, o.Language));
        Assert.False(o.Strict);
    }

    [Fact]
    public void A_folder_with_site_yml_builds_itself_into_site()
    {
        using var site = new TempSite();
        site.Write("site.yml", "title: Here\n");
        var o = OptionsResolver.Resolve(new SiteSettings { Theme = TempSite.ThemeDir }, currentDir: site.Input);
        Assert.Equal((".", "_site", "Here"), (o.InputDir, o.OutputDir, o.SiteTitle));
    }

    [Fact]
    public void Site_yml_problems_are_build_diagnostics_reported_once_and_fail_strict()
    {
        using var site = new TempSite();
        site.Write("site.yml", "title: T\ncolour: blue\n").Write("a.md", "# A\n\ntext\n");
        var o = OptionsResolver.Resolve(Settings(site.Input)) with { OutputDir = site.Output, CacheDir = null };
        var log = new StringWriter();
        var plain = SiteBuilder.Build(o, log, quiet: true);
        Assert.Equal(0, plain.ExitCode);
        Assert.Single(plain.Diagnostics, d => d.ToString().StartsWith("site.yml:2: warning: unknown key 'colour'", StringComparison.Ordinal));
        Assert.Contains("site.yml:2: warning: unknown key 'colour'", log.ToString());
        Assert.Equal(1, SiteBuilder.Build(o with { Strict = true }, TextWriter.Null, quiet: true).ExitCode);
    }

    [Fact]
    public void Description_and_language_reach_the_pages()
    {
        using var site = new TempSite();
        site.Write("site.yml", "description: Notes about things\nlanguage: en\n").Write("a.md", "# A\n\ntext\n");
        var o = OptionsResolver.Resolve(Settings(site.Input)) with { OutputDir = site.Output, CacheDir = null };
        Assert.Equal(0, SiteBuilder.Build(o, TextWriter.Null, quiet: true).ExitCode);
        var home = site.ReadOutput("index.html");
        Assert.Contains("<html lang=\"en\"", home);
        Assert.Contains("content=\"Notes about things\"", home);
    }
}
