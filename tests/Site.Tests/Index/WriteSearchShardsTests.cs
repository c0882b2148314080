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
        using var chunk = JsonDocument.Parse(GzipBytes.Decompress(files["search/d/1.json.gz"]));
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
        var all = files.Where(f => f.Key.StartsWith("search/t/")).SelectMany(f => JsonDocument.Parse(GzipBytes.Decompress(f.Value)).RootElement.GetProperty("s").EnumerateArray()
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
            using var shard = JsonDocument.Parse(GzipBytes.Decompress(files[$"search/t/{i}.json.gz"]));
            foreach (var t in shard.RootElement.GetProperty("t").EnumerateArray())
            {
                var term = t[0].GetString()!;
                Assert.Equal(i, WriteSearchShards.ShardOf(firsts, term));
                seen.Add(term);
                if (term == "common") { Assert.Equal(0, t[3].GetInt32()); Assert.True(files.ContainsKey($"search/p/{t[1].GetInt32()}.gz")); }
            }
        }
        Assert.Equal(seen.OrderBy(x => x, StringComparer.Ordinal), seen);
        Assert.Contains("common", seen);
    }

    /// <summary>The head/tail split of one large term: (docs, head size, tail chunk size).</summary>
    [Theory]
    [InlineData(50, 10, 7)]
    [InlineData(50, 25, 100)] // a tail as large as the head: one chunk
    [InlineData(50, 50, 7)]   // everything fits the head: no tail
    [InlineData(50, 26, 7)]   // a tail smaller than the head stays in it: no tail
    [InlineData(300, 1, 1)]
    public void A_large_term_keeps_its_heaviest_documents_in_the_head_and_the_rest_in_document_chunks(int count, int head, int tail)
    {
        var rng = new Random(count + head);
        // "x" in every document, as often as a random count: its weight differs by document
        var docs = Enumerable.Range(0, count).Select(i => Doc(i / 5, "t", "s" + i,
            string.Join(' ', Enumerable.Repeat("x", rng.Next(1, 6))) + " " + LunrDifferentialTests.RandomText(rng, rng.Next(3, 30)))).ToList();
        var p = BuildSearchIndex.Postings(docs, 1);
        int t = Array.IndexOf(p.Terms, "x");
        var split = ImpactSplit.Of(p, t, head, tail);
        var w = new Dictionary<int, long>();
        for (int i = p.Start[t]; i < p.Start[t + 1]; i++) w[p.Doc[i]] = w.GetValueOrDefault(p.Doc[i]) + p.Millis[i];
        var inHead = new HashSet<int>();
        for (int i = p.Start[t]; i < p.Start[t + 1]; i++) if (split.InHead[i - p.Start[t]]) inHead.Add(p.Doc[i]);
        var tailDocs = w.Keys.Where(d => !inHead.Contains(d)).OrderBy(d => d).ToList();
        Assert.Equal(count - head < head ? count : head, inHead.Count);
        Assert.Equal(tailDocs.Count == 0 ? 0 : tailDocs.Max(d => w[d]), split.TailMax);
        Assert.All(inHead, d => Assert.True(w[d] >= split.TailMax)); // nothing in the tail outweighs the head
        Assert.Equal(tailDocs.Where((_, k) => k % tail == 0), split.TailFirsts); // chunks of `tail` documents, in document order
    }

    [Fact]
    public void Large_postings_round_trip_through_the_head_and_tail_files()
    {
        var rng = new Random(9);
        var docs = Enumerable.Range(0, 120).Select(i => Doc(i / 4, "common " + (i % 3 == 0 ? "common" : ""), "s" + i,
            LunrDifferentialTests.RandomText(rng, 20) + " common")).ToList();
        var files = BuildSearchIndex.BuildShards(docs, largePostings: 50, headDocs: 16, tailDocs: 30);
        var p = BuildSearchIndex.Postings(docs, 1);
        int t = Array.IndexOf(p.Terms, "common");
        var want = new List<(int, int, int)>();
        for (int i = p.Start[t]; i < p.Start[t + 1]; i++) want.Add((p.Field[i], p.Doc[i], p.Millis[i]));
        var got = new List<(int, int, int)>();
        var parts = files.Keys.Where(k => k.StartsWith($"search/p/{t}.") || k.StartsWith($"search/p/{t}-")).ToList();
        Assert.Equal(1 + (120 - 16 + 29) / 30, parts.Count); // a head of 16, tail chunks of 30
        foreach (var k in parts)
        {
            var b = GzipBytes.Decompress(files[k]);
            int at = 0;
            uint Varint() { uint v = 0; int shift = 0; byte c; do { c = b[at++]; v |= (uint)(c & 0x7f) << shift; shift += 7; } while ((c & 0x80) != 0); return v; }
            for (int f = 0; f < p.Fields.Length; f++)
            {
                int n = (int)Varint(), d = 0;
                for (int i = 0; i < n; i++) { d += (int)Varint(); got.Add((f, d, (int)Varint())); }
            }
            Assert.Equal(b.Length, at);
        }
        Assert.Equal(want.OrderBy(x => x), got.OrderBy(x => x));
    }

    [Fact]
    public void Meta_lists_every_large_term_with_a_head_file_and_no_other()
    {
        var rng = new Random(13);
        var docs = Enumerable.Range(0, 200).Select(i => Doc(i / 4, "t", "s" + i, LunrDifferentialTests.RandomText(rng, 25) + " common 张量")).ToList();
        var files = BuildSearchIndex.BuildShards(docs, shardBytes: 2_000, largePostings: 60, headDocs: 16, tailDocs: 30);
        var p = BuildSearchIndex.Postings(docs, 1);
        using var meta = JsonDocument.Parse(files["search/meta.json"]);
        var heads = meta.RootElement.GetProperty("heads").EnumerateArray().Select(e => (Term: e[0].GetString()!, Idx: e[1].GetInt32())).ToList();
        var headFiles = files.Keys.Where(k => k.StartsWith("search/p/") && !k.Contains('-')).Select(k => int.Parse(k["search/p/".Length..^".gz".Length])).ToHashSet();
        Assert.True(heads.Count >= 2, $"only {heads.Count} large terms");
        Assert.Equal(headFiles.OrderBy(i => i), heads.Select(h => h.Idx).OrderBy(i => i));
        Assert.All(heads, h => Assert.Equal(h.Term, p.Terms[h.Idx]));
        Assert.Equal(heads.Select(h => h.Term).OrderBy(t => t, StringComparer.Ordinal), heads.Select(h => h.Term)); // UTF-16 order
        Assert.Contains(heads, h => h.Term == "张量");
    }

    [Fact]
    public void Stored_files_are_gzip_and_the_same_bytes_on_every_build()
    {
        var docs = Enumerable.Range(0, 40).Select(i => Doc(i / 4, "S" + i, "s" + i, "text common " + i)).ToList();
        var a = BuildSearchIndex.BuildShards(docs, largePostings: 10, headDocs: 4, tailDocs: 8);
        var b = BuildSearchIndex.BuildShards(docs, largePostings: 10, headDocs: 4, tailDocs: 8);
        Assert.Equal(a.Keys.OrderBy(k => k, StringComparer.Ordinal), b.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var (k, v) in a)
        {
            Assert.Equal(v, b[k]);
            if (k.EndsWith(".gz")) Assert.True(v[0] == 0x1f && v[1] == 0x8b, k);
            else Assert.Equal("search/meta.json", k);
        }
    }
}
