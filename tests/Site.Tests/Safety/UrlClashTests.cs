using Site.Read;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Safety;

/// <summary>URL clashes are per-note warnings with file:line; the note moves to a fallback URL and the build goes on.</summary>
public sealed class UrlClashTests
{
    [Fact]
    public void Notes_differing_only_in_case_both_build_with_a_warning()
    {
        using var site = new TempSite().Write("Note.md", "# Upper\n\nupper text\n").Write("note.md", "# Lower\n\nlower text\n");
        var r = site.Build();
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(2, r.Notes);
        Assert.Contains(r.Diagnostics, d => d.ToString() == "note.md:1: warning: URL /note/ is already used by Note.md; this note is published at /note-2/ instead");
        Assert.Contains("upper text", site.ReadOutput("note/index.html"));
        Assert.Contains("lower text", site.ReadOutput("note-2/index.html"));
    }

    [Theory]
    [InlineData("/sitemap.xml", "sitemap.xml", "sitemap.xml-2/index.html")]
    [InlineData("/Sitemap.XML", "sitemap.xml", "sitemap.xml-2/index.html")]
    [InlineData("/index.html", "index.html", "index-2.html")]
    [InlineData("/404.html", "404.html", "404-2.html")]
    [InlineData("/robots.txt", "robots.txt", "robots.txt-2/index.html")]
    [InlineData("/sidebar.html", null, "sidebar-2.html")] // small sites carry the tree inline: no sidebar.html
    [InlineData("/topics.json", "topics.json", "topics.json-2/index.html")]
    [InlineData("/assets/site.css", "assets/site.css", "assets-2/site.css/index.html")]
    [InlineData("/search/", "search/meta.json", "search-2/index.html")]
    [InlineData("/s/abc.html", null, "s-2/abc.html")]
    [InlineData("/tags/ml/", "tags/ml/index.html", "tags-2/ml/index.html")]
    [InlineData("/topics/x/", null, "topics-2/x/index.html")]
    [InlineData("/", "index.html", "home-2/index.html")]
    public void A_permalink_on_a_generated_path_is_moved_with_a_warning_and_the_generated_file_stays(string permalink, string? generated, string fallback)
    {
        using var site = new TempSite()
            .Write("other.md", "---\ntags: [ml]\n---\n# Other\n\nother text\n")
            .Write("x.md", $"---\ntitle: Clash\npermalink: {permalink}\n---\n# Clash\n\nclash text\n");
        var r = site.Build();
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(r.Diagnostics, d => d.Path == "x.md" && d.Line == 3 && d.Message.StartsWith("URL /") && d.Message.Contains("this note is published at"));
        Assert.Contains("clash text", site.ReadOutput(fallback));
        // The generated file is still the generator's, not the note's page.
        if (generated is not null) Assert.NotEqual(site.ReadOutput(fallback), site.ReadOutput(generated));
    }

    [Fact]
    public void A_note_folder_named_like_a_generated_folder_moves_out_of_it()
    {
        using var site = new TempSite().Write("tags/ml.md", "# Tagged\n\nzebra crossing\n").Write("b.md", "---\ntags: [ml]\n---\n# B\n\nb\n");
        var r = site.Build();
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(r.Diagnostics, d => d.Path == "tags/ml.md" && d.Message.Contains("reserved for the generated folder /tags/"));
        Assert.Contains("b", site.ReadOutput("tags/ml/index.html"));
        Assert.DoesNotContain("zebra crossing", site.ReadOutput("tags/ml/index.html"));
        Assert.Contains("zebra crossing", site.ReadOutput("tags-2/ml/index.html"));
    }

    [Fact]
    public void A_linked_file_never_replaces_a_generated_file_or_a_theme_asset()
    {
        using var site = new TempSite()
            .Write("a.md", "# A\n\n[home](index.html) [css](assets/site.css) ![img](assets/pic.png)\n")
            .Write("index.html", "<h1>forged home</h1>")
            .Write("assets/site.css", "body{display:none}")
            .Write("assets/pic.png", "png");
        var r = site.Build();
        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain("forged home", site.ReadOutput("index.html"));
        Assert.DoesNotContain("display:none", site.ReadOutput("assets/site.css"));
        Assert.Equal("png", site.ReadOutput("assets/pic.png")); // a note's own image under assets/ is fine
        Assert.Contains(r.Diagnostics, d => d.Path == "index.html" && d.Message.Contains("not copied"));
        Assert.Contains(r.Diagnostics, d => d.Path == "assets/site.css" && d.Message.Contains("not copied"));
    }

    [Theory]
    [InlineData("index.html", "index.html")]
    [InlineData("SITEMAP.xml/index.html", "sitemap.xml")]
    [InlineData("assets/site.css", "assets/")]
    [InlineData("s/x.html", "s/")]
    [InlineData("Tags/x/index.html", "tags/")]
    [InlineData("notes/tags/x/index.html", null)]
    [InlineData("sx/index.html", null)]
    public void Reserved_paths_are_matched_case_insensitively_on_the_first_segment(string path, string? reservedBy) =>
        Assert.Equal(reservedBy, Permalinks.ReservedBy(path));

    [Fact]
    public void Claims_catch_files_inside_files_and_folders_over_files()
    {
        var c = new UrlClaims();
        Assert.Null(c.TryClaim("a.html", "one.md"));
        Assert.Contains("inside /a.html", c.TryClaim("a.html/index.html", "two.md"));
        Assert.Null(c.TryClaim("b/c/index.html", "three.md"));
        Assert.Contains("writes into", c.TryClaim("B/c", "four.md"));
        Assert.Contains("already used by three.md", c.TryClaim("b/C/index.html", "five.md"));
    }
}
