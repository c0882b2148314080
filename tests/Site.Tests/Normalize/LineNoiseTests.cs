using Site.Normalize;
using Xunit;

namespace Site.Tests.Normalize;

public class LineNoiseTests
{
    [Theory]
    [InlineData("58")]
    [InlineData("49 49 50")]
    [InlineData("484949494950")]
    [InlineData("第 3 页")]
    [InlineData("- 12 -")]
    [InlineData("Page 4 of 20")]
    public void Page_numbers(string line) => Assert.True(LineNoise.IsPageNumbers(line));

    [Theory]
    [InlineData("0.864 0.841 0.845")]
    [InlineData("19 位")]
    [InlineData("50W")]
    [InlineData("")]
    public void Not_page_numbers(string line) => Assert.False(LineNoise.IsPageNumbers(line));

    [Theory]
    [InlineData("目录")]
    [InlineData("目 录")]
    [InlineData("Contents")]
    [InlineData("Table of Contents")]
    public void Toc_headers(string line) => Assert.True(LineNoise.IsTocHeader(line));

    [Theory]
    [InlineData("\t1.1 什么是注意力?\t3")]
    [InlineData("第一章 绪论 ........ 12")]
    [InlineData("_•\tAttention 篇\t")]
    public void Toc_entries(string line) => Assert.True(LineNoise.IsTocEntry(line));

    [Fact]
    public void Poster_line_needs_date_and_forum_words()
    {
        Assert.True(LineNoise.IsPosterLine("某人黄金二 显示全部楼层 发表于 2024-6-28 14:01:01 |阅读模式"));
        Assert.False(LineNoise.IsPosterLine("论文发表于 2024-6-28 的会议上"));
    }

    [Theory]
    [InlineData("回复")]
    [InlineData("使用道具 举报")]
    [InlineData("精彩评论3")]
    [InlineData("回复 支持 反对")]
    public void Reply_chrome(string line) => Assert.True(LineNoise.IsReplyChrome(line));

    [Fact]
    public void Reply_word_inside_a_sentence_is_not_chrome() => Assert.False(LineNoise.IsReplyChrome("模型回复的质量"));

    [Theory]
    [InlineData("Copyright ©2012-2024 某公司")]
    [InlineData("京ICP备12345678号")]
    [InlineData("返回顶部")]
    [InlineData("扫码关注")]
    [InlineData("您需要登录后才可以回帖 登录 | 免费注册")]
    public void Site_footer(string line) => Assert.True(LineNoise.IsSiteFooter(line));

    [Theory]
    [InlineData("AI 入门路线, PDF+课件资料包已全部备好, 需")]
    [InlineData("要的扫码添加,我会发给你的~")]
    [InlineData("关注公众号领取全部资料")]
    public void Ads(string line) => Assert.True(LineNoise.IsAd(line));

    [Theory]
    [InlineData("将相似性约束添加到损失函数中")]
    [InlineData("量化可以减少显存占用")]
    public void Ordinary_sentences_are_not_ads(string line) => Assert.False(LineNoise.IsAd(line));

    [Theory]
    [InlineData("Figure 10: Throughput per GPU")]
    [InlineData("图 3: 训练曲线")]
    [InlineData("Fig. 2. Overview")]
    public void Captions(string line) => Assert.True(LineNoise.IsCaption(line));
}
