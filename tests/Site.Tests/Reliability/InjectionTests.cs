using System.Text.Json;
using AngleSharp.Html.Parser;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Reliability;

/// <summary>Front matter titles, tags and headings are escaped wherever they are inserted.</summary>
public class InjectionTests
{
    private const string Payload = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";

    [Fact]
    public void Hostile_titles_tags_and_headings_never_reach_pages_unescaped()
    {
        using var site = new TempSite();
        site.Write("evil.md", $"---\ntitle: '{Payload.Replace("'", "''")}'\ntags: ['{Payload.Replace("'", "''")}', ok]\nexcerpt: '{Payload.Replace("'", "''")}'\n---\n## Heading {Payload.Replace("<", "&lt;")}\n\nBody text with `<script>alert(3)</script>` in code.\n\n## 第二节\n\n更多\n")
            .Write("other.md", "# Other\n\n[evil](evil.md)\n");
        var r = site.Build();
        Assert.Equal(0, r.ExitCode);

        var parser = new HtmlParser();
        foreach (var file in Directory.EnumerateFiles(site.Output, "*.html", SearchOption.AllDirectories))
        {
            var html = File.ReadAllText(file);
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("onerror=alert", html.Replace("onerror=alert(2)&gt;", "")); // only as escaped text
            var doc = parser.ParseDocument(html);
            Assert.Empty(doc.QuerySelectorAll("img[onerror]"));
            foreach (var s in doc.Scripts)
                Assert.DoesNotContain("alert", s.TextContent);
            foreach (var meta in doc.QuerySelectorAll("meta"))
                Assert.DoesNotContain("<script", meta.OuterHtml);
        }
        // JSON outputs are valid JSON (the payload is data, not markup).
        foreach (var json in Directory.EnumerateFiles(site.Output, "*.json", SearchOption.AllDirectories))
            JsonDocument.Parse(File.ReadAllText(json)).Dispose();
        var title = new HtmlParser().ParseDocument(site.ReadOutput("evil/index.html")).QuerySelector("h1")!.TextContent;
        Assert.Equal(Payload, title);
    }
}
