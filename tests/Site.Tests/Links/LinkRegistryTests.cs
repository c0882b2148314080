using Site.Core;
using Site.Links;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Links;

/// <summary>The registry file's rules: who writes it, when --strict fails, that it is never a note, never
/// written through a link, and that builds with and without the cache agree with it.</summary>
public sealed class LinkRegistryTests
{
    private const string Note = "---\ntitle: Guide\n---\n\n## Alpha\n\nAlpha text about tokenizers and their many odd corner cases.\n\n## Beta\n\nBeta text about batching requests across several GPUs at once.\n";

    private static string RegistryOf(TempSite site) => File.ReadAllText(RegistryFile.PathIn(site.Input));

    [Fact]
    public void A_normal_build_writes_the_registry_and_strict_fails_until_it_is_up_to_date()
    {
        using var site = new TempSite();
        site.Write("guide.md", Note);
        var strict = site.Build(strict: true);
        Assert.Equal(1, strict.ExitCode);
        var d = Assert.Single(strict.Diagnostics);
        Assert.Equal(".kbsite/links.tsv:1: warning: the link registry is out of date (notes, headings or URLs changed since it was written): run a build without --strict and commit .kbsite/links.tsv", d.ToString());
        Assert.False(File.Exists(RegistryFile.PathIn(site.Input))); // strict never writes it

        Assert.Equal(0, site.Build().ExitCode);
        var text = RegistryOf(site);
        Assert.StartsWith(LinkRegistry.Header, text);
        Assert.Contains("note\t/guide/\t", text);
        Assert.Contains("\tbeta\t", text);
        Assert.Equal(0, site.Build(strict: true).ExitCode);
        Assert.Equal(text, RegistryOf(site));

        site.Write("guide.md", Note.Replace("## Beta", "## Gamma"));
        Assert.Equal(1, site.Build(strict: true).ExitCode);
        Assert.Equal(text, RegistryOf(site));
        Assert.Equal(0, site.Build().ExitCode);
        Assert.Contains("moved-anchor\t/guide/\tbeta\tgamma\n", RegistryOf(site));
        Assert.Equal(0, site.Build(strict: true).ExitCode);
    }

    [Fact]
    public void An_empty_site_gets_no_registry_and_the_registry_is_never_read_as_a_note()
    {
        using var site = new TempSite();
        Assert.Equal(0, site.Build(strict: true).ExitCode);
        Assert.False(Directory.Exists(Path.Combine(site.Input, RegistryFile.Folder)));

        site.Write("guide.md", Note).Write(".kbsite/notes.md", "# Not a note\n\n## Hidden\n\ntext\n");
        var r = site.Build();
        Assert.Equal(1, r.Notes);
        Assert.False(site.OutputExists(".kbsite/links.tsv"));
        Assert.False(Directory.Exists(Path.Combine(site.Output, ".kbsite")));
        Assert.DoesNotContain("Hidden", RegistryOf(site));
    }

    [Fact]
    public void The_registry_is_not_written_through_a_symbolic_link()
    {
        using var site = new TempSite();
        var outside = Path.Combine(site.Root, "elsewhere");
        Directory.CreateDirectory(outside);
        site.Write("guide.md", Note);
        Directory.CreateSymbolicLink(Path.Combine(site.Input, RegistryFile.Folder), outside);
        var log = new StringWriter();
        var r = Site.Cli.SiteBuilder.Build(site.Options(), log, quiet: true);
        Assert.Equal(0, r.ExitCode);
        Assert.Empty(Directory.GetFiles(outside));
        Assert.Contains(r.Diagnostics, d => d.Path == RegistryFile.RelativePath && d.Message.Contains("symbolic link"));
        Assert.Contains(".kbsite/links.tsv:1: warning: .kbsite/links.tsv: .kbsite is a symbolic link", log.ToString());
    }

    [Fact]
    public void Builds_with_and_without_the_cache_are_identical_after_a_rename()
    {
        using var site = new TempSite();
        site.Write("guide.md", Note).Write("b.md", "# B\n\n## One\n\nOne text that is long enough to be recognised again.\n");
        Assert.Equal(0, site.Build().ExitCode);
        site.Write("guide.md", Note.Replace("## Beta", "## Gamma"));
        File.Move(Path.Combine(site.Input, "b.md"), Path.Combine(site.Input, "c.md"));
        Assert.Equal(0, site.Build().ExitCode); // cached, updates the registry
        var cached = SiteSnapshot.Of(site.Output);
        Assert.Equal(0, site.Build(site.Options() with { CacheDir = null }).ExitCode);
        SiteSnapshot.AssertSame(cached, SiteSnapshot.Of(site.Output), "cached build");
        Assert.True(site.OutputExists("b/index.html")); // the old note URL redirects
        Assert.True(site.OutputExists("s/anchors.json"));
    }

    [Fact]
    public void An_ambiguous_match_is_a_warning_and_the_old_link_leads_to_the_note()
    {
        using var site = new TempSite();
        const string tip = "Keep the batch size a power of two so the kernels stay on their fast path.";
        site.Write("g.md", $"---\ntitle: G\n---\n\n## Start\n\nStart text about the project setup and the tools.\n\n## Tips\n\n{tip}\n\n## End\n\nEnd text about wrapping up and the next steps.\n");
        Assert.Equal(0, site.Build().ExitCode);
        var oldId = LinkRegistry.Parse(RegistryOf(site), (_, m) => throw new Exception(m)).Notes[0].Sections[1].ShareId;
        site.Write("g.md", $"---\ntitle: G\n---\n\n## Tip\n\n{tip}\n\n## Start\n\nStart text about the project setup and the tools.\n\n## End\n\nEnd text about wrapping up and the next steps.\n\n## Tip\n\n{tip}\n");
        var r = site.Build();
        var w = Assert.Single(r.Diagnostics);
        Assert.StartsWith("g.md:5: warning: link registry: old section \"Tips\"", w.ToString());
        Assert.Contains("could be \"Tip\" or \"Tip\"", w.Message);
        var page = site.ReadOutput($"s/{oldId}.html");
        Assert.Contains("class=\"read-in-note\" href=\"/g/\"", page);
        Assert.Equal(0, site.Build().ExitCode); // decided (recorded as leading to the note): no warning again
        Assert.Empty(site.Build().Diagnostics);
    }

    [Fact]
    public void A_deleted_notes_share_links_lead_home_and_to_search()
    {
        using var site = new TempSite();
        site.Write("guide.md", Note).Write("keep.md", "# Keep\n\n## K\n\nkept\n");
        Assert.Equal(0, site.Build().ExitCode);
        var beta = LinkRegistry.Parse(RegistryOf(site), (_, m) => throw new Exception(m)).Notes.Single(n => n.Url == "guide/").Sections[1].ShareId;
        File.Delete(Path.Combine(site.Input, "guide.md"));
        Assert.Equal(0, site.Build().ExitCode);
        var page = site.ReadOutput($"s/{beta}.html");
        Assert.Contains("<h1>Beta</h1>", page);
        Assert.Contains("class=\"read-in-note\" href=\"/\"", page);
        Assert.Contains("href=\"/?q=Beta\"", page);
        Assert.Contains("removed", page);
        Assert.False(site.OutputExists("guide/index.html"));
    }
}
