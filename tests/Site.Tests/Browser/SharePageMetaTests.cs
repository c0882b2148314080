using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Xunit;

namespace Site.Tests.Browser;

/// <summary>
/// Share pages (s/&lt;id&gt;/) unfurl in chats with the SECTION's own title and description, not the note's.
/// Plain HTML checks on the fixture site built by <see cref="BrowserSiteFixture"/> (no browser needed).
/// </summary>
[Collection(BrowserSiteCollection.Name)]
public sealed class SharePageMetaTests
{
    private readonly BrowserSiteFixture _site;

    public SharePageMetaTests(BrowserSiteFixture site) => _site = site;

    private static string? Meta(IDocument d, string key) =>
        (d.QuerySelector($"meta[property='{key}']") ?? d.QuerySelector($"meta[name='{key}']"))?.GetAttribute("content");

    private List<(string Dir, string Html, IDocument Doc)> SharePages()
    {
        Assert.True(_site.Result.ExitCode == 0, "fixture site did not build:\n" + _site.BuildLog);
        var dir = Path.Combine(_site.Output, "s");
        Assert.True(Directory.Exists(dir), "no share pages (s/) were written; build log:\n" + _site.BuildLog);
        var parser = new HtmlParser();
        return Directory.EnumerateFiles(dir, "*.html")
            .Select(f => (Path.GetFileNameWithoutExtension(f), html: File.ReadAllText(f)))
            .Select(x => (x.Item1, x.html, (IDocument)parser.ParseDocument(x.html)))
            .ToList();
    }

    private (string Dir, string Html, IDocument Doc) ShareFor(string noteTitle, string sectionTitle)
    {
        var pages = SharePages();
        var want = $"{noteTitle} › {sectionTitle}";
        var hit = pages.Where(p => Meta(p.Doc, "og:title") == want).ToList();
        Assert.True(hit.Count == 1, $"expected one share page with og:title \"{want}\"; found: {string.Join(" | ", pages.Select(p => Meta(p.Doc, "og:title")))}");
        return hit[0];
    }

    [Fact]
    public void Share_page_carries_the_sections_own_title_description_and_absolute_urls()
    {
        var (id, _, doc) = ShareFor("注意力机制 Attention", "多头注意力");
        var desc = Meta(doc, "og:description") ?? "";
        // The section's own first text, math made readable; not the note's first section.
        Assert.StartsWith("把 d", desc);
        Assert.Contains("个头", desc);
        Assert.DoesNotContain("$", desc);
        Assert.DoesNotContain("缩放点积", desc);
        Assert.True(desc.Length <= Site.Emit.EmitSite.ShareDescriptionMax + 1, $"description too long ({desc.Length}): {desc}");
        // Printed once: one meta element is both the description (name) and og:description (property);
        // Twitter/X reads og:title and og:description when its own tags are absent.
        Assert.Single(doc.QuerySelectorAll("meta[content]"), m => m.GetAttribute("content") == desc);
        Assert.Equal(desc, doc.QuerySelector("meta[name=description]")?.GetAttribute("content"));
        Assert.Null(doc.QuerySelector("meta[name='twitter:description'], meta[name='twitter:title']"));
        // Unfurlers that match tags with a pattern rather than parse HTML look for property="og:…" followed by content=.
        var html = File.ReadAllText(Path.Combine(_site.Output, "s", id + ".html"));
        foreach (var key in new[] { "og:description", "og:title", "og:url" })
            Assert.Matches($"<meta property=\"{key}\" content=\"[^\"]+\"", html);

        Assert.Contains("注意力机制 Attention › 多头注意力", doc.Title);
        var url = $"{BrowserSiteFixture.SiteUrl}{BrowserSiteFixture.BaseUrl}s/{id}.html";
        Assert.Equal(url, Meta(doc, "og:url"));
        Assert.Null(doc.QuerySelector("link[rel=canonical]")); // og:url says it; canonical only on an old id's page
        Assert.Equal(BrowserSiteFixture.SiteTitle, Meta(doc, "og:site_name"));
        Assert.Equal("summary", Meta(doc, "twitter:card"));

        // A small page: the section's title and the way into the note at that section
        // (a browser goes there at once; README "Sharing"). The excerpt is the description, not repeated in the body.
        Assert.Equal("多头注意力", doc.QuerySelector("body.share h1")?.TextContent);
        Assert.Null(doc.QuerySelector(".share-excerpt, .note-body, link[rel=stylesheet]"));
        var button = doc.QuerySelector("a.read-in-note");
        Assert.NotNull(button);
        Assert.Equal("0; url=" + button!.GetAttribute("href"), doc.QuerySelector("meta[http-equiv=refresh]")?.GetAttribute("content"));
        Assert.EndsWith("#多头注意力", button!.GetAttribute("href")); // CJK kept as is: a third of the percent-encoded bytes
        Assert.StartsWith(BrowserSiteFixture.BaseUrl, button.GetAttribute("href"));
    }

    [Fact]
    public void Section_without_own_text_borrows_its_first_subsections_text()
    {
        var (_, _, doc) = ShareFor("归一化 Normalization", "放在哪里");
        Assert.StartsWith("Pre-LN 把归一化", Meta(doc, "og:description"));
    }

    [Fact]
    public void Section_titles_are_escaped_in_head_and_body()
    {
        var (_, html, doc) = ShareFor("归一化 Normalization", "Pre-LN & Post-LN <对比>");
        Assert.DoesNotContain("<对比>", html); // only ever as &lt;对比&gt;
        Assert.Contains("Pre-LN & Post-LN <对比>", doc.Title);
        Assert.Null(doc.QuerySelector("对比"));
    }

    [Fact]
    public void Every_share_page_has_complete_unfurl_metadata()
    {
        foreach (var (id, _, doc) in SharePages())
        {
            foreach (var key in new[] { "og:title", "og:description", "og:url", "og:site_name", "og:type", "twitter:card" })
                Assert.False(string.IsNullOrWhiteSpace(Meta(doc, key)), $"s/{id}.html: {key} missing");
            Assert.Contains(" › ", Meta(doc, "og:title"));
            Assert.StartsWith("https://", Meta(doc, "og:url"));
            Assert.False(string.IsNullOrWhiteSpace(doc.Title), $"s/{id}.html: <title> missing");
            Assert.NotNull(doc.QuerySelector("meta[name=description]"));
        }
    }

    [Fact]
    public void Share_pages_are_small_entry_points_not_copies_of_the_section()
    {
        var pages = SharePages();
        var average = pages.Average(p => System.Text.Encoding.UTF8.GetByteCount(p.Html));
        Assert.True(average <= 1200, $"share pages average {average:0} bytes (at most 1.2 KB)");
        Assert.All(pages, p => Assert.Null(p.Doc.QuerySelector("#sidebar, .topbar, script")));
    }
}
