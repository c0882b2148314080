using System.Collections.Immutable;
using System.Globalization;
using Site.Index;
using Xunit;

namespace Site.Tests.Index;

/// <summary>
/// TokenCache: documents whose field texts did not change are replayed from the last build's tokens, and
/// the postings (terms in lunr _index order, documents, fields, scores) are exactly those of tokenizing
/// everything; a damaged or foreign cache file is ignored.
/// </summary>
public sealed class TokenCacheTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kb-tokens-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<SearchDoc> Docs(int seed, int count)
    {
        var rng = new Random(seed);
        string Text(int words) => string.Join(rng.Next(3) == 0 ? "，" : " ", Enumerable.Range(0, words).Select(_ => rng.Next(6) switch
        {
            0 => "张量并行"[..rng.Next(1, 5)],
            1 => "w" + rng.Next(3000).ToString(CultureInfo.InvariantCulture),
            2 => rng.Next(50).ToString(CultureInfo.InvariantCulture),
            3 => "ZeRO-" + rng.Next(4),
            4 => "Überschrift" + rng.Next(3),
            _ => "学习率调度"[rng.Next(4)..],
        }));
        return Enumerable.Range(0, count).Select(i => new SearchDoc(i / 7, $"n{i / 7}/", Text(3), i % 7 == 0 ? "" : Text(2), i % 7 == 0 ? "" : "s" + i,
            ImmutableArray.Create(Text(2)), Text(rng.Next(0, 120)), ImmutableArray.Create("t" + (i % 5)))).ToList();
    }

    private static void AssertSame(LunrPostings expected, LunrPostings actual)
    {
        Assert.Equal(expected.Terms, actual.Terms);
        Assert.Equal(expected.Fields, actual.Fields);
        Assert.Equal(expected.DocumentCount, actual.DocumentCount);
        Assert.Equal(expected.Start, actual.Start);
        Assert.Equal(expected.Doc, actual.Doc);
        Assert.Equal(expected.Field, actual.Field);
        Assert.Equal(expected.Millis, actual.Millis);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Replaying_every_document_gives_the_postings_of_tokenizing_them(int parallelism)
    {
        var docs = Docs(7, 700);
        var first = BuildSearchIndex.Postings(docs, parallelism, _dir, null, out int none);
        Assert.Equal(0, none);
        AssertSame(BuildSearchIndex.Postings(docs, parallelism), first);
        var again = BuildSearchIndex.Postings(docs, parallelism, _dir, null, out int replayed);
        Assert.Equal(docs.Count, replayed);
        AssertSame(first, again);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void After_edits_inserts_and_removals_only_new_texts_are_tokenized_and_the_postings_are_unchanged(int parallelism)
    {
        var before = Docs(11, 600);
        BuildSearchIndex.Postings(before, parallelism, _dir, null);
        var fresh = Docs(12, 40);
        var after = new List<SearchDoc>(before);
        after.RemoveRange(100, 30);                                   // a note deleted
        after.InsertRange(0, fresh.Take(20));                         // new documents before all others: every term's first use can move
        after[300] = after[300] with { Body = after[300].Body + " 新增 brandnew" }; // an edited section with new terms
        after[301] = after[301] with { Body = "" };
        after.AddRange(fresh.Skip(20));
        var cached = BuildSearchIndex.Postings(after, parallelism, _dir, null, out int replayed);
        AssertSame(BuildSearchIndex.Postings(after, parallelism), cached);
        Assert.InRange(replayed, after.Count - 42, after.Count - 40); // all but the 40 new and the 2 edited (duplicate texts count once)
        // the cache now holds this build's documents (distinct texts) and no others
        Assert.InRange(TokenCache.Load(_dir, BuildSearchIndex.FieldBoosts.Select(f => f.Name).ToList())!.DocumentCount, after.Count - 5, after.Count);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("flipped")]
    [InlineData("empty")]
    public void A_damaged_cache_is_ignored(string damage)
    {
        var docs = Docs(5, 300);
        var expected = BuildSearchIndex.Postings(docs, 2, _dir, null);
        var path = TokenCache.PathFor(_dir);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, damage switch
        {
            "truncated" => bytes[..(bytes.Length / 2)],
            "flipped" => bytes.Select((b, i) => i == bytes.Length / 3 ? (byte)(b ^ 0x10) : b).ToArray(),
            _ => Array.Empty<byte>(),
        });
        Assert.Null(TokenCache.Load(_dir, BuildSearchIndex.FieldBoosts.Select(f => f.Name).ToList()));
        var again = BuildSearchIndex.Postings(docs, 2, _dir, null, out int replayed);
        Assert.Equal(0, replayed);
        AssertSame(expected, again);
    }

    [Fact]
    public void A_cache_for_other_fields_is_not_read()
    {
        BuildSearchIndex.Postings(Docs(3, 50), 1, _dir, null);
        Assert.NotNull(TokenCache.Load(_dir, new[] { "title", "path", "body", "tags" }));
        Assert.Null(TokenCache.Load(_dir, new[] { "title", "body", "path", "tags" }));
    }
}
