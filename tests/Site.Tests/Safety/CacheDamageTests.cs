using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Safety;

/// <summary>
/// Every file the build cache holds, damaged in each way (truncated, zeroed, garbage, a flipped bit), is ignored:
/// the next build's output equals a --no-cache build's.
/// </summary>
public class CacheDamageTests
{
    private static readonly Dictionary<string, Func<byte[], byte[]>> Damages = new()
    {
        ["truncate"] = b => b[..(b.Length / 2)],
        ["zero"] = b => new byte[b.Length],
        ["garbage"] = b => { var g = new byte[Math.Max(b.Length, 64)]; new Random(13).NextBytes(g); return g; },
        ["flip"] = b => { var f = (byte[])b.Clone(); if (f.Length > 0) f[f.Length / 2] ^= 0x10; return f; },
        ["flip-last"] = b => { var f = (byte[])b.Clone(); if (f.Length > 40) f[^40] ^= 0x01; return f; },
    };

    public static TheoryData<string> Kinds() => new(Damages.Keys);

    private static void WriteNotes(TempSite site) => site
        .Write("a.md", "---\ntitle: Alpha\ntags: [x, y]\n---\n# Alpha\n\n## 张量并行\n\nEuler: $e^{i\\pi}+1=0$ and [b](b.md#二).\n\n$$\\int_0^1 x\\,dx$$\n\n![p](p.png)\n")
        .Write("b.md", "---\ntitle: Beta\n---\n## 一\n\nsearch words here\n\n## 二\n\nmore text $a^2$\n")
        .Write("c.txt", "纯文本笔记\n\n一、第一\n\n内容\n\n二、第二\n\n更多内容\n")
        .WriteBytes("p.png", new byte[] { 137, 80, 78, 71 });

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_damaged_cache_file_builds_the_same_site_as_no_cache(string kind)
    {
        using var site = new TempSite();
        WriteNotes(site);
        var cacheDir = Path.Combine(site.Root, ".cache");
        var reference = Path.Combine(site.Root, "reference");
        Assert.Equal(0, site.Build(site.Options() with { CacheDir = null, OutputDir = reference }).ExitCode);
        var expected = SiteSnapshot.Of(reference);

        ForgetProcessCaches();
        Assert.Equal(0, site.Build().ExitCode); // fills the cache
        var files = Directory.EnumerateFiles(cacheDir, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.EndsWith("notes.bin"));
        Assert.Contains(files, f => f.EndsWith("frontmatter.bin"));
        Assert.Contains(files, f => f.Contains("products"));
        Assert.Contains(files, f => f.Contains("katex"));
        Assert.Contains(files, f => f.EndsWith(Site.Core.OutputManifest.FileName));
        var pristine = files.ToDictionary(f => f, File.ReadAllBytes);

        foreach (var file in files)
        {
            foreach (var (f, bytes) in pristine) File.WriteAllBytes(f, bytes);
            File.WriteAllBytes(file, Damages[kind](pristine[file]));
            ForgetProcessCaches();
            var r = site.Build();
            Assert.True(r.ExitCode == 0, $"{Path.GetRelativePath(cacheDir, file)} {kind}: exit {r.ExitCode}");
            SiteSnapshot.AssertSame(expected, SiteSnapshot.Of(site.Output), $"a --no-cache build ({Path.GetRelativePath(cacheDir, file)} {kind})");
        }
    }

    /// <summary>What a new process would not have: formulas and cache files kept in memory by earlier builds.</summary>
    private static void ForgetProcessCaches()
    {
        Site.Render.Mathematics.KatexRenderer.UnloadDiskCaches();
        Site.Render.Mathematics.RenderMath.ForgetSharedMemory();
    }
}
