using System.Text;
using Site.Core;
using Site.Incremental;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Build;

/// <summary>
/// ProductPack: a listed product's files in one pack in the cache folder. What was stored comes back byte for
/// byte; a file is reused only for the path and source it was made from; a damaged pack or an old-format
/// stamp is never trusted.
/// </summary>
public sealed class ProductPackTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kb-pack-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);
    private static ContentHash H(string s) => ContentHash.Of(B(s));

    private ProductPack Stored()
    {
        ProductPack.Put(_dir, "p", "K1", new ProductPack.PackedFile[]
        {
            new("search/meta.json", B("{\"v\":4}"), null),
            new("search/t/0.json.gz", B("gz-of-zero"), H("zero")),
            new("search/d/0.json.gz", B("gz-of-docs"), H("docs")),
        });
        return ProductPack.Open(_dir, "p") ?? throw new InvalidOperationException("not stored");
    }

    [Fact]
    public void Paths_and_key_come_back_as_stored()
    {
        var pack = Stored();
        Assert.Equal(new[] { "search/meta.json", "search/t/0.json.gz", "search/d/0.json.gz" }, pack.Paths);
        Assert.Equal("K1", pack.ProductKey);
        Assert.Single(Directory.GetFiles(Path.Combine(_dir, "p"), ProductPack.PackFile));
    }

    [Theory]
    [InlineData("search/t/0.json.gz", "zero", "gz-of-zero")]
    [InlineData("search/d/0.json.gz", "docs", "gz-of-docs")]
    [InlineData("search/t/0.json.gz", "docs", null)]   // same path, other source
    [InlineData("search/t/1.json.gz", "zero", null)]   // same source, other path
    [InlineData("search/meta.json", "{\"v\":4}", null)] // stored without a source
    public void A_file_is_reused_only_for_its_path_and_source(string path, string source, string? expected)
    {
        var bytes = Stored().Reuse(path, H(source));
        Assert.Equal(expected, bytes is null ? null : Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void A_damaged_pack_is_not_reused()
    {
        var pack = Stored();
        var file = Path.Combine(_dir, "p", ProductPack.PackFile);
        var bytes = File.ReadAllBytes(file);
        bytes[^1] ^= 1; // the last file's last byte
        File.WriteAllBytes(file, bytes);
        Assert.Null(pack.Reuse("search/d/0.json.gz", H("docs")));
        Assert.Equal("gz-of-zero", Encoding.UTF8.GetString(pack.Reuse("search/t/0.json.gz", H("zero"))!));
    }

    [Fact]
    public void A_truncated_pack_is_not_reused()
    {
        var pack = Stored();
        File.WriteAllBytes(Path.Combine(_dir, "p", ProductPack.PackFile), B("gz"));
        Assert.Null(pack.Reuse("search/t/0.json.gz", H("zero")));
    }

    [Fact]
    public void A_stamp_of_the_old_one_file_per_entry_layout_is_not_read()
    {
        Stored();
        var stamp = Path.Combine(_dir, "p", ProductPack.StampFile);
        var lines = File.ReadAllLines(stamp);
        File.WriteAllLines(stamp, lines.Select((l, i) => i == 0 ? l : l.Split(' ')[0])); // key, then one SHA-256 per file
        Assert.Null(ProductPack.Open(_dir, "p"));
    }

    [Fact]
    public void A_list_that_is_not_the_stamps_is_not_read()
    {
        Stored();
        File.WriteAllText(Path.Combine(_dir, "p", ProductPack.ListFile), "search/meta.json\nsearch/t/9.json.gz\nsearch/d/0.json.gz\n");
        Assert.Null(ProductPack.Open(_dir, "p"));
    }

    [Fact]
    public void Storing_again_replaces_the_entry()
    {
        Stored();
        ProductPack.Put(_dir, "p", "K2", new ProductPack.PackedFile[] { new("search/meta.json", B("{}"), H("x")) });
        var pack = ProductPack.Open(_dir, "p")!;
        Assert.Equal("K2", pack.ProductKey);
        Assert.Equal(new[] { "search/meta.json" }, pack.Paths);
        Assert.Null(pack.Reuse("search/t/0.json.gz", H("zero")));
        Assert.Equal("{}", Encoding.UTF8.GetString(pack.Reuse("search/meta.json", H("x"))!));
    }
}
