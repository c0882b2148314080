using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Site.Index;
using Xunit;
using Xunit.Abstractions;

namespace Site.Tests.Index;

/// <summary>
/// The sharded engine (theme/search/sharded-index.mjs over WriteSearchShards' files) against
/// <c>lunr.Index.load(index.json).query(…)</c> on seeded random site corpora: random clause lists
/// (exact terms, trailing wildcards, boosts, unknown terms) and random raw queries through the site's
/// query plan must give the same documents with the same scores (within 1e-9) and matched terms.
/// Small shards and a low large-postings threshold make every corpus use many shards and p/ files;
/// tiny heads and tail chunks make the exact top-k path (top-k.mjs, what the site runs) stop early
/// on many queries, and its top k must equal lunr's first k with the same scores.
/// </summary>
public class ShardedIndexDifferentialTests
{
    private readonly ITestOutputHelper _out;
    public ShardedIndexDifferentialTests(ITestOutputHelper output) => _out = output;

    private static List<SearchDoc> Corpus(int seed, int notes)
    {
        var rng = new Random(seed);
        var docs = new List<SearchDoc>();
        for (int n = 0; n < notes; n++)
        {
            var title = LunrDifferentialTests.RandomText(rng, 4);
            var tags = ImmutableArray.Create("tag" + rng.Next(5), "标签");
            docs.Add(new SearchDoc(n, $"notes/n{n}/", title, "", "", ImmutableArray<string>.Empty, LunrDifferentialTests.RandomText(rng, 40), tags));
            int sections = rng.Next(1, 6);
            for (int s = 0; s < sections; s++)
                docs.Add(new SearchDoc(n, $"notes/n{n}/", title, LunrDifferentialTests.RandomText(rng, 3), $"s{s}",
                    s > 0 && rng.Next(2) == 0 ? ImmutableArray.Create("parent") : ImmutableArray<string>.Empty,
                    rng.Next(8) == 0 ? "" : LunrDifferentialTests.RandomText(rng, 80), tags));
        }
        return docs;
    }

    private static (List<List<Dictionary<string, object>>> Clauses, List<string> Queries) RandomQueries(int seed, List<SearchDoc> docs)
    {
        var rng = new Random(seed * 31 + 7);
        var vocab = docs.Take(80).SelectMany(d => Tokenizer.Tokenize(d.SectionTitle + " " + d.Body)).Distinct().ToList();
        string Term() => rng.Next(10) == 0 ? "nosuchterm" + rng.Next(3) : vocab[rng.Next(vocab.Count)];
        double[] boosts = { 1, 1, 2, 3, 0.3, 10 };
        var clauses = new List<List<Dictionary<string, object>>>();
        for (int q = 0; q < 40; q++)
        {
            var list = new List<Dictionary<string, object>>();
            int n = rng.Next(1, 6);
            for (int i = 0; i < n; i++)
            {
                var t = Term();
                var c = new Dictionary<string, object> { ["term"] = t, ["boost"] = boosts[rng.Next(boosts.Length)] };
                if (rng.Next(4) == 0)
                {
                    c["term"] = t.Substring(0, Math.Max(1, Math.Min(t.Length, rng.Next(1, 4))));
                    c["wildcard"] = true;
                }
                list.Add(c);
            }
            clauses.Add(list);
        }
        var queries = new List<string>();
        for (int q = 0; q < 30; q++)
        {
            var d = docs[rng.Next(docs.Count)];
            var text = d.Body.Length > 0 ? d.Body : d.NoteTitle.Length > 0 ? d.NoteTitle : "lora 微调";
            int from = rng.Next(Math.Max(1, text.Length - 12));
            var piece = text.Substring(from, Math.Min(text.Length - from, rng.Next(2, 14)));
            if (piece.Length > 0 && char.IsLowSurrogate(piece[0])) piece = piece[1..];
            if (piece.Length > 0 && char.IsHighSurrogate(piece[^1])) piece = piece[..^1];
            queries.Add(rng.Next(3) == 0 ? piece + " " : piece);
        }
        queries.AddRange(new[] { "量", "张", "langchian", "梯度检查点", "rag 和 sft 区别", "lora", "trans", "ZeRO-3" });
        return (clauses, queries);
    }

    [NodeFact]
    public void Sharded_engine_scores_like_lunr_on_random_corpora()
    {
        IndexTestSupport.RequireNode();
        var root = Directory.CreateTempSubdirectory("kb-shards-").FullName;
        try
        {
            int compared = 0, nonEmpty = 0, topk = 0, early = 0;
            var failures = new List<string>();
            foreach (var seed in new[] { 11, 2027, 90001 })
            {
                var docs = Corpus(seed, 60 + seed % 40);
                var site = Path.Combine(root, "s" + seed);
                var files = BuildSearchIndex.BuildShards(docs, shardBytes: 1_500, largePostings: 40, headDocs: 8, tailDocs: 12);
                Assert.True(files.Keys.Count(k => k.StartsWith("search/t/")) > 10, "corpus should span many shards");
                Assert.Contains(files.Keys, k => k.StartsWith("search/p/") && k.Contains('-'));
                foreach (var (rel, bytes) in files)
                {
                    var full = Path.Combine(site, rel);
                    Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                    File.WriteAllBytes(full, bytes);
                }
                File.WriteAllText(Path.Combine(site, "search", "index.json"), BuildSearchIndex.Build(docs).IndexJson);
                var (clauses, queries) = RandomQueries(seed, docs);
                var input = JsonSerializer.Serialize(new { clauses, queries });
                var r = IndexTestSupport.RunNode(new[] { Path.Combine(IndexTestSupport.RepoRoot, "tests", "Site.Tests", "Index", "sharded-differential.mjs"), site }, input);
                Assert.True(r.ExitCode == 0, r.Stderr);
                using var doc = JsonDocument.Parse(r.Stdout.Trim().Split('\n').Last());
                compared += doc.RootElement.GetProperty("compared").GetInt32();
                nonEmpty += doc.RootElement.GetProperty("nonEmpty").GetInt32();
                topk += doc.RootElement.GetProperty("topk").GetInt32();
                early += doc.RootElement.GetProperty("early").GetInt32();
                failures.AddRange(doc.RootElement.GetProperty("failures").EnumerateArray().Select(f => $"seed {seed}: {f.GetString()}"));
            }
            _out.WriteLine($"{compared} result lists compared, {nonEmpty} non-empty; {topk} top-k runs, {early} stopped early");
            foreach (var f in failures.Take(20)) _out.WriteLine(f);
            Assert.True(compared >= 200 && nonEmpty >= 150, $"only {compared} comparisons, {nonEmpty} non-empty");
            Assert.True(early >= 30, $"only {early} of {topk} top-k runs stopped early: the early-stopping path is not exercised");
            Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
