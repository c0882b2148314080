using System.Text.Json;
using Site.Normalize.Topics;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Topics;

/// <summary>A section joins a topic when the topic is its subject, not when the term is a substring of its title.</summary>
public class TopicSubjectTests
{
    [Theory]
    [InlineData("张量并行是什么?", "并行")]
    [InlineData("并行计算的基本概念", "并行")]
    [InlineData("数据并行与模型并行", "并行")]
    [InlineData("为什么需要并行?", "并行")]
    [InlineData("分词并行化", "并行")]          // parallelising segmentation is about parallelism
    [InlineData("ZeRO 的三个阶段", "ZeRO")]
    [InlineData("DeepSpeed ZeRO-3 配置", "ZeRO-3")]
    [InlineData("什么是 RAG?", "RAG")]
    [InlineData("layer norm 的位置", "Layer Norm")]
    [InlineData("召回率低怎么办", "召回")]
    [InlineData("RAG 检索增强 入门", "RAG 检索增强")]
    public void Term_is_the_subject(string title, string term) => Assert.True(TopicTerms.IsSubject(title, term));

    [Theory]
    [InlineData("jieba 的并行分词", "并行")]  // parallel word segmentation is about segmentation
    [InlineData("并行分词", "并行")]
    [InlineData("Zero-shot 提示", "ZeRO")]   // a whole-word match: "Zero-shot" is one word
    [InlineData("Storage 的设计", "RAG")]      // a substring of a Latin word
    [InlineData("Paragraph 与段落", "RAG")]
    [InlineData("Adapters", "adapter")]
    [InlineData("显存优化", "并行")]
    [InlineData("分词并行化", "分词")]
    public void Term_is_not_the_subject(string title, string term) => Assert.False(TopicTerms.IsSubject(title, term));

    [Theory]
    [InlineData("jieba 的并行分词", "tokenizer", "并行")]
    [InlineData("张量并行的通信量", "并行", null)]
    public void A_modifier_word_is_not_a_candidate(string title, string key, string? notKey)
    {
        var keys = TopicTerms.Candidates(title).Select(TopicTerms.Key).ToList();
        Assert.Contains(key, keys);
        if (notKey is not null) Assert.DoesNotContain(notKey, keys);
    }

    [Fact]
    public void A_curated_topic_does_not_gather_sections_that_only_contain_its_alias()
    {
        using var site = new TempSite();
        site.Write("topics.yml", "topics:\n  - name: 分布式与并行\n    aliases: [并行, parallel, ZeRO]\nauto: false\n")
            .Write("a.md", "# A\n\n## 张量并行\n\nx\n\n## 并行分词\n\ny\n")
            .Write("b.md", "# B\n\n## Zero-shot 提示\n\nx\n\n## ZeRO 的三个阶段\n\ny\n\n## Parallel training\n\nz\n");
        site.Build();
        // topics.json names the topic page; the page lists its sections.
        var url = JsonDocument.Parse(site.ReadOutput("topics.json")).RootElement.GetProperty("topics")[0].GetProperty("url").GetString()!;
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(site.ReadOutput(Uri.UnescapeDataString(url).TrimStart('/') + "index.html"));
        var titles = page.QuerySelectorAll("main a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains("张量并行", titles);
        Assert.Contains("ZeRO 的三个阶段", titles);
        Assert.Contains("Parallel training", titles);
        Assert.DoesNotContain("并行分词", titles);
        Assert.DoesNotContain("Zero-shot 提示", titles);
    }
}
