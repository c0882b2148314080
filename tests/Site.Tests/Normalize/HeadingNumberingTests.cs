using Site.Normalize;
using Xunit;

namespace Site.Tests.Normalize;

public class HeadingNumberingTests
{
    [Theory]
    [InlineData("一、LLMs Tokenizer 篇", NumberScheme.Chinese, "一", "LLMs Tokenizer 篇")]
    [InlineData("二,分布式训练", NumberScheme.Chinese, "二", "分布式训练")]
    [InlineData("十二，高级话题", NumberScheme.Chinese, "十二", "高级话题")]
    [InlineData("（一）背景", NumberScheme.ChineseParen, "(一)", "背景")]
    [InlineData("(三) 方法", NumberScheme.ChineseParen, "(三)", "方法")]
    [InlineData("1. 什么是注意力?", NumberScheme.Arabic, "1", "什么是注意力?")]
    [InlineData("1．全角点", NumberScheme.Arabic, "1", "全角点")]
    [InlineData("3、Deep Norm 篇", NumberScheme.Arabic, "3", "Deep Norm 篇")]
    [InlineData("1 Byte-Pair Encoding 如何构建词典?", NumberScheme.Arabic, "1", "Byte-Pair Encoding 如何构建词典?")]
    [InlineData("9.warmup 有什么用?", NumberScheme.Arabic, "9", "warmup 有什么用?")]
    [InlineData("1.1 想要训练一个模型?", NumberScheme.Decimal, "1.1", "想要训练一个模型?")]
    [InlineData("1.2. RAG 思路?", NumberScheme.Decimal, "1.2", "RAG 思路?")]
    [InlineData("3.3.2 多模态检索", NumberScheme.Decimal, "3.3.2", "多模态检索")]
    [InlineData("2.1如何选择?", NumberScheme.Decimal, "2.1", "如何选择?")]
    [InlineData("(2) 生成模块", NumberScheme.ArabicParen, "(2)", "生成模块")]
    [InlineData("第三章 优化器", NumberScheme.Chapter, "第三章", "优化器")]
    [InlineData("【基础面 Plus】", NumberScheme.Bracket, "", "基础面 Plus")]
    public void Parses_numbering_schemes(string text, NumberScheme scheme, string number, string rest)
    {
        var p = HeadingNumbering.Parse(text);
        Assert.Equal(scheme, p.Scheme);
        Assert.Equal(number, p.Number);
        Assert.Equal(rest, p.Rest);
    }

    [Theory]
    [InlineData("2024-04-11")]
    [InlineData("2024年4月")]
    [InlineData("3D 并行")]
    [InlineData("0.864 0.841 0.845")]
    [InlineData("2023 年的数据")]
    [InlineData("一种新方法")]
    [InlineData("LoRA 与 Adapter")]
    [InlineData("7B 模型")]
    public void Does_not_mistake_text_for_numbering(string text) =>
        Assert.Equal(NumberScheme.None, HeadingNumbering.Parse(text).Scheme);

    [Theory]
    [InlineData("1.2 想要训练?", "1.2", "想要训练?")]
    [InlineData("三、【大模型基础面 Plus】", "三", "大模型基础面 Plus")]
    [InlineData("【训练经验】", "", "训练经验")]
    [InlineData("低效的令牌使用问题:", "", "低效的令牌使用问题")]
    [InlineData("缺点：", "", "缺点")]
    [InlineData("**3.1 单卡**", "3.1", "单卡")]
    [InlineData("3.1 **单卡**", "3.1", "单卡")]
    [InlineData("（二）实验", "(二)", "实验")]
    [InlineData("2024-04-11", "", "2024-04-11")]
    [InlineData("Plain title", "", "Plain title")]
    public void Clean_strips_numbering_and_decoration(string text, string number, string title)
    {
        Assert.Equal((number, title), HeadingNumbering.Clean(text));
    }

    [Theory]
    [InlineData("一", 1)]
    [InlineData("九", 9)]
    [InlineData("十", 10)]
    [InlineData("十一", 11)]
    [InlineData("二十", 20)]
    [InlineData("二十三", 23)]
    [InlineData("一百", 100)]
    public void Chinese_numerals(string s, int n) => Assert.Equal(n, HeadingNumbering.ChineseToInt(s));

    [Fact]
    public void Decimal_parent_number()
    {
        var p = HeadingNumbering.Parse("3.3.1 如何做?");
        Assert.Equal("3.3", p.ParentNumber);
        Assert.Equal(1, p.Last);
    }
}
