using System.Text.Json;
using AngleSharp.Html.Parser;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Safety;

/// <summary>Plain-text notes (.txt without Markdown) are text: markup in them is shown escaped everywhere, even with --allow-html.</summary>
public class PlainTextEscapeTests
{
    private const string Note = "Forum thread\n\n一、第一部分\n\n<script>alert('txt')</script> and <img src=x onerror=alert(2)> inline\n\n<iframe src=\"https://evil.example\"></iframe>\n\n二、<b onclick=alert(3)>第二部分</b>\n\nmore <a href=\"javascript:alert(4)\">text</a>\n";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Markup_in_a_plain_text_note_is_escaped_in_every_page(bool allowHtml)
    {
        using var site = new TempSite();
        site.Write("thread.txt", Note);
        var r = site.Build(site.Options() with { AllowHtml = allowHtml });
        Assert.Equal(0, r.ExitCode);

        var parser = new HtmlParser();
        var pages = Directory.EnumerateFiles(site.Output, "*.html", SearchOption.AllDirectories).ToList();
        Assert.Contains(pages, p => p.Contains(Path.DirectorySeparatorChar + "s" + Path.DirectorySeparatorChar)); // share pages were made
        foreach (var file in pages)
        {
            var doc = parser.ParseDocument(File.ReadAllText(file));
            Assert.Empty(doc.QuerySelectorAll("img[onerror], iframe, [onclick], a[href^='javascript']"));
            Assert.DoesNotContain(doc.Scripts, s => s.TextContent.Contains("alert"));
        }
        var body = parser.ParseDocument(site.ReadOutput("thread/index.html")).QuerySelector(".note-body")!.TextContent;
        Assert.Contains("<script>alert('txt')</script>", body); // shown as text
        Assert.Contains("<img src=x onerror=alert(2)>", body);
        var chunk = Site.Tests.Index.SearchOutput.DisplayJson(site.Output).Split('\n')[0];
        using var docs = JsonDocument.Parse(chunk);
        Assert.Contains("<script>", docs.RootElement.GetRawText().Replace("\\u003C", "<")); // search snippets keep the text
    }
}
