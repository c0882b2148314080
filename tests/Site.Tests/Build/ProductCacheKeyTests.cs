using System.Text;
using Site.Incremental;
using Xunit;

namespace Site.Tests.Build;

/// <summary>ProductCache.KeyBuilder buffers its inputs: the key is still the content hash of every input framed as
/// a 4-byte length and its UTF-8 bytes, in order (one hash of the whole stream, however it was buffered).</summary>
public class ProductCacheKeyTests
{
    /// <summary>The reference: one frame per input, hashed as one stream.</summary>
    private static string Reference(IEnumerable<string?> inputs)
    {
        using var ms = new MemoryStream();
        foreach (var raw in inputs)
        {
            var bytes = Encoding.UTF8.GetBytes(raw ?? "\u0000null");
            ms.Write(BitConverter.GetBytes(bytes.Length));
            ms.Write(bytes);
        }
        return Site.Core.ContentHash.Of(ms.ToArray()).ToHex();
    }

    public static TheoryData<string, string?[]> Inputs() => new()
    {
        { "empty strings and null", new string?[] { "", null, "" } },
        { "many small strings", Enumerable.Range(0, 20_000).Select(i => (string?)$"doc {i} 张量并行").ToArray() },
        { "one string larger than the buffer", new string?[] { "a", new string('中', 40_000), "b" } },
        { "strings straddling the buffer", Enumerable.Range(0, 50).Select(i => (string?)new string('x', 3_000 + i)).ToArray() },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void The_key_is_the_hash_of_the_framed_inputs(string name, string?[] inputs)
    {
        var k = new ProductCache.KeyBuilder("search");
        foreach (var s in inputs) k.Add(s);
        var expected = Reference(new[] { "search", typeof(ProductCache).Assembly.ManifestModule.ModuleVersionId.ToString() }.Concat(inputs));
        Assert.True(expected == k.Finish(), name);
    }
}

/// <summary>ContentHash: one hash however the bytes are fed, and its hex form round-trips.</summary>
public class ContentHashTests
{
    [Fact]
    public void Pieces_hash_like_the_whole_and_hex_round_trips()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 5_000).Select(i => $"段落 {i} paragraph\n")));
        var whole = Site.Core.ContentHash.Of(bytes);
        var b = new Site.Core.ContentHash.Builder();
        for (int at = 0; at < bytes.Length; at += 777) b.Append(bytes.AsSpan(at, Math.Min(777, bytes.Length - at)));
        Assert.Equal(whole, b.Finish());
        Assert.Equal(Site.Core.ContentHash.Of(ReadOnlySpan<byte>.Empty), b.Finish()); // Finish starts over
        Assert.Equal(whole, Site.Core.ContentHash.FromHex(whole.ToHex()));
        Assert.Equal(32, whole.ToHex().Length);
        Assert.Null(Site.Core.ContentHash.FromHex(whole.ToHex()[..30]));
        Assert.Null(Site.Core.ContentHash.FromHex(new string('g', 32)));
        Assert.NotEqual(whole, Site.Core.ContentHash.Of(bytes.AsSpan(1)));
        Span<byte> raw = stackalloc byte[Site.Core.ContentHash.Size];
        whole.WriteTo(raw);
        Assert.Equal(whole, Site.Core.ContentHash.Read(raw));
        Assert.Equal(Site.Core.ContentHash.Of("张量".AsSpan()), Site.Core.ContentHash.Of(System.Runtime.InteropServices.MemoryMarshal.AsBytes("张量".AsSpan())));
    }
}
