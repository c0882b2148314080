using System.Security.Cryptography;
using System.Text;
using Site.Incremental;
using Xunit;

namespace Site.Tests.Build;

/// <summary>ProductCache.KeyBuilder buffers its inputs: the key is still SHA-256 of every input framed as
/// a 4-byte length and its UTF-8 bytes, in order (so keys stay those of earlier builds).</summary>
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
        return Convert.ToHexString(SHA256.HashData(ms.ToArray()), 0, 16);
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
        using var k = new ProductCache.KeyBuilder("search");
        foreach (var s in inputs) k.Add(s);
        var expected = Reference(new[] { "search", typeof(ProductCache).Assembly.ManifestModule.ModuleVersionId.ToString() }.Concat(inputs));
        Assert.True(expected == k.Finish(), name);
    }
}
