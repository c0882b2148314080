using System.Collections.Immutable;
using System.Text.Json;
using Site.Core;
using Site.Index;
using Site.Normalize;
using Xunit;
using Xunit.Abstractions;

namespace Site.Tests.Index;

/// <summary>A [Fact] skipped (with the reason) when node or theme/node_modules is missing.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (IndexTestSupport.NodePath is null) Skip = "skipped: node not found on PATH";
        else if (!File.Exists(Path.Combine(IndexTestSupport.RepoRoot, "theme", "node_modules", "lunr", "lunr.js")))
            Skip = "skipped: theme/node_modules missing (run npm ci in theme/)";
    }
}

/// <summary>A [Fact] skipped (with the reason) when chromium, node or playwright-core is missing.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public static readonly string Chromium = Site.Tests.Browser.BrowserEnv.Chromium;
    public static string Playwright => Path.Combine(IndexTestSupport.RepoRoot, "theme", "node_modules", "playwright-core", "index.mjs");

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Chromium)) Skip = $"skipped: {Chromium} not found (apt-get install chromium)";
        else if (IndexTestSupport.NodePath is null) Skip = "skipped: node not found on PATH";
        else if (!File.Exists(Playwright)) Skip = "skipped: playwright-core missing (run npm ci in theme/)";
    }
}

public class BuildSearchIndexTests
{
    private static Note MakeNote(string url, string title, string body, params Section[] sections) => new()
    {
        SourcePath = url + ".md", FullPath = "/x/" + url + ".md", Url = url, Title = title, Body = body,
        Meta = FrontMatter.Empty with { Tags = ImmutableArray.Create("t1") },
        Sections = sections.ToImmutableArray(),
    };

    [Fact]
    public void One_document_per_section_plus_one_intro_per_note()
    {
        var a = MakeNote("notes/b/", "B note", "intro of b\n\n## S1\ntext",
            new Section { Level = 1, Title = "S1", Id = "s1", Text = "text one" },
            new Section { Level = 2, Title = "S1.1", Id = "s1-1", Path = ImmutableArray.Create("S1"), Text = "text two" });
        var b = MakeNote("notes/a/", "A note", "only intro");
        var docs = BuildSearchIndex.Documents(new[] { a, b });
        Assert.Equal(4, docs.Count);
        Assert.Equal(("notes/a/", "", "only intro"), (docs[0].NoteUrl, docs[0].Anchor, docs[0].Body)); // notes sorted by url
        Assert.Equal(("notes/b/", "", "intro of b"), (docs[1].NoteUrl, docs[1].Anchor, docs[1].Body));
        Assert.Equal(("s1-1", "S1", 1), (docs[3].Anchor, docs[3].Ancestors[0], docs[3].NoteIndex));
    }

    [Fact]
    public void Docs_json_is_compact_escaped_and_capped()
    {
        var longText = string.Concat(Enumerable.Repeat("张量并行 ", 200));
        var n = MakeNote("notes/x/", "<script>alert(1)</script>", "", new Section { Level = 1, Title = "T \"q\"", Id = "张量并行", Text = longText });
        var files = BuildSearchIndex.Build(new[] { n });
        using var doc = JsonDocument.Parse(files.DocsJson);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("v").GetInt32());
        Assert.Equal("<script>alert(1)</script>", root.GetProperty("notes")[0][1].GetString());
        var d = root.GetProperty("docs")[1];
        Assert.Equal("T \"q\"", d[1].GetString());
        Assert.Equal("张量并行", d[2].GetString());
        Assert.True(d[4].GetString()!.Length <= BuildSearchIndex.ExcerptLength);
        Assert.Equal(2, files.DocumentCount);
        using var idx = JsonDocument.Parse(files.IndexJson);
        Assert.Equal("2.3.9", idx.RootElement.GetProperty("version").GetString());
        Assert.Equal(new[] { "title", "path", "body", "tags" }, idx.RootElement.GetProperty("fields").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Excerpt_collapses_space_and_never_splits_surrogates()
    {
        Assert.Equal("a b", BuildSearchIndex.Excerpt("  a \n\n b  ", 10));
        var s = BuildSearchIndex.Excerpt("ab𠮷𠮷", 3);
        Assert.Equal("ab", s);
    }

    [Fact]
    public void Module_writes_both_files_and_returns_notes_unchanged()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kb-index-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using var output = new OutputWriter(Path.Combine(dir, "out"));
            var ctx = new BuildContext(new BuildOptions(), output);
            var notes = ImmutableArray.Create(MakeNote("notes/a/", "A", "x"));
            var result = new BuildSearchIndex().Execute(notes, ctx);
            Assert.True(result.SequenceEqual(notes));
            Assert.True(output.Exists("search/meta.json"));
            Assert.True(output.Exists("search/d/0.json.gz"));
            Assert.False(output.Exists("search/docs.json"), "no browser code reads docs.json: it is not published");
        }
        finally { try { Directory.Delete(dir, true); } catch { } }
    }
}

/// <summary>Tests against a site built by the real pipeline (see <see cref="SearchSiteFixture"/>).</summary>
public class SearchSiteTests : IClassFixture<SearchSiteFixture>
{
    private readonly SearchSiteFixture _site;
    private readonly ITestOutputHelper _out;
    public SearchSiteTests(SearchSiteFixture site, ITestOutputHelper output) { _site = site; _out = output; }

    private List<JsonElement> Query(string q)
    {
        var r = IndexTestSupport.RunNode(new[] { Path.Combine(IndexTestSupport.SearchDir, "query.mjs"), _site.Output, q });
        Assert.True(r.ExitCode == 0, r.Stderr);
        _out.WriteLine(r.Stdout);
        return r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    [NodeFact]
    public void Query_command_finds_chinese_section()
    {
        var rows = Query("张量并行");
        Assert.NotEmpty(rows);
        Assert.Equal("张量并行", rows[0].GetProperty("title").GetString());
        Assert.Equal("distributed/#张量并行", rows[0].GetProperty("url").GetString());
        Assert.True(rows[0].GetProperty("score").GetDouble() > 0);
        Assert.True(rows.Count <= 10);
    }

    [NodeFact]
    public void Query_command_handles_compound_partial_and_single_char()
    {
        Assert.Equal("ZeRO-3", Query("zero-3")[0].GetProperty("title").GetString());
        Assert.Contains(Query("LLaMA2-7"), r => r.GetProperty("title").GetString()!.Contains("LLaMA2-7B"));
        Assert.NotEmpty(Query("量"));
        Assert.Empty(Query("🤖"));
    }

    [NodeFact]
    public void Site_has_the_sharded_index_and_not_the_whole_lunr_index()
    {
        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(_site.Output, "search", "meta.json")));
        Assert.Equal(new[] { "title", "path", "body", "tags" }, meta.RootElement.GetProperty("fields").EnumerateArray().Select(e => e.GetString()));
        Assert.True(File.Exists(Path.Combine(_site.Output, "search", "t", "0.json.gz")));
        Assert.True(File.Exists(Path.Combine(_site.Output, "search", "d", "0.json.gz")));
        Assert.False(File.Exists(Path.Combine(_site.Output, "search", "index.json")), "the browser never loads index.json: it is not published");
    }

    [NodeFact]
    public void Query_command_splits_letters_and_digits_and_tolerates_typos()
    {
        Assert.Equal("LLaMA2-7B 实验", Query("llama2 7b")[0].GetProperty("title").GetString());
        Assert.Equal("ZeRO-3", Query("zero3")[0].GetProperty("title").GetString());
        Assert.Equal("张量并行", Query("megatrn ")[0].GetProperty("title").GetString());
    }

    [ChromiumFact]
    public void Browser_types_chinese_query_sees_highlights_and_lands_on_section()
    {
        var r = IndexTestSupport.RunNode(new[]
        {
            Path.Combine(IndexTestSupport.RepoRoot, "tests", "Site.Tests", "Index", "search-browser.mjs"),
            _site.Output, SearchSiteFixture.BaseUrl, ChromiumFactAttribute.Chromium, ChromiumFactAttribute.Playwright,
        }, timeoutMs: 240_000);
        _out.WriteLine(r.Stdout);
        _out.WriteLine(r.Stderr);
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout.Trim().Split('\n').Last());
        var failed = doc.RootElement.GetProperty("checks").EnumerateArray()
            .Where(c => !c.GetProperty("ok").GetBoolean())
            .Select(c => c.GetProperty("name").GetString() + ": " + c.GetProperty("detail").GetString()).ToList();
        var log = string.Join("\n", doc.RootElement.GetProperty("log").EnumerateArray().Select(e => e.GetString()));
        Assert.True(failed.Count == 0, "browser checks failed:\n" + string.Join("\n", failed) + "\n" + log);
        Assert.True(doc.RootElement.GetProperty("checks").GetArrayLength() >= 12);
    }
}
