using Site.Cli;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Build;

/// <summary>Cached HTML is reused only while what the new link kinds resolve against is unchanged.</summary>
public sealed class LinkCacheTests : IDisposable
{
    private readonly TempSite _site = new();

    public void Dispose() => _site.Dispose();

    private void AssertWarmEqualsUncached()
    {
        var warm = _site.Build();
        var dir = Path.Combine(_site.Root, "uncached-" + Guid.NewGuid().ToString("N")[..6]);
        var plain = SiteBuilder.Build(_site.Options() with { OutputDir = dir, CacheDir = null }, TextWriter.Null, quiet: true);
        SiteSnapshot.AssertSame(SiteSnapshot.Of(dir), SiteSnapshot.Of(_site.Output), "a build without the cache");
        Assert.Equal(plain.Diagnostics.Select(d => d.ToString()), warm.Diagnostics.Select(d => d.ToString()));
    }

    public static TheoryData<string, string, string> Edits => new()
    {
        // The id stays "切分方法"; only the number the GitHub-style anchor was written against changes.
        { "heading number", "b/b.md", "# B\n\n## 3 切分方法\n\ntext\n" },
        { "second note of the same name (wikilink now ambiguous)", "c/deeper/b.md", "# Another B\n\ntext\n" },
        { "folder page added (folder link target changes)", "d/README.md", "# D readme\n\ntext\n" },
        { "image of the same name (embed now ambiguous)", "z/p.png", "png" },
        { "navigation file added", "_sidebar.md", "- [Bee](b/b.md)\n" },
        { "nothing that a link reads (raw HTML images still copied from the cache)", "d/two.md", "# D two\n\nother text\n" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void Warm_build_after_an_edit_equals_an_uncached_one(string edit, string path, string text)
    {
        _ = edit;
        _site.Write("a.md", "# A\n\n[[b#12-切分方法|sec]] [[b]] ![[p.png]] [d](d/) [d2](d)\n\n<img src=\"raw/r.png\">\n")
             .Write("b/b.md", "# B\n\n## 1.2 切分方法\n\ntext\n")
             .Write("d/one.md", "# D one\n\ntext\n")
             .Write("d/two.md", "# D two\n\ntext\n")
             .Write("img/p.png", "png")
             .Write("raw/r.png", "png");
        _site.Build();
        _site.Write(path, text);
        AssertWarmEqualsUncached();
    }
}
