using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Site.Index;
using Xunit;

namespace Site.Tests.Index;

public class WriteSearchShardsTests
{
    private static SearchDoc Doc(int note, string title, string anchor, string body, params string[] ancestors) =>
        new(note, $"notes/n{note}/", "Note " + note, title, anchor, ancestors.ToImmutableArray(), body, ImmutableArray<string>.Empty);

    [Fact]
    public void A_heading_only_section_shows_its_first_childs_text()
    {
        var docs = new List<SearchDoc>
        {
            Doc(0, "", "", "intro"),
            Doc(0, "Parent", "parent", ""),
            Doc(0, "Child", "child", "  child   text ", "Parent"),
            Doc(0, "Sibling", "sibling", ""),
            Doc(1, "Next note", "x", "other"),
        };
        Assert.Equal("child text", WriteSearchShards.DisplayText(docs, 1));
        Assert.Equal("child text", WriteSearchShards.DisplayText(docs, 2));
        Assert.Equal("", WriteSearchShards.DisplayText(docs, 3)); // no child: nothing to borrow (never the next note's)
    }

    [Fact]
    public void Display_chunks_hold_the_documents_and_their_notes()
    {
        var docs = Enumerable.Range(0, 40).Select(i => Doc(i / 4, "S" + i, "s" + i, "text " + i)).ToList();
        var files = BuildSearchIndex.BuildShards(docs);
        Assert.Equal(3, files.Keys.Count(k => k.StartsWith("search/d/")));
        using var chunk = JsonDocument.Parse(files["search/d/1.json"]);
        var first = chunk.RootElement.GetProperty("docs")[0];
        Assert.Equal("S16", first[1].GetString());
        Assert.Equal("text 16", first[4].GetString());
        Assert.Contains(chunk.RootElement.GetProperty("notes").EnumerateArray(), n => n[0].GetInt32() == 4 && n[1].GetString() == "notes/n4/");
    }

    [Fact]
    public void Single_cjk_characters_list_the_bigrams_ending_with_them()
    {
        var docs = new List<SearchDoc> { Doc(0, "张量并行", "a", "张量 张量 信量"), Doc(0, "数量", "b", "数量 信量") };
        var files = BuildSearchIndex.BuildShards(docs);
        var all = files.Where(f => f.Key.StartsWith("search/t/")).SelectMany(f => JsonDocument.Parse(f.Value).RootElement.GetProperty("s").EnumerateArray()
            .Select(e => (e[0].GetString(), e[1].EnumerateArray().Select(x => x[0].GetString() + ":" + x[1].GetInt32()).ToArray()))).ToDictionary(x => x.Item1!, x => x.Item2);
        Assert.Equal(new[] { "信量:2", "张量:1", "数量:1" }, all["量"]); // by documents holding them, then code-unit order
    }

    [Fact]
    public void Shards_cover_the_dictionary_in_order_and_large_postings_get_their_own_file()
    {
        var rng = new Random(5);
        var docs = Enumerable.Range(0, 300).Select(i => Doc(i / 3, "t", "s" + i, LunrDifferentialTests.RandomText(rng, 30) + " common")).ToList();
        var files = BuildSearchIndex.BuildShards(docs, shardBytes: 2_000, largePostings: 100);
        using var meta = JsonDocument.Parse(files["search/meta.json"]);
        var firsts = meta.RootElement.GetProperty("shards").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.True(firsts.Length > 3);
        var seen = new List<string>();
        for (int i = 0; i < firsts.Length; i++)
        {
            using var shard = JsonDocument.Parse(files[$"search/t/{i}.json"]);
            foreach (var t in shard.RootElement.GetProperty("t").EnumerateArray())
            {
                var term = t[0].GetString()!;
                Assert.Equal(i, WriteSearchShards.ShardOf(firsts, term));
                seen.Add(term);
                if (term == "common") { Assert.Equal(0, t[3].GetInt32()); Assert.True(files.ContainsKey($"search/p/{t[1].GetInt32()}.json")); }
            }
        }
        Assert.Equal(seen.OrderBy(x => x, StringComparer.Ordinal), seen);
        Assert.Contains("common", seen);
    }
}
