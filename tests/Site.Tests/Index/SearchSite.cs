using Site.Cli;
using Site.Core;
using Site.Index;
using Site.Normalize;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Index;

/// <summary>
/// A real site built by the generator's own pipeline (SiteBuilder + SitePipeline) from a few notes
/// written here, served under /kb/. Until the lead wires them in, BuildSearchIndex is added to the
/// "index" stage and NormalizeNotes to the "normalize" stage when those stages are empty.
/// </summary>
public sealed class SearchSiteFixture : IDisposable
{
    public const string BaseUrl = "/kb/";
    private readonly TempSite _site = new();

    public SearchSiteFixture()
    {
        _site.Write("distributed.md", """
            ---
            title: 分布式训练笔记
            tags: [分布式, training]
            ---
            这篇笔记记录大模型分布式训练的几种并行方式。

            ## 数据并行

            每张卡放一份完整模型，各自处理不同的 batch，然后做梯度 all-reduce。

            ## 张量并行

            张量并行把一个矩阵乘法切到多张卡上，Megatron-LM 的做法是按列切第一个线性层、按行切第二个。

            ### 通信开销

            每层前向需要一次 all-reduce，通信量和隐藏维度成正比。

            ## ZeRO-3

            ZeRO-3 把参数、梯度和优化器状态都分片到各个进程，显存占用随卡数线性下降。
            """);
        _site.Write("lora.md", """
            ---
            title: LoRA 微调
            tags: [finetune]
            ---
            Low-rank adaptation freezes the pretrained weights.

            ## 原理

            在权重 $W$ 旁边加一个低秩分解 $BA$，秩 $r \ll d$，只训练 $A$ 和 $B$。

            ## LLaMA2-7B 实验

            在 LLaMA2-7B 上用 r=8 微调，显存从 60GB 降到 18GB，效果接近全量微调。
            """);
        _site.Write("xss.md", """
            ---
            title: "<script>window.__xss=1</script> 安全测试"
            ---
            ## <img src=x onerror="window.__xss=2"> 标题注入

            这一节的标题含有 HTML 标签，搜索结果必须把它当作纯文本显示。
            """);
        var result = SiteBuilder.Build(_site.Options(baseUrl: BaseUrl), TextWriter.Null, true, default, WithSearch);
        Assert.True(result.ExitCode == 0, "fixture site build failed: " + string.Join("\n", result.Diagnostics));
        Output = _site.Output;
        Assert.True(File.Exists(Path.Combine(Output, "search", "meta.json")), "search/meta.json was not written");
    }

    public string Output { get; }

    public static Pipeline WithSearch(BuildContext ctx)
    {
        var standard = SitePipeline.Create(ctx);
        var p = new Pipeline();
        foreach (var stage in standard.Stages)
        {
            var modules = stage.Modules.ToList();
            if (stage.Name == "normalize" && modules.Count == 0) modules.Add(new NormalizeNotes());
            if (stage.Name == "index" && !modules.Any(m => m is BuildSearchIndex)) modules.Add(new BuildSearchIndex());
            p.Add(stage.Name, modules.ToArray());
        }
        return p;
    }

    public void Dispose() => _site.Dispose();
}
