using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Build;

public class LinkTests
{
    [Fact]
    public void Links_between_notes_resolve_and_problems_are_reported_with_lines()
    {
        using var site = new TempSite();
        site.Write("a/one.md", "# One\n\n## 第一节\n\n[two](../b/two.md) [two#sec](../b/two.md#第二节) [self](#第一节)\n\n[gone](missing.md)\n\n[bad anchor](../b/two.md#nope) [bad self](#nowhere)\n\n![pic](img/p.png) ![lost](img/lost.png)\n")
            .Write("b/two.md", "---\npermalink: /second/\n---\n# Two\n\n## 第二节\n\ntext\n")
            .WriteBytes("a/img/p.png", new byte[] { 0x89, 0x50, 0x4E, 0x47 });
        var r = site.Build();
        var html = site.ReadOutput("a/one/index.html");
        Assert.Contains("href=\"/second/\"", html);
        Assert.Contains("href=\"/second/#%E7%AC%AC%E4%BA%8C%E8%8A%82\"", html);
        Assert.Contains("src=\"/a/img/p.png\"", html);
        Assert.True(site.OutputExists("a/img/p.png"));
        var d = r.Diagnostics.Select(x => x.ToString()).ToList();
        Assert.Contains(d, x => x.StartsWith("a/one.md:7: warning: broken link: missing.md"));
        Assert.Contains(d, x => x.StartsWith("a/one.md:9: warning: broken anchor: #nope is not a heading of b/two.md"));
        Assert.Contains(d, x => x.StartsWith("a/one.md:9: warning: broken anchor: #nowhere is not a heading of this note"));
        Assert.Contains(d, x => x.StartsWith("a/one.md:11: warning: missing image: img/lost.png"));
        Assert.Equal(4, d.Count);
    }
}
