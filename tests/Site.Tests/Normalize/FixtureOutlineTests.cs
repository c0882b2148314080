using Site.Normalize;
using Xunit;
using static Site.Tests.Normalize.NormalizeTestKit;

namespace Site.Tests.Normalize;

/// <summary>Whole-note fixtures reproducing the shapes of real notes: the exact outline a careful reader would write.</summary>
public class FixtureOutlineTests
{
    [Fact]
    public void Forum_thread_outline()
    {
        var r = new PlainTextOutliner().Convert(Fixture("forum-thread.txt"));
        Assert.Equal("[面经] 深度学习面试复盘(3)", r.Title);
        var (_, result) = Norm(r.Markdown, r.Title);
        Assert.Equal(new[]
        {
            (1, "二", "Transformer 基础"),
            (2, "1", "什么是自注意力机制?"),
            (2, "2", "位置编码有哪些类型?"),
            (2, "3", "多头注意力存在哪些问题?"),
            (3, "", "计算量大"),
            (3, "", "显存占用高"),
            (2, "4", "LayerNorm 放在哪里更好?"),
            (1, "三", "模型训练"),
            (2, "1", "学习率预热的作用是什么?"),
            (2, "2", "梯度裁剪"),
        }, Outline(result));
    }

    [Fact]
    public void Forum_chrome_and_replies_are_dropped()
    {
        var r = new PlainTextOutliner().Convert(Fixture("forum-thread.txt"));
        foreach (var noise in new[] { "站内搜索", "显示全部楼层", "使用道具", "精彩评论", "写得很清楚", "官方微信", "扫码关注", "Copyright", "ICP备", "返回顶部", "免费注册", "高级模式" })
            Assert.DoesNotContain(noise, r.Markdown);
        Assert.All(r.Dropped.Where(d => d.Reason != DropReason.Title), d => Assert.Equal(DropReason.ForumChrome, d.Reason));
        // The source reference stays as a small paragraph: attribution of copied text.
        Assert.Contains("原文链接:深度学习面试题整理-某博客", r.Markdown);
    }

    [Fact]
    public void Forum_answers_keep_their_bullets()
    {
        var r = new PlainTextOutliner().Convert(Fixture("forum-thread.txt"));
        Assert.Contains("- 绝对位置编码:为每个位置学习或计算一个向量。\n- 相对位置编码:建模两个位置之间的距离。", r.Markdown);
    }

    [Fact]
    public void Pdf_extract_outline()
    {
        var r = new PlainTextOutliner().Convert(Fixture("pdf-extract.txt"));
        Assert.Equal("深度学习面试手册", r.Title);
        var (_, result) = Norm(r.Markdown, r.Title);
        Assert.Equal(new[]
        {
            (1, "一", "Attention 篇"),
            (2, "", "缩放点积篇"),
            (3, "1", "为什么需要缩放点积?"),
            (3, "2", "多头注意力如何计算?"),
            (2, "", "稀疏注意力篇"),
            (3, "", "什么是滑动窗口注意力?"),
            (1, "二", "优化器面"),
            (2, "1", "基础篇"),
            (3, "1.1", "SGD 与 Adam 有什么区别?"),
            (3, "1.2", "如何选择学习率?"),
            (3, "1.3", "权重衰减和 L2 正则一样吗?"),
            (2, "2", "实践篇"),
            (3, "2.1", "训练不收敛怎么排查?"),
            (3, "2.2", "如何保存训练状态?"),
            (1, "三", "模型压缩 Plus"),
            (2, "", "量化篇"),
            (3, "1", "权重量化 篇"),
            (4, "1.1", "什么是对称量化?"),
            (4, "", "痛点 1: 异常值导致量化误差大"),
            (4, "", "痛点 2: 低比特下精度下降明显"),
            (1, "", "训练经验 Plus"),
            (2, "", "训练经验帖"),
            (3, "1", "混合精度训练要注意什么?"),
            (3, "2", "如何监控训练?"),
            (4, "", "定期保存检查点"),
            (4, "", "关注显卡利用率"),
            (1, "四", "知识蒸馏篇"),
            (2, "一", "什么是知识蒸馏?"),
            (2, "二", "温度参数有什么作用?"),
        }, Outline(result));
    }

    [Fact]
    public void Pdf_noise_is_dropped_with_reasons()
    {
        var r = new PlainTextOutliner().Convert(Fixture("pdf-extract.txt"));
        var reasons = r.Dropped.GroupBy(d => d.Reason).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, reasons[DropReason.Title]);
        Assert.Equal(7, reasons[DropReason.Toc]); // "目录" + 6 entries
        Assert.Equal(5, reasons[DropReason.PageNumbers]);
        Assert.Equal(2, reasons[DropReason.Ad]);
        Assert.Equal(1, reasons[DropReason.Caption]);
        Assert.DoesNotContain("资料包", r.Markdown);
        Assert.DoesNotContain("Figure 3", r.Markdown);
        Assert.DoesNotContain("\n345\n", r.Markdown);
    }

    [Fact]
    public void Pdf_list_items_stay_list_items()
    {
        var r = new PlainTextOutliner().Convert(Fixture("pdf-extract.txt"));
        var md = r.Markdown.Split('\n');
        Assert.Contains("1. 数据量小: 从较小的学习率开始", md);
        Assert.Contains("1. 按通道量化: 每个通道使用独立的缩放系数", md);
        Assert.Contains("1. 将查询、键和值分别线性投影到多个子空间,每个子空间的维度等于模型维度除以头数。", md);
        Assert.Contains("1. 一、什么是知识蒸馏?", md);
        Assert.Contains("解决方法:", md);
    }

    [Fact]
    public void Pdf_table_code_and_math_survive()
    {
        var r = new PlainTextOutliner().Convert(Fixture("pdf-extract.txt"));
        Assert.Contains("| 优化器 | 学习率 | 批大小 | 结果 |\n|---|---|---|---|\n| SGD | 0.1 | 256 | 收敛 |", r.Markdown);
        Assert.Contains("| Adam | 0.1 | 256 | 发散 \\| 震荡 |", r.Markdown);
        Assert.Contains("```\n# 保存检查点\ntorch.save(state, \"ckpt.pt\")\n```", r.Markdown);
        Assert.Contains("$$\\text{Attention}(Q,K,V)", r.Markdown);
        var (doc, _) = Norm(r.Markdown, r.Title);
        var html = Html(doc);
        Assert.Contains("<table>", html);
        Assert.Contains("# 保存检查点", html);
    }

    [Fact]
    public void Pdf_line_map_points_at_real_lines()
    {
        var text = Fixture("pdf-extract.txt");
        var src = text.Split('\n');
        var r = new PlainTextOutliner().Convert(text);
        var md = r.Markdown.Split('\n');
        for (int i = 0; i < md.Length; i++)
        {
            if (!md[i].StartsWith('#')) continue;
            var heading = md[i].TrimStart('#', ' ');
            Assert.Contains(heading.Replace("**", ""), src[r.LineMap[i] - 1].Replace("**", "").Trim().TrimStart('|', ' '));
        }
    }
}
