using Site.Cli;
using Site.Cli.Commands;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Cli;

/// <summary>What nav, search and math in site.yml do to the built site.</summary>
public class SiteConfigEffectsTests
{
    private static Core.BuildOptions Options(TempSite site) =>
        OptionsResolver.Resolve(new SiteSettings { Input = site.Input, Output = site.Output, Theme = TempSite.ThemeDir, NoCache = true });

    [Fact]
    public void Nav_lists_its_folders_first_in_its_order()
    {
        using var site = new TempSite();
        site.Write("site.yml", "nav: [zeta, beta]\n")
            .Write("alpha/a.md", "# Alpha note\n").Write("beta/b.md", "# Beta note\n").Write("zeta/z.md", "# Zeta note\n");
        Assert.Equal(0, site.Build(Options(site)).ExitCode);
        var home = site.ReadOutput("index.html");
        var (z, b, a) = (home.IndexOf("Zeta note", StringComparison.Ordinal), home.IndexOf("Beta note", StringComparison.Ordinal), home.IndexOf("Alpha note", StringComparison.Ordinal));
        Assert.True(z >= 0 && b >= 0 && a >= 0);
        var sidebar = home[..home.IndexOf("</nav>", StringComparison.Ordinal)];
        Assert.True(sidebar.IndexOf(">zeta<", StringComparison.Ordinal) < sidebar.IndexOf(">beta<", StringComparison.Ordinal));
        Assert.True(sidebar.IndexOf(">beta<", StringComparison.Ordinal) < sidebar.IndexOf(">alpha<", StringComparison.Ordinal));
    }

    [Fact]
    public void A_nav_entry_without_a_folder_is_a_warning_at_its_line()
    {
        using var site = new TempSite();
        site.Write("site.yml", "nav:\n  - alpha\n  - gone\n").Write("alpha/a.md", "# A\n");
        var d = Assert.Single(Options(site).SettingsDiagnostics);
        Assert.Equal("site.yml:3: warning: nav: there is no top-level folder 'gone' in the notes; the entry is ignored", d.ToString());
    }

    [Fact]
    public void Search_disabled_writes_no_index_and_no_search_box()
    {
        using var site = new TempSite();
        site.Write("site.yml", "search:\n  enabled: false\n").Write("a.md", "# A\n\ntext\n");
        Assert.Equal(0, site.Build(Options(site)).ExitCode);
        Assert.False(site.OutputExists("search/meta.json"));
        Assert.False(site.OutputExists("search/d/0.json.gz"));
        Assert.False(site.OutputExists("assets/search/search-ui.mjs"));
        Assert.DoesNotContain("search-input", site.ReadOutput("a/index.html"));
    }

    [Fact]
    public void Math_disabled_leaves_tex_source_without_katex()
    {
        using var site = new TempSite();
        site.Write("site.yml", "math: false\n").Write("a.md", "# A\n\nEuler $e^{i\\pi}+1=0$.\n");
        Assert.Equal(0, site.Build(Options(site)).ExitCode);
        var page = site.ReadOutput("a/index.html");
        Assert.Contains("math-fallback", page);
        Assert.DoesNotContain("class=\"katex\"", page);
    }
}
