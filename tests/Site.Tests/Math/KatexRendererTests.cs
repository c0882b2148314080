using Site.Render.Mathematics;
using Xunit;

namespace Site.Tests.MathTests;

public class KatexRendererTests
{
    [SkippableNodeFact]
    public void Renders_many_formulas_in_few_batches_through_one_process()
    {
        using var r = new KatexRenderer(MathTestSupport.ThemeDir) { BatchSize = 100 };
        var items = Enumerable.Range(0, 250).Select(i => new MathRequest($"x^{{{i}}} + \\frac{{{i}}}{{2}}", i % 2 == 0)).ToList();
        var results = r.RenderAll(items);
        Assert.Equal(250, results.Count);
        Assert.All(results, x => Assert.True(x.Ok, x.Error));
        Assert.Equal(1, r.ProcessStarts);
        Assert.Equal(3, r.Batches);
        Assert.Equal(250, r.NodeRenders);
        Assert.Contains("katex-display", results[0].Html);      // display
        Assert.DoesNotContain("katex-display", results[1].Html); // inline
        Assert.Contains("<annotation encoding=\"application/x-tex\">x^{1} + \\frac{1}{2}</annotation>", results[1].Html);
    }

    [SkippableNodeFact]
    public void Render_ahead_keeps_several_requests_queued_and_caches_every_answer_in_order()
    {
        using var r = new KatexRenderer(MathTestSupport.ThemeDir);
        var batches = Enumerable.Range(0, 3 * KatexRenderer.RequestsAhead).Select(b =>
            Enumerable.Range(0, 40).Select(i => new MathRequest($"y_{{{b}}} + \\sqrt{{{i}}}", (b + i) % 3 == 0)).ToList()).ToList();
        int next = 0;
        var sent = r.RenderAhead(() => next < batches.Count ? batches[next++] : null);
        Assert.Equal(batches.Count * 40, sent);
        Assert.Equal(batches.Count, r.Batches);
        foreach (var batch in batches)
            foreach (var m in batch)
            {
                var hit = r.TryGetCached(m.Tex, m.Display);
                Assert.NotNull(hit);
                Assert.True(hit!.Ok, hit.Error);
                Assert.Contains($"<annotation encoding=\"application/x-tex\">{m.Tex}</annotation>", hit.Html);
                Assert.Equal(m.Display, hit.Html!.Contains("katex-display"));
            }
        Assert.Equal(0, r.NodeRenders - sent);
        if (OperatingSystem.IsLinux() && int.TryParse(File.ReadAllText("/proc/sys/fs/pipe-max-size").Trim(), out var max) && max >= PipeBuffer.Bytes)
        {
            Assert.Equal(PipeBuffer.Bytes, r.AnswerPipeSize); // Node can write ahead of a paused reader
            Assert.Equal(PipeBuffer.Bytes, r.RequestPipeSize); // and RequestsAhead requests are written without blocking
        }
    }

    [SkippableNodeFact]
    public void Duplicates_are_rendered_once()
    {
        using var r = new KatexRenderer(MathTestSupport.ThemeDir);
        var items = Enumerable.Repeat(new MathRequest("a+b", false), 10).Append(new MathRequest("a+b", true)).ToList();
        var results = r.RenderAll(items);
        Assert.Equal(2, r.NodeRenders);
        Assert.Equal(1, r.Batches);
        Assert.Same(results[0], results[9]);
    }

    [SkippableNodeFact]
    public void Reports_katex_errors_with_message_and_position()
    {
        using var r = new KatexRenderer(MathTestSupport.ThemeDir);
        var results = r.RenderAll(new[] { new MathRequest(@"\left[ x", true), new MathRequest(@"\frac{a}{", false), new MathRequest("ok", false) });
        Assert.False(results[0].Ok);
        Assert.Equal("Expected '\\right', got 'EOF'", results[0].Error);
        Assert.Equal(8, results[0].Position);
        Assert.False(results[1].Ok);
        Assert.Contains("expected '}'", results[1].Error);
        Assert.True(results[2].Ok);
    }

    [SkippableNodeFact]
    public void Utf8_round_trips()
    {
        using var r = new KatexRenderer(MathTestSupport.ThemeDir);
        var res = r.Render(@"\text{损失函数 — ünïcödé} + α", false);
        Assert.True(res.Ok, res.Error);
        Assert.Contains("损失函数 — ünïcödé", res.Html);
        Assert.Contains("α", res.Html);
    }

    [SkippableNodeFact]
    public void Disk_cache_hit_skips_node_entirely()
    {
        var cache = MathTestSupport.TempDir("katex-cache");
        try
        {
            var items = new[] { new MathRequest(@"\sum_{i=1}^n i", true), new MathRequest(@"\left[", false), new MathRequest("e^{i\\pi}", false) };
            IReadOnlyList<MathRendering> first;
            using (var cold = new KatexRenderer(MathTestSupport.ThemeDir, cache))
            {
                first = cold.RenderAll(items);
                Assert.Equal(3, cold.NodeRenders);
                Assert.Equal(1, cold.ProcessStarts);
            }
            Assert.True(new FileInfo(Path.Combine(cache, "katex", "katex-cache.jsonl")).Length > 0);
            KatexRenderer.UnloadDiskCaches(); // read it back from disk, as a new process would
            using var warm = new KatexRenderer(MathTestSupport.ThemeDir, cache, nodePath: "/nonexistent/node");
            var second = warm.RenderAll(items);
            Assert.Equal(0, warm.NodeRenders);
            Assert.Equal(0, warm.ProcessStarts);
            Assert.Equal(3, warm.DiskHits);
            for (int i = 0; i < items.Length; i++)
            {
                Assert.Equal(first[i].Html, second[i].Html);
                Assert.Equal(first[i].Error, second[i].Error);
                Assert.Equal(first[i].Position, second[i].Position);
            }
            // The key includes display mode: same TeX as display is a miss.
            Assert.Null(warm.TryGetCached("e^{i\\pi}", true));
        }
        finally { Directory.Delete(cache, true); }
    }

    [Fact]
    public void Missing_node_is_a_clear_error()
    {
        using var r = new KatexRenderer(MathTestSupport.ThemeDir, nodePath: "/nonexistent/node");
        var ex = Assert.Throws<KatexException>(() => r.Render("x", false));
        Assert.Contains("could not start /nonexistent/node", ex.Message);
    }

    [SkippableNodeFact]
    public void Markup_after_the_header_is_split_by_utf8_byte_counts_between_errors()
    {
        // Chinese text, a supplementary-plane character, quotes, a newline and an empty result: lengths are UTF-8 bytes.
        var items = new[] { @"\text{中文 “引号”}", @"\frac{1}{", @"\text{𝔘 a""b}", "x", @"\text{ä}" };
        using var r = new KatexRenderer(MathTestSupport.ThemeDir);
        var results = r.RenderAll(items.Select(t => new MathRequest(t, false)).ToList());
        Assert.Equal(5, results.Count);
        Assert.Contains("中文 “引号”", results[0].Html);
        Assert.False(results[1].Ok);
        Assert.Contains("Unexpected end of input", results[1].Error);
        Assert.Contains("𝔘", results[2].Html);
        Assert.EndsWith("</span>", results[2].Html!.TrimEnd());
        Assert.StartsWith("<span class=\"katex\">", results[3].Html);
        Assert.Contains("<annotation encoding=\"application/x-tex\">\\text{ä}</annotation>", results[4].Html);
        Assert.Equal(1, r.Batches);
    }

    /// <summary>A theme folder whose katex/server.mjs is <paramref name="script"/>, for a test to run against; deleted after.</summary>
    private static void WithFakeServer(string name, string script, Action<string> test)
    {
        var theme = MathTestSupport.TempDir(name);
        try
        {
            Directory.CreateDirectory(Path.Combine(theme, "katex"));
            File.WriteAllText(Path.Combine(theme, "katex", "server.mjs"), script);
            test(theme);
        }
        finally { Directory.Delete(theme, true); }
    }

    [SkippableNodeFact]
    public void A_server_of_the_earlier_protocol_markup_inside_the_json_is_still_read() => WithFakeServer("old-protocol-theme",
        "import { createInterface } from 'node:readline';\n" +
        "process.stdout.write(JSON.stringify({ready:true})+'\\n');\n" +
        "createInterface({ input: process.stdin }).on('line', (line) => { const req = JSON.parse(line);\n" +
        "  process.stdout.write(JSON.stringify({ id: req.id, results: req.items.map((it) => it.tex === 'bad' ? { error: 'nope', position: 2 } : { html: '<b>' + it.tex + '中</b>' }) }) + '\\n'); });\n",
        theme =>
        {
            using var r = new KatexRenderer(theme);
            var results = r.RenderAll(new[] { new MathRequest("a", false), new MathRequest("bad", true), new MathRequest("c\"d", false) });
            Assert.Equal("<b>a中</b>", results[0].Html);
            Assert.Equal(("nope", (int?)2), (results[1].Error, results[1].Position));
            Assert.Equal("<b>c\"d中</b>", results[2].Html);
        });

    [SkippableNodeFact]
    public void A_server_that_stops_in_the_middle_of_its_markup_is_reported() => WithFakeServer("short-markup-theme",
        "process.stdout.write(JSON.stringify({ready:true})+'\\n');\n" +
        "process.stdin.once('data', (d) => { const id = JSON.parse(String(d).split('\\n')[0]).id;\n" +
        "  process.stdout.write(JSON.stringify({ id, results: [{ htmlBytes: 100 }] }) + '\\n<span>', () => process.exit(4)); });\n",
        theme =>
        {
            using var r = new KatexRenderer(theme);
            var ex = Assert.Throws<KatexException>(() => r.Render("x", false));
            Assert.Contains("reading the markup of 1 formulas", ex.Message);
            Assert.Contains("exited with code 4", ex.Message);
            Assert.Equal(2, r.ProcessStarts); // restarted once, then gave up
        });

    [SkippableNodeFact]
    public void A_server_announcing_an_absurd_answer_is_stopped_before_any_memory_is_given() => WithFakeServer("huge-answer-theme",
        "process.stdout.write(JSON.stringify({ready:true})+'\\n');\n" +
        "process.stdin.on('data', (d) => { const id = JSON.parse(String(d).split('\\n')[0]).id;\n" +
        "  process.stdout.write(JSON.stringify({ id, results: [{ htmlBytes: 2000000000 }] }) + '\\n'); });\n",
        theme =>
        {
            using var r = new KatexRenderer(theme);
            var ex = Assert.Throws<KatexException>(() => r.Render("x", false));
            Assert.Contains("announced 2000000000 bytes of markup for 1 formulas", ex.Message);
        });

    [SkippableNodeFact]
    public void A_server_that_dies_is_reported_with_its_stderr() => WithFakeServer("fake-theme", // crashes on the first request
        "process.stdout.write(JSON.stringify({ready:true})+'\\n');\n" +
        "process.stdin.once('data', () => { console.error('boom: out of cheese'); process.exit(3); });\n",
        theme =>
        {
            using var r = new KatexRenderer(theme);
            var ex = Assert.Throws<KatexException>(() => r.Render("x", false));
            Assert.Contains("exited with code 3", ex.Message);
            Assert.Equal(2, r.ProcessStarts); // restarted once, then gave up
        });
}

/// <summary>A fact that is skipped (with the reason) when node or theme/node_modules/katex is not there.</summary>
public sealed class SkippableNodeFactAttribute : FactAttribute
{
    public SkippableNodeFactAttribute()
    {
        if (!MathTestSupport.NodeAvailable)
            Skip = "Node.js or theme/node_modules/katex is missing: install Node 20+ and run `npm ci` in theme/";
    }
}

/// <summary>The KaTeX disk cache's lines are written by hand with Utf8JsonWriter: byte for byte what JsonSerializer writes
/// with relaxed escaping, and read back as they were.</summary>
public class KatexCacheLineTests
{
    public static TheoryData<string?, string?, int?> Results => new()
    {
        { "<span class=\"katex\">x&amp;y 'q' 中文 \u2028</span>", null, null },
        { "", null, null },
        { null, "Expected '\\right', got 'EOF' <&>", 8 },
        { null, "KaTeX error", null },
    };

    [Theory]
    [MemberData(nameof(Results))]
    public void A_cache_line_is_what_the_serializer_wrote(string? html, string? error, int? position)
    {
        var r = html is not null ? new MathRendering(html) : MathRendering.Failed(error!, position);
        var line = KatexRenderer.CacheLine("k1", r);
        var c = System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("c").GetString();
        var relaxed = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var expected = r.Ok
            ? System.Text.Json.JsonSerializer.Serialize(new { k = "k1", h = r.Html, c }, relaxed)
            : System.Text.Json.JsonSerializer.Serialize(new { k = "k1", e = r.Error, p = r.Position, c }, relaxed);
        Assert.Equal(expected, line);
        Assert.DoesNotContain('\n', line); // one line each
        var back = System.Text.Json.JsonDocument.Parse(line).RootElement;
        if (r.Ok) Assert.Equal(r.Html, back.GetProperty("h").GetString());
        else Assert.Equal(r.Error, back.GetProperty("e").GetString());
    }

    [Theory]
    [InlineData("<span class=\"katex\">x&amp;y 'q' 中文 \u2028</span>")]
    [InlineData("")]
    [InlineData("quote \" backslash \\ newline \n tab \t nul \u0000 esc \u001b del \u007f 𝔘 \ufffd end")]
    public void A_line_made_from_utf8_bytes_reads_back_like_the_serializers_line(string html)
    {
        var r = new MathRendering(html);
        var raw = KatexRenderer.CacheLineFromUtf8("k1", System.Text.Encoding.UTF8.GetBytes(html));
        var line = KatexRenderer.CacheLine("k1", r);
        Assert.EndsWith("\n", raw);
        Assert.DoesNotContain('\n', raw.TrimEnd('\n'));
        var a = System.Text.Json.JsonDocument.Parse(raw).RootElement;
        var b = System.Text.Json.JsonDocument.Parse(line).RootElement;
        Assert.Equal("k1", a.GetProperty("k").GetString());
        Assert.Equal(html, a.GetProperty("h").GetString());
        Assert.Equal(b.GetProperty("c").GetString(), a.GetProperty("c").GetString()); // the same checksum: the reader accepts it
        Assert.False(a.TryGetProperty("e", out _));
    }
}
