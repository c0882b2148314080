using Site.Cli;
using Site.Core;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Build;

/// <summary>
/// A warm build writes only the files whose bytes changed and hard-links the rest from the site it replaces
/// (src/Core/PreviousOutput.cs, OutputManifest.cs): the published site equals a build without any cache, the
/// previous site's files are never written through, and a previous site damaged by hand is never trusted.
/// </summary>
public sealed class WarmOutputTests : IDisposable
{
    private readonly TempSite _site = new();

    public WarmOutputTests()
    {
        _site.Write("a.md", "---\ntitle: Alpha\ntags: [x]\n---\nIntro of alpha with $a^2$.\n\n## 张量并行\n\nSee [beta](b.md#details).\n\n### Deep\n\nText $$\\frac{1}{2}$$\n")
             .Write("b.md", "# Beta\n\n## Details\n\nSome details.\n\n## More\n\nMore words.\n")
             .Write("c.txt", "一、总览\n这是纯文本笔记。\n二、细节\n更多内容。\n")
             .Write("d/e.md", "---\ntitle: Epsilon\n---\n## One\n\nText with ![img](p.png).\n")
             .WriteBytes("d/p.png", new byte[] { 137, 80, 78, 71, 1, 2, 3 });
    }

    public void Dispose() => _site.Dispose();

    private string CacheDir => Path.Combine(_site.Root, ".cache");

    private static Dictionary<string, byte[]> Files(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal);

    /// <summary>The site a build without any cache writes, into its own folder.</summary>
    private Dictionary<string, string> Uncached()
    {
        var dir = Path.Combine(_site.Root, "uncached-" + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(0, SiteBuilder.Build(_site.Options() with { OutputDir = dir, CacheDir = null }, TextWriter.Null, quiet: true).ExitCode);
        return SiteSnapshot.Of(dir);
    }

    /// <summary>Second names for every file of the current output (in a folder of the test's own), to watch the
    /// previous site's inodes after it has been replaced and deleted.</summary>
    private string KeepInodes()
    {
        var kept = Path.Combine(_site.Root, "kept-" + Guid.NewGuid().ToString("N")[..6]);
        foreach (var f in Directory.EnumerateFiles(_site.Output, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(kept, Path.GetRelativePath(_site.Output, f));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            Assert.True(FileStat.HardLink(f, to));
        }
        return kept;
    }

    /// <summary>Every file of the previous site (watched through <paramref name="kept"/>) has its bytes and its
    /// modification time: it was never opened for writing, not even to write the same bytes again.</summary>
    private static void AssertUnchanged(Dictionary<string, byte[]> before, string kept, Dictionary<string, FileStat> stats)
    {
        foreach (var (rel, bytes) in Files(kept))
        {
            Assert.True(bytes.AsSpan().SequenceEqual(before[rel]), $"{rel} of the previous site was modified");
            Assert.True(stats[rel] == FileStat.Of(Path.Combine(kept, rel)), $"{rel} of the previous site was written to");
        }
    }

    private static Dictionary<string, FileStat> Stats(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f).Replace('\\', '/'), FileStat.Of, StringComparer.Ordinal);

    private BuildResult Build()
    {
        var r = _site.Build();
        Assert.Equal(0, r.ExitCode);
        return r;
    }

    [Fact]
    public void A_build_with_nothing_changed_links_every_file_and_writes_none()
    {
        if (!FileStat.Supported) return; // hard links need Linux (statx, linkat)
        var first = Build();
        var count = Files(_site.Output).Count - 1; // all but the marker
        Assert.Equal(0, first.Output.FilesLinked);
        Assert.Equal(count, first.Output.FilesWritten);
        Assert.True(File.Exists(OutputManifest.PathFor(CacheDir)));
        var inodes = Directory.EnumerateFiles(_site.Output, "*", SearchOption.AllDirectories).ToDictionary(f => f, f => FileStat.Of(f).Ino);

        var second = Build();
        Assert.Equal(0, second.Output.FilesWritten);
        Assert.Equal(0, second.Output.BytesWritten);
        Assert.Equal(count, second.Output.FilesLinked);
        foreach (var (f, ino) in inodes)
            if (!f.EndsWith(OutputGuard.MarkerName)) Assert.Equal(ino, FileStat.Of(f).Ino);
        SiteSnapshot.AssertSame(Uncached(), SiteSnapshot.Of(_site.Output), "a build without the cache");
    }

    [Fact]
    public void A_build_after_one_note_changed_writes_exactly_the_files_whose_bytes_changed()
    {
        if (!FileStat.Supported) return; // hard links need Linux (statx, linkat)
        Build();
        var before = Files(_site.Output);
        var kept = KeepInodes();
        var stats = Stats(kept);
        _site.Write("b.md", "# Beta\n\n## Details\n\nOther details, same headings.\n\n## More\n\nMore words.\n");

        var r = Build();
        var after = Files(_site.Output);
        var changed = after.Where(kv => !before.TryGetValue(kv.Key, out var old) || !old.AsSpan().SequenceEqual(kv.Value)).ToList();
        Assert.Contains(changed, kv => kv.Key.StartsWith("b/") || kv.Key.Contains("/b/"));
        Assert.True(changed.Count < after.Count / 2, $"{changed.Count} of {after.Count} files changed");
        Assert.Equal(changed.Count, r.Output.FilesWritten);
        Assert.Equal(changed.Sum(kv => (long)kv.Value.Length), r.Output.BytesWritten);
        Assert.Equal(after.Count - 1 - changed.Count, r.Output.FilesLinked);
        AssertUnchanged(before, kept, stats);
        SiteSnapshot.AssertSame(Uncached(), SiteSnapshot.Of(_site.Output), "a build without the cache");
    }

    [Fact]
    public void A_file_edited_by_hand_in_the_previous_site_is_written_again()
    {
        if (!FileStat.Supported) return; // hard links need Linux (statx, linkat)
        Build();
        var page = Directory.EnumerateFiles(_site.Output, "index.html", SearchOption.AllDirectories).First(f => f != Path.Combine(_site.Output, "index.html"));
        var text = File.ReadAllText(page);
        File.WriteAllText(page, text.Replace("<title>", "<title>EDITED "));
        var before = Files(_site.Output);
        var kept = KeepInodes();
        var stats = Stats(kept);

        var r = Build();
        Assert.Equal(1, r.Output.FilesWritten);
        Assert.Equal(text, File.ReadAllText(page));
        AssertUnchanged(before, kept, stats);
        SiteSnapshot.AssertSame(Uncached(), SiteSnapshot.Of(_site.Output), "a build without the cache");
    }

    [Fact]
    public void A_racy_file_edited_without_changing_size_or_time_has_its_bytes_compared()
    {
        if (!FileStat.Supported) return; // hard links need Linux (statx, linkat)
        Build();
        var page = Path.Combine(_site.Output, "404.html");
        var text = File.ReadAllText(page);
        var before = FileStat.Of(page);
        File.WriteAllText(page, text.Replace("<title>", "<titlE>")); // same size, in place: same inode
        // Put the modification time back to the nanosecond: only the bytes differ from what was published.
        var touch = System.Diagnostics.Process.Start("touch", new[] { "-m", "-d", $"@{before.MtimeNs / 1_000_000_000}.{before.MtimeNs % 1_000_000_000:D9}", page })!;
        touch.WaitForExit();
        Assert.Equal(before, FileStat.Of(page));
        // Mark every entry racy, as files modified in the last instant before a publish are (published at time 0:
        // every file looks modified after it).
        var manifest = OutputManifest.Load(CacheDir, _site.Output)!;
        OutputManifest.Save(CacheDir, _site.Output, manifest.Entries, 0);

        var r = Build();
        Assert.Equal(1, r.Output.FilesWritten);
        Assert.Equal(text, File.ReadAllText(page));
        SiteSnapshot.AssertSame(Uncached(), SiteSnapshot.Of(_site.Output), "a build without the cache");
    }

    [Fact]
    public void A_file_replaced_by_a_symbolic_link_is_written_not_linked()
    {
        if (!FileStat.Supported) return; // hard links need Linux (statx, linkat)
        Build();
        var outside = Path.Combine(_site.Root, "outside");
        Directory.CreateDirectory(outside);
        var page = Path.Combine(_site.Output, "404.html");
        var target = Path.Combine(outside, "404.html");
        File.Copy(page, target); // the very same bytes, but not a file of the site
        File.Delete(page);
        File.CreateSymbolicLink(page, target);
        var targetBefore = FileStat.Of(target);

        var r = Build();
        Assert.Equal(1, r.Output.FilesWritten);
        Assert.Equal(FileKind.File, FileStat.Of(page).Kind);
        Assert.NotEqual(targetBefore.Ino, FileStat.Of(page).Ino);
        Assert.Equal(targetBefore, FileStat.Of(target));
        SiteSnapshot.AssertSame(Uncached(), SiteSnapshot.Of(_site.Output), "a build without the cache");
    }

    [Fact]
    public void A_folder_replaced_by_a_symbolic_link_is_not_followed()
    {
        if (!FileStat.Supported) return; // hard links need Linux (statx, linkat)
        Build();
        var folder = Path.Combine(_site.Output, "s");
        var outside = Path.Combine(_site.Root, "outside-s");
        Directory.Move(folder, outside); // the same files (same inodes), reached through a link
        Directory.CreateSymbolicLink(folder, outside);
        var outsideFiles = Directory.EnumerateFiles(outside).ToDictionary(f => FileStat.Of(f).Ino, File.ReadAllBytes);

        var r = Build();
        Assert.Equal(outsideFiles.Count, r.Output.FilesWritten);
        Assert.Equal(FileKind.Directory, FileStat.Of(folder).Kind);
        foreach (var f in Directory.EnumerateFiles(folder)) Assert.False(outsideFiles.ContainsKey(FileStat.Of(f).Ino), $"{f} is linked from outside the site");
        foreach (var f in Directory.EnumerateFiles(outside)) Assert.Equal(outsideFiles[FileStat.Of(f).Ino], File.ReadAllBytes(f));
        SiteSnapshot.AssertSame(Uncached(), SiteSnapshot.Of(_site.Output), "a build without the cache");
    }

    [Fact]
    public void Without_its_mark_the_previous_site_is_refused_and_left_as_it_is()
    {
        if (!FileStat.Supported) return; // hard links need Linux (statx, linkat)
        Build();
        File.Delete(Path.Combine(_site.Output, OutputGuard.MarkerName));
        var before = Files(_site.Output);
        var r = _site.Build();
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(0, r.Output.FilesLinked);
        Assert.Equal(before.Keys.Order(), Files(_site.Output).Keys.Order());
    }

    [Fact]
    public void An_output_folder_replaced_by_a_copy_is_not_used_as_a_source_of_links()
    {
        if (!FileStat.Supported) return; // hard links need Linux (statx, linkat)
        Build();
        var copy = Path.Combine(_site.Root, "copy");
        foreach (var f in Directory.EnumerateFiles(_site.Output, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(copy, Path.GetRelativePath(_site.Output, f));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(f, to);
        }
        Directory.Delete(_site.Output, recursive: true);
        Directory.Move(copy, _site.Output);

        var r = Build();
        Assert.Equal(0, r.Output.FilesLinked);
        SiteSnapshot.AssertSame(Uncached(), SiteSnapshot.Of(_site.Output), "a build without the cache");
    }

    [Fact]
    public void The_manifest_of_one_output_folder_is_not_used_for_another()
    {
        if (!FileStat.Supported) return; // hard links need Linux (statx, linkat)
        Build();
        var other = _site.Build(_site.Options() with { OutputDir = Path.Combine(_site.Root, "other") });
        Assert.Equal(0, other.ExitCode);
        Assert.Equal(0, other.Output.FilesLinked);
        var back = Build(); // the manifest now describes "other": nothing to link into output
        Assert.Equal(0, back.Output.FilesLinked);
    }

    [Fact]
    public void A_search_index_partly_linked_and_then_rebuilt_never_writes_through_the_links()
    {
        if (!FileStat.Supported) return; // hard links need Linux (statx, linkat)
        Build();
        // The cached shards cannot all be served: the previous site lost one file and its cached copy is damaged,
        // so the index is rebuilt after search/docs.json and some shards were already linked.
        var shards = Path.Combine(CacheDir, Incremental.ProductCache.Folder, Site.Index.BuildSearchIndex.ShardsProductName);
        var list = File.ReadAllLines(Path.Combine(shards, "list"));
        var last = list.Length - 1;
        File.Delete(Path.Combine(_site.Output, list[last]));
        File.WriteAllBytes(Path.Combine(shards, Incremental.ProductPack.PackFile), new byte[] { 1, 2, 3 }); // every stored file
        var before = Files(_site.Output);
        var kept = KeepInodes();
        var stats = Stats(kept);

        var r = Build();
        Assert.True(r.Output.FilesWritten >= 1);
        AssertUnchanged(before, kept, stats);
        SiteSnapshot.AssertSame(Uncached(), SiteSnapshot.Of(_site.Output), "a build without the cache");
    }

    [Fact]
    public void Stats_json_reports_files_written_files_linked_and_bytes_written()
    {
        Build();
        var r = Build();
        var path = Path.Combine(_site.Root, "stats.json");
        SiteBuilder.WriteStats(r, path);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(r.Output.FilesWritten, doc.RootElement.GetProperty("files_written").GetInt32());
        Assert.Equal(r.Output.FilesLinked, doc.RootElement.GetProperty("files_linked").GetInt32());
        Assert.Equal(r.Output.BytesWritten, doc.RootElement.GetProperty("bytes_written").GetInt64());
    }
}
