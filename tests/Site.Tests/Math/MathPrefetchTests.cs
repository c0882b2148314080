using System.Collections.Immutable;
using Markdig;
using Markdig.Syntax;
using Site.Core;
using Site.Normalize;
using Site.Render.Mathematics;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.MathTests;

/// <summary>Formulas rendered while notes are normalized (MathPrefetch): same pages, KaTeX's work moved earlier, no diagnostics of its own.</summary>
public class MathPrefetchTests
{
    /// <summary>TeX no other test renders, so the process-wide memory cache cannot already hold it.</summary>
    private static string Unique(int i) => $"y_{{{Random.Shared.Next(1_000_000, 9_999_999)}}} + {i}";

    private static MathPrefetch Start(string cacheDir, bool fixMath = false, int maxWorkers = 2) => new(() =>
    {
        var r = new KatexRenderer(MathTestSupport.ThemeDir, cacheDir);
        r.Start();
        return r;
    }, fixMath, CancellationToken.None, maxWorkers);

    [SkippableNodeFact]
    public void A_backlog_of_formulas_starts_a_second_worker_and_every_formula_is_rendered_once()
    {
        var prefetch = Start(MathTestSupport.TempDir("prefetch-cache"));
        var texs = Enumerable.Range(0, MathPrefetch.SecondWorkerBacklog + 200).Select(Unique).ToList();
        prefetch.Offer(Markdown.Parse(string.Join("\n\n", texs.Select(t => $"${t}$")), MarkdownSyntax.Pipeline));
        var workers = prefetch.Finish();
        try
        {
            Assert.Equal(2, prefetch.Workers);
            Assert.Equal(texs.Count, prefetch.Prefetched);
            Assert.Equal(texs.Count, workers.Sum(w => w.NodeRenders));
            Assert.All(texs, t => Assert.Contains(workers, w => w.TryGetCached(t, false) is { Ok: true }));
        }
        finally { foreach (var w in workers) w.Dispose(); }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)] // two cores: the notes are parsed on one, KaTeX gets the other
    [InlineData(4, 2)]
    [InlineData(16, 2)]
    public void A_second_worker_needs_cores_to_spare(int parallelism, int workers) =>
        Assert.Equal(workers, RenderMath.PrefetchWorkers(parallelism));

    [SkippableNodeFact]
    public void Formulas_offered_while_normalizing_are_in_the_cache_when_the_render_stage_starts()
    {
        var (ctx, output, dir) = MathTestSupport.Context(cacheDir: MathTestSupport.TempDir("prefetch-cache"));
        using var _ = output;
        var a = Unique(1);
        var b = Unique(2);
        var notes = MathTestSupport.Notes(
            MathTestSupport.NoteFrom("a.md", $"# A\n\n文字 ${a}$ 和 $${b}$$\n"),
            MathTestSupport.NoteFrom("b.md", $"# B\n\n又是 ${a}$\n")); // a repeat: rendered once

        RenderMath.Prewarm(ctx);
        Assert.NotNull(ctx.TryGet<Action<MarkdownDocument>>(NormalizeNotes.ParsedHookKey));
        notes = new NormalizeNotes().Execute(notes, ctx);
        var module = new RenderMath();
        module.Execute(notes, ctx);

        Assert.Equal(2, module.LastStats.Distinct);
        Assert.Equal(0, module.LastStats.NodeRenders); // all rendered ahead
        Assert.Equal(2, module.LastStats.CacheHits);
        Assert.True(ctx.Timings.ContainsKey("math_prefetch_wait"));
        var results = ctx.Get<MathResults>(MathResults.ItemKey);
        Assert.Contains("katex", results.Get(a, false)!.Html);
        Assert.Contains("katex-display", results.Get(b, true)!.Html);
        Assert.Empty(ctx.Diagnostics.All);
    }

    [SkippableNodeFact]
    public void Each_distinct_formula_is_sent_once_and_errors_are_left_for_the_render_stage_to_report()
    {
        var cache = MathTestSupport.TempDir("prefetch-cache");
        var prefetch = Start(cache);
        var ok = Unique(3);
        var doc = Markdown.Parse($"${ok}$ ${ok}$ $\\frac{{a}}{{$\n", MarkdownSyntax.Pipeline);
        prefetch.Offer(doc);
        prefetch.Offer(doc);
        using var worker = Assert.Single(prefetch.Finish());

        Assert.Equal(2, prefetch.Prefetched);
        Assert.Equal(2, worker!.NodeRenders);
        Assert.True(worker.TryGetCached(ok, false)!.Ok);
        Assert.False(worker.TryGetCached("\\frac{a}{", false)!.Ok); // cached as an error, reported later by RenderMath
    }

    [SkippableNodeFact]
    public void With_fix_math_a_formula_the_linter_would_repair_is_not_rendered_ahead()
    {
        var prefetch = Start(MathTestSupport.TempDir("prefetch-cache"), fixMath: true);
        var broken = "\u000Crac{1}{" + Random.Shared.Next(1_000_000, 9_999_999) + "}"; // a lost "\f" of \frac
        prefetch.Offer(Markdown.Parse($"${broken}$\n", MarkdownSyntax.Pipeline));
        using var worker = Assert.Single(prefetch.Finish());
        Assert.Equal(0, prefetch.Prefetched);
        Assert.Null(worker.TryGetCached(broken, false));
    }

    [Fact]
    public void A_site_built_with_formulas_rendered_ahead_is_the_site_built_without_any_cache()
    {
        if (!MathTestSupport.NodeAvailable) return; // covered by the Node tests
        using var site = new TempSite();
        for (int i = 0; i < IncrementalStagesPrewarm + 5; i++)
            site.Write($"n{i:00}.md", $"# 笔记 {i}\n\n## 公式\n\n能量 $E_{{{i}}} = m c^2$ 与 $$\\sum_{{k=1}}^{{{i}}} k$$\n\n## 错误\n\n$\\frac{{a}}{{$ 在这里\n");
        var reference = Path.Combine(site.Root, "reference");
        var plain = site.Build(site.Options() with { CacheDir = null, OutputDir = reference });
        var ahead = site.Build(); // a cold cache folder: formulas are rendered while the notes are normalized

        SiteSnapshot.AssertSame(SiteSnapshot.Of(reference), SiteSnapshot.Of(site.Output), "built without a cache");
        Assert.Equal(plain.Diagnostics.Select(d => d.ToString()), ahead.Diagnostics.Select(d => d.ToString()));
        Assert.Contains(ahead.Diagnostics, d => d.Message.StartsWith("math:", StringComparison.Ordinal)); // the bad formula, once per note
    }

    private const int IncrementalStagesPrewarm = Site.Incremental.IncrementalStages.PrewarmMinNotes;
}
