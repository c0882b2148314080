using Site.Cli;
using Site.Core;
using Site.Incremental;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Build;

/// <summary>
/// The note cache on disk (CACHE_DIR/notes.bin): a build that reuses it writes exactly what a build
/// without it writes, replays the diagnostics of reused notes, and survives a damaged cache file.
/// </summary>
public sealed class BuildCacheTests : IDisposable
{
    private readonly TempSite _site = new();

    public BuildCacheTests()
    {
        _site.Write("a.md", "---\ntitle: Alpha\ntags: [x]\n---\nIntro of alpha with $a^2$.\n\n## 张量并行\n\nSee [beta](b.md#details).\n\n### Deep\n\nText $$\\frac{1}{2}$$\n")
             .Write("b.md", "# Beta\n\n## Details\n\nSome details.\n\n## Broken\n\nA [dead link](nowhere.md).\n")
             .Write("c.txt", "一、总览\n这是纯文本笔记。\n二、细节\n更多内容。\n")
             .Write("d.md", "---\ntitle: Delta\ndate: not-a-date\nauthor: {name: X, links: [a, b]}\ntoc: false\n---\n\n## One\n\nText.\n");
    }

    public void Dispose() => _site.Dispose();

    private string CacheDir => Path.Combine(_site.Root, ".cache");

    /// <summary>A build of the same input with no cache at all, into its own folder.</summary>
    private (BuildResult Result, Dictionary<string, string> Files) Uncached()
    {
        var dir = Path.Combine(_site.Root, "uncached-" + Guid.NewGuid().ToString("N")[..6]);
        var r = SiteBuilder.Build(_site.Options() with { OutputDir = dir, CacheDir = null }, TextWriter.Null, quiet: true);
        return (r, SiteSnapshot.Of(dir));
    }


    private static string[] Lines(BuildResult r) => r.Diagnostics.Select(d => d.ToString()).ToArray();

    [Fact]
    public void A_warm_build_writes_the_same_site_and_the_same_diagnostics_as_an_uncached_one()
    {
        var cold = _site.Build();
        Assert.True(File.Exists(NoteCacheFile.PathFor(CacheDir)));
        var warm = _site.Build();
        var (plain, files) = Uncached();
        SiteSnapshot.AssertSame(files, SiteSnapshot.Of(_site.Output), "a build without the cache");
        Assert.Equal(Lines(plain), Lines(warm));
        Assert.Equal(Lines(cold), Lines(warm));
        Assert.Contains(warm.Diagnostics, d => d.Path == "b.md" && d.Message.Contains("nowhere.md")); // replayed from the cache
        Assert.Contains(warm.Diagnostics, d => d.Path == "d.md" && d.Line == 3 && d.Message.Contains("not a date")); // front matter cache too
    }

    [Fact]
    public void The_second_build_copies_the_search_shards_from_the_cache_instead_of_rebuilding_them()
    {
        _site.Build();
        var stamp = Path.Combine(CacheDir, Incremental.ProductCache.Folder, Site.Index.BuildSearchIndex.ShardsProductName, "key");
        Assert.True(File.Exists(stamp));
        var written = File.GetLastWriteTimeUtc(stamp);
        var firstLine = File.ReadLines(stamp).First();
        Thread.Sleep(20);
        _site.Build();
        // A rebuilt index stores itself again (a new stamp); a cached one leaves the stamp as it was.
        Assert.Equal(written, File.GetLastWriteTimeUtc(stamp));
        Assert.Equal(firstLine, File.ReadLines(stamp).First());
        var (_, files) = Uncached();
        SiteSnapshot.AssertSame(files, SiteSnapshot.Of(_site.Output), "a build without the cache");
    }

    [Fact]
    public void The_cache_written_alongside_the_pages_is_published_whole_and_leaves_no_temporary_file()
    {
        var r = _site.Build();
        Assert.Equal(0, r.ExitCode);
        Assert.True(r.Stages.ContainsKey("cache_save"));
        Assert.Equal(4, NoteCacheFile.Load(CacheDir, NoteCacheFile.Fingerprint(_site.Options())).Count);
        Assert.Empty(Directory.GetFiles(CacheDir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_build_that_fails_after_rendering_discards_the_cache_it_was_writing()
    {
        using var cts = new CancellationTokenSource();
        var r = SiteBuilder.Build(_site.Options(), TextWriter.Null, quiet: true, cts.Token, (stage, _) => { if (stage == "render") cts.Cancel(); });
        Assert.Equal(2, r.ExitCode);
        Assert.False(File.Exists(NoteCacheFile.PathFor(CacheDir)));
        Assert.Empty(Directory.Exists(CacheDir) ? Directory.GetFiles(CacheDir, "*.tmp", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public void The_second_build_reuses_every_note()
    {
        var options = _site.Options();
        SiteBuilder.Build(options, TextWriter.Null, quiet: true);
        var cache = NoteCacheFile.Load(CacheDir, NoteCacheFile.Fingerprint(options));
        Assert.Equal(4, cache.Count);
        Assert.All(cache.Entries, e => Assert.True(e.HasHtml));
    }

    [Fact]
    public void Editing_one_note_gives_the_same_site_as_a_fresh_build()
    {
        _site.Build();
        _site.Write("b.md", "# Beta\n\n## Details renamed\n\nNew words.\n\n## Broken\n\nStill [dead](nowhere.md).\n");
        var warm = _site.Build(); // a's link to b.md#details is now broken: a must be re-checked though a.md did not change
        var (plain, files) = Uncached();
        SiteSnapshot.AssertSame(files, SiteSnapshot.Of(_site.Output), "a build without the cache");
        Assert.Equal(Lines(plain), Lines(warm));
        Assert.Contains(warm.Diagnostics, d => d.Path == "a.md" && d.Message.Contains("details"));
    }

    [Fact]
    public void Deleting_a_note_removes_it_from_the_cache_and_the_site()
    {
        _site.Build();
        File.Delete(Path.Combine(_site.Input, "c.txt"));
        _site.Build();
        var (_, files) = Uncached();
        SiteSnapshot.AssertSame(files, SiteSnapshot.Of(_site.Output), "a build without the cache");
        Assert.Equal(3, NoteCacheFile.Load(CacheDir, NoteCacheFile.Fingerprint(_site.Options())).Count);
    }

    [Fact]
    public void A_damaged_cache_file_is_ignored()
    {
        _site.Build();
        var path = NoteCacheFile.PathFor(CacheDir);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var r = _site.Build();
        Assert.Equal(0, r.ExitCode);
        var (_, files) = Uncached();
        SiteSnapshot.AssertSame(files, SiteSnapshot.Of(_site.Output), "a build without the cache");

        File.WriteAllBytes(path, new byte[] { 1, 2, 3, 0xFF, 0xFF, 0xFF, 0x7F });
        Assert.Equal(0, _site.Build().ExitCode);
        SiteSnapshot.AssertSame(files, SiteSnapshot.Of(_site.Output), "a build without the cache");
    }

    [Fact]
    public void Other_options_do_not_reuse_results_rendered_for_different_ones()
    {
        _site.Build();
        var r = _site.Build(baseUrl: "/kb/");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("href=\"/kb/b/#details\"", _site.ReadOutput("a/index.html"));
        Assert.NotEqual(NoteCacheFile.Fingerprint(_site.Options()), NoteCacheFile.Fingerprint(_site.Options(baseUrl: "/kb/")));
    }

    [Fact]
    public void Front_matter_dates_and_tags_come_from_this_build_even_when_the_body_is_reused()
    {
        _site.Build();
        _site.Write("a.md", File.ReadAllText(Path.Combine(_site.Input, "a.md")).Replace("tags: [x]", "tags: [y]"));
        _site.Build();
        Assert.Contains("/tags/y/", _site.ReadOutput("a/index.html"));
        Assert.DoesNotContain("/tags/x/", _site.ReadOutput("a/index.html"));
    }

    [Fact]
    public void Front_matter_comes_back_from_the_cache_field_for_field()
    {
        var fingerprint = NoteCacheFile.Fingerprint(_site.Options());
        var first = new Site.Read.FrontMatterCache();
        var bag = new DiagnosticBag();
        var text = "---\ntitle: T\ndate: 2024-05-06 07:08:09 +08:00\nlastmod: 2024-06-01\ntags: [a, \"#b\"]\npermalink: /x/\nexcerpt: E\ndraft: false\nlayout: post\ntoc: true\naliases: [p, q]\nauthor: {name: X, links: [a, b], n: ~}\n---\nbody\n";
        var parsed = Site.Read.FrontMatterParser.Parse(text, "n.md", bag, first);
        first.Save(CacheDir, fingerprint);
        var loaded = Site.Read.FrontMatterCache.Load(CacheDir, fingerprint);
        var again = Site.Read.FrontMatterParser.Parse(text, "n.md", new DiagnosticBag(), loaded);
        var (a, b) = (parsed.Meta, again.Meta);
        Assert.Equal((a.Title, a.Date, a.Modified, a.Permalink, a.Excerpt, a.Draft, a.Layout, a.Toc), (b.Title, b.Date, b.Modified, b.Permalink, b.Excerpt, b.Draft, b.Layout, b.Toc));
        Assert.Equal(a.Date!.Value.Offset, b.Date!.Value.Offset);
        Assert.Equal(a.Tags.ToArray(), b.Tags.ToArray());
        Assert.Equal(a.Aliases.ToArray(), b.Aliases.ToArray());
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(a.Extra), System.Text.Json.JsonSerializer.Serialize(b.Extra));
        Assert.Equal(parsed.Body, again.Body);
        Assert.Equal(1, loaded.Entries);
    }
}
