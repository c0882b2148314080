using Site.Normalize;
using Xunit;

namespace Site.Tests.Normalize;

/// <summary>The numbering rules of <see cref="HeadingNumbering"/> over heading shapes met in real note collections
/// (Typora, docsify, GitBook, forum and PDF notes); each row is heading → (number, displayed title).</summary>
public class HeadingNumberingRulesTests
{
    [Theory]
    // a single number and a dot, full-width dot, 、 or a space; 0 counts
    [InlineData("0.引言", "0", "引言")]
    [InlineData("0. 前言", "0", "前言")]
    [InlineData("1.背景知识", "1", "背景知识")]
    [InlineData("10.IO模型", "10", "IO模型")]
    [InlineData("1、网络相关", "1", "网络相关")]
    [InlineData("2 相关代码", "2", "相关代码")]
    [InlineData("3. Averaged-DQN", "3", "Averaged-DQN")]
    [InlineData("1.`JVM` 内存划分", "1", "`JVM` 内存划分")]
    [InlineData("12. XGBoost如何评价特征的重要性？", "12", "XGBoost如何评价特征的重要性？")]
    // dotted decimals, with or without a trailing dot
    [InlineData("2.2.RoPE", "2.2", "RoPE")]
    [InlineData("2.2. RoPE", "2.2", "RoPE")]
    [InlineData("2.2 RoPE", "2.2", "RoPE")]
    [InlineData("1.1.3 强化学习的历史", "1.1.3", "强化学习的历史")]
    [InlineData("2.3.14 预测和控制总结", "2.3.14", "预测和控制总结")]
    [InlineData("0.1 概述", "0.1", "概述")]
    [InlineData("3.2 改进2：Prioritized replay", "3.2", "改进2：Prioritized replay")]
    [InlineData("2.1如何选择?", "2.1", "如何选择?")]
    [InlineData("4.2 $R_t$ 的定义", "4.2", "$R_t$ 的定义")]
    // a number that starts a name after the heading number
    [InlineData("9.1F1B", "9", "1F1B")]
    [InlineData("9. 1F1B", "9", "1F1B")]
    [InlineData("3. 3D并行", "3", "3D并行")]
    [InlineData("3.3D并行", "3", "3D并行")]
    [InlineData("5. ZeRO-3", "5", "ZeRO-3")]
    [InlineData("6. GPT-4 技术报告", "6", "GPT-4 技术报告")]
    [InlineData("1. 2024年总结", "1", "2024年总结")]
    // zero-padded sort prefixes (docsify / file names)
    [InlineData("04-AI算法", "4", "AI算法")]
    [InlineData("01_环境配置", "1", "环境配置")]
    // Chinese schemes
    [InlineData("第3章 优化器", "第3章", "优化器")]
    [InlineData("第十二节：总结", "第十二节", "总结")]
    [InlineData("三、方法", "三", "方法")]
    [InlineData("（二）实验", "(二)", "实验")]
    [InlineData("(1) 生成模块", "(1)", "生成模块")]
    // decoration around the number
    [InlineData("**1.2 单卡**", "1.2", "单卡")]
    [InlineData("1. 缺点：", "1", "缺点")]
    public void Strips_the_heading_number(string heading, string number, string title) =>
        Assert.Equal((number, title), HeadingNumbering.Clean(heading));

    [Theory]
    // ambiguous: a bare number after the number — kept as written
    [InlineData("1. 2 Code")]
    [InlineData("1、2 方案")]
    [InlineData("0.864 0.841 0.845")]
    [InlineData("1. 2")]
    // numbers that are part of a name or a quantity
    [InlineData("3D并行")]
    [InlineData("3D 并行")]
    [InlineData("ZeRO-3")]
    [InlineData("GPT-4")]
    [InlineData("2024年")]
    [InlineData("2024年9月第1次印刷")]
    [InlineData("1F1B")]
    [InlineData("1F1B 调度")]
    [InlineData("7B 模型")]
    [InlineData("1.5B 模型")]
    [InlineData("0.5x 加速")]
    [InlineData("1初始化分词器")]
    [InlineData("2024-04-11")]
    [InlineData("3-gram 语言模型")]
    [InlineData("4卡训练")]
    [InlineData("Llama 2")]
    [InlineData("5%的数据")]
    public void Keeps_numbers_that_are_not_heading_numbers(string heading) =>
        Assert.Equal(("", heading), HeadingNumbering.Clean(heading));
}

public class HeadingDisplayTests
{
    [Theory]
    [InlineData("### 1 随机优先级（Stochastic  Prioritization）", "随机优先级（Stochastic  Prioritization）")]
    [InlineData("## 2.4 Value-based method  抛弃策略", "Value-based method  抛弃策略")]
    [InlineData("## 2.2.RoPE", "RoPE")]
    [InlineData("## 0.引言", "引言")]
    [InlineData("## 9.1F1B", "1F1B")]
    [InlineData("## 1. 2 Code", "1. 2 Code")]
    public void Rendered_heading_shows_the_title_without_its_number(string markdown, string shown)
    {
        using var site = new Site.Tests.Support.TempSite();
        site.Write("a.md", "# 标题\n\n" + markdown + "\n\ntext\n");
        site.Build();
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(site.ReadOutput("a/index.html"));
        var h2 = doc.QuerySelector(".note-body h2, .note-body h3")!;
        foreach (var extra in h2.QuerySelectorAll("a.anchor, button")) extra.Remove();
        Assert.Equal(shown, h2.TextContent);
    }
}
