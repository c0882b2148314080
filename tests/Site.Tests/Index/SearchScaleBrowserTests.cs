using System.Text;
using System.Text.Json;
using Site.Cli;
using Site.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Site.Tests.Index;

/// <summary>
/// The sharded search in Chromium on a generated 1,000-note site: typing a Chinese and an English
/// query shows highlighted results, and the bytes fetched (gzip, as a static host sends them) stay
/// within the budget: first query ≤ 300 KB, both queries ≤ 1 MB; the page's JS heap ≤ 30 MB.
/// Notes are small (a few sections each) so the build stays quick; bench/ measures real-size notes.
/// </summary>
public sealed class SearchScaleBrowserTests : IDisposable
{
    private const int Notes = 1000;
    private const string BaseUrl = "/kb/";
    private readonly ITestOutputHelper _out;
    private readonly TempSite _site = new();

    public SearchScaleBrowserTests(ITestOutputHelper output) => _out = output;

    private static readonly string[] Zh = "模型 训练 梯度 显存 优化 注意力 参数 数据 推理 量化 微调 分布式 并行 学习率 损失 批次 权重 激活 检查 保存 节点 通信 缓存 序列 位置 编码 采样 评估 指标 对齐".Split(' ');
    private static readonly string[] En = "transformer attention lora adapter checkpoint optimizer gradient batch tensor pipeline kernel cache token embedding softmax dropout layer norm scheduler warmup".Split(' ');

    /// <summary>Deterministic notes: a Chinese/English mix, 3–5 sections; note 500 has the sections the queries look for.</summary>
    private static string Note(int i)
    {
        var r = new Random(i * 7919 + 13);
        string Sentence()
        {
            var sb = new StringBuilder();
            int n = r.Next(6, 14);
            for (int k = 0; k < n; k++) sb.Append(r.Next(3) == 0 ? " " + En[r.Next(En.Length)] + " " : Zh[r.Next(Zh.Length)]);
            return sb.Append('。').ToString();
        }
        var text = new StringBuilder();
        text.Append($"---\ntitle: \"{Zh[r.Next(Zh.Length)]}{Zh[r.Next(Zh.Length)]}笔记 {i}\"\ntags: [{En[r.Next(En.Length)]}]\n---\n\n{Sentence()}\n\n");
        int sections = r.Next(3, 6);
        for (int s = 0; s < sections; s++)
            text.Append($"## {Zh[r.Next(Zh.Length)]}{Zh[r.Next(Zh.Length)]} {s}\n\n{Sentence()}{Sentence()}{Sentence()}\n\n");
        if (i == 500)
            text.Append("## 梯度检查点\n\n用梯度检查点节省显存：前向只保存部分激活，反向时重算。\n\n## ChatGLM-2 部署\n\nChatGLM-2 的 int4 量化版本可以在单卡上推理。\n\n");
        return text.ToString();
    }

    [ChromiumFact]
    public void Typing_chinese_and_english_queries_shows_highlighted_results_within_the_byte_budget()
    {
        for (int i = 0; i < Notes; i++) _site.Write($"n{i / 100}/note-{i:D4}.md", Note(i));
        var started = DateTime.UtcNow;
        var result = SiteBuilder.Build(_site.Options(baseUrl: BaseUrl), TextWriter.Null, true, default, SearchSiteFixture.WithSearch);
        Assert.True(result.ExitCode == 0, "build failed: " + string.Join("\n", result.Diagnostics));
        _out.WriteLine($"built {Notes} notes in {(DateTime.UtcNow - started).TotalSeconds:0.0}s");
        var r = IndexTestSupport.RunNode(new[]
        {
            Path.Combine(IndexTestSupport.RepoRoot, "tests", "Site.Tests", "Index", "search-scale-browser.mjs"),
            _site.Output, BaseUrl, ChromiumFactAttribute.Chromium, ChromiumFactAttribute.Playwright,
        }, timeoutMs: 180_000);
        _out.WriteLine(r.Stdout);
        _out.WriteLine(r.Stderr);
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout.Trim().Split('\n').Last());
        var checks = doc.RootElement.GetProperty("checks").EnumerateArray().ToList();
        var failed = checks.Where(c => !c.GetProperty("ok").GetBoolean())
            .Select(c => c.GetProperty("name").GetString() + ": " + c.GetProperty("detail").GetString()).ToList();
        Assert.True(failed.Count == 0, "browser checks failed:\n" + string.Join("\n", failed));
        Assert.True(checks.Count >= 8, $"only {checks.Count} checks ran");
    }

    public void Dispose() => _site.Dispose();
}
