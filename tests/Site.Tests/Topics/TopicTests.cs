using System.Text.Json;
using Site.Normalize.Topics;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Topics;

public class TopicTermTests
{
    [Theory]
    [InlineData("Layer Norm 的计算公式", "layernorm")]
    [InlineData("介绍一下 Layer normalization", "layernorm")]
    [InlineData("LayerNorm 的位置", "layernorm")]
    [InlineData("张量并行是什么?", "并行")]
    [InlineData("Megatron 的流水线并行", "并行")]
    [InlineData("什么是 LangChain?", "langchain")]
    [InlineData("RAG 有哪些评估方法?", "rag")]
    [InlineData("推理速度上 int8 和 fp16 比较", "推理")]
    public void Titles_yield_the_subject_key(string title, string key) =>
        Assert.Contains(key, TopicTerms.Candidates(title).Select(TopicTerms.Key));

    [Theory]
    [InlineData("什么是?")]
    [InlineData("如何让它更好")]
    [InlineData("What is the difference?")]
    public void Question_words_are_not_topics(string title) =>
        Assert.Empty(TopicTerms.Candidates(title));
}

public class TopicBuildTests
{
    private static JsonElement Topics(TempSite site) =>
        JsonDocument.Parse(site.ReadOutput("topics.json")).RootElement.GetProperty("topics");

    [Fact]
    public void Subjects_shared_by_several_notes_become_topic_pages()
    {
        using var site = new TempSite();
        site.Write("a.md", "# A\n\n## 什么是 LangChain?\n\nx\n\n## 张量并行\n\ny\n\n## 只在这里的内容\n\nz\n")
            .Write("b.md", "# B\n\n## LangChain 的组件\n\nx\n\n## 流水线并行的气泡\n\ny\n")
            .Write("c.txt", "一、分布式训练\n\n1. 数据并行的缺点?\n\n通信开销大。\n\n2. LangChain 如何调用模型?\n\n通过链。\n");
        site.Build();
        var topics = Topics(site);
        var names = topics.EnumerateArray().Select(t => t.GetProperty("title").GetString()).ToList();
        Assert.Contains("LangChain", names);
        Assert.Contains("分布式与并行 Parallelism", names);
        Assert.DoesNotContain(names, n => n!.Contains("只在这里"));
        var lc = topics.EnumerateArray().First(t => t.GetProperty("title").GetString() == "LangChain");
        Assert.Equal(3, lc.GetProperty("sections").GetInt32());
        var page = site.ReadOutput("topics/langchain/index.html");
        Assert.Contains("什么是 LangChain?", page);
        Assert.Contains("LangChain 如何调用模型?", page);
        // The sidebar lists topics on every page.
        Assert.Contains("/topics/langchain/", site.ReadOutput("a/index.html"));
    }

    [Fact]
    public void Topics_yml_curates_names_aliases_and_order()
    {
        using var site = new TempSite();
        site.Write("topics.yml", "topics:\n  - name: 检索增强 RAG\n    aliases: [RAG, 召回]\n  - Alpha\nauto: false\n")
            .Write("a.md", "# A\n\n## RAG 入门\n\nx\n\n## 召回率低怎么办\n\ny\n")
            .Write("b.md", "# B\n\n## Alpha 与 Beta\n\nx\n\n## LangChain\n\ny\n")
            .Write("c.md", "# C\n\n## LangChain 2\n\ny\n");
        site.Build();
        var names = Topics(site).EnumerateArray().Select(t => t.GetProperty("title").GetString()).ToList();
        Assert.Equal(new[] { "检索增强 RAG", "Alpha" }, names);
        Assert.Equal(2, Topics(site)[0].GetProperty("sections").GetInt32());
    }

    [Fact]
    public void Topics_json_lists_groups_and_notes_without_their_sections()
    {
        using var site = new TempSite();
        site.Write("d/a.md", "# A\n\n## One\n\n### One.One\n\ntext\n\n## Two\n");
        site.Build();
        var tree = JsonDocument.Parse(site.ReadOutput("topics.json")).RootElement.GetProperty("tree");
        var group = tree[0];
        Assert.Equal("d", group.GetProperty("title").GetString());
        Assert.Equal("group", group.GetProperty("kind").GetString());
        var note = Assert.Single(group.GetProperty("children").EnumerateArray());
        Assert.Equal("A", note.GetProperty("title").GetString());
        Assert.Equal("/d/a/", note.GetProperty("url").GetString());
        Assert.Equal("note", note.GetProperty("kind").GetString());
        Assert.False(note.TryGetProperty("children", out _)); // a note's outline is its page's TOC
    }
}
