using Site.Normalize;
using Xunit;
using static Site.Tests.Normalize.NormalizeTestKit;

namespace Site.Tests.Normalize;

public class PlainTextOutlinerTests
{
    private static PlainTextResult Convert(string text) => new PlainTextOutliner().Convert(text);

    [Fact]
    public void Chinese_chapters_and_numbered_questions_nest()
    {
        var h = Headings("一、注意力\n\n1. 什么是自注意力?\n\n答案。\n\n2. 多头有什么用?\n\n答案。\n\n二、优化器\n\n1. Adam 是什么?\n\n答案。");
        Assert.Equal(new[] { (1, "一、注意力"), (2, "1. 什么是自注意力?"), (2, "2. 多头有什么用?"), (1, "二、优化器"), (2, "1. Adam 是什么?") }, h);
    }

    [Fact]
    public void Numbering_is_kept_in_markdown_heading_text()
    {
        var r = Convert("一、基础\n\n1. 理论篇\n\n1.1 想要训练一个模型需要什么?\n\n显存。");
        Assert.Contains("## 一、基础", r.Markdown);
        Assert.Contains("### 1. 理论篇", r.Markdown);
        Assert.Contains("#### 1.1 想要训练一个模型需要什么?", r.Markdown);
    }

    [Fact]
    public void Dotted_numbers_nest_under_their_parent_number()
    {
        var h = Headings("1. 理论篇\n\n1.1 为什么?\n\n因为。\n\n1.2 怎么办?\n\n这样。\n\n2. 实践篇\n\n2.1 如何部署?\n\n这样。\n\n2.1.1 单机如何部署?\n\n这样。");
        Assert.Equal(new[] { 1, 2, 2, 1, 2, 3 }, h.Select(x => x.Level));
    }

    [Fact]
    public void List_items_inside_answers_stay_list_items()
    {
        var r = Convert("1. 理论篇\n\n1.1 显存不够怎么办?\n\n1. 显存够用: 直接用\n\n2. 显存不够: 上 offload\n\n1.2 下一个问题?\n\n答案。");
        Assert.Equal(new[] { "1. 理论篇", "1.1 显存不够怎么办?", "1.2 下一个问题?" }, r.Headings.Select(h => h.Text));
        Assert.Contains("1. 显存够用: 直接用", r.Markdown.Split('\n'));
    }

    [Fact]
    public void Long_sentence_with_number_is_not_a_heading()
    {
        var h = Headings("一、分词\n\n1. 什么是分词?\n\n答案。\n\n2. 词表越大越好吗,这个问题需要结合中英文平均 token 数和处理时间以及下游任务效果综合判断。\n\n结束。");
        Assert.Equal(new[] { "一、分词", "1. 什么是分词?" }, h.Select(x => x.Text));
    }

    [Fact]
    public void Number_that_does_not_continue_the_sequence_is_not_a_heading()
    {
        var h = Headings("一、格式\n\n1. tf32 有多长?\n\n19 位\n\n2. bf16 有多长?\n\n16 位");
        Assert.Equal(new[] { "一、格式", "1. tf32 有多长?", "2. bf16 有多长?" }, h.Select(x => x.Text));
    }

    [Fact]
    public void Tight_numbered_lines_are_a_list()
    {
        var r = Convert("一、步骤\n\n1. 准备数据\n2. 训练模型\n3. 评估");
        Assert.Equal(new[] { "一、步骤" }, r.Headings.Select(h => h.Text));
        Assert.Contains("1. 准备数据", r.Markdown);
    }

    [Fact]
    public void Question_without_mark_continues_sequence_when_short()
    {
        var h = Headings("一、推理\n\n1. 如何让输出合规?\n\n过滤。\n\n2. 应用模式变更\n\n调整部署。");
        Assert.Equal((2, "2. 应用模式变更"), h[^1]);
    }

    [Fact]
    public void First_chapter_may_start_after_one()
    {
        var h = Headings("三、LangChain\n\n1. 什么是 LangChain?\n\n框架。");
        Assert.Equal(new[] { (1, "三、LangChain"), (2, "1. 什么是 LangChain?") }, h);
    }

    [Fact]
    public void Chapter_may_restart_chinese_numbers_for_its_questions()
    {
        var h = Headings("六、量化篇\n\n1. 什么是量化?\n\n答。\n\n七、蒸馏篇\n\n一、什么是蒸馏?\n\n答。\n\n二、温度有什么用?\n\n答。");
        Assert.Equal(new[] { 1, 2, 1, 2, 2 }, h.Select(x => x.Level));
    }

    [Fact]
    public void Unnumbered_part_titles_are_siblings()
    {
        var h = Headings("一、分词篇\n\nBPE 篇\n\n1 BPE 如何构建词典?\n\n合并高频对。\n\nWordPiece 篇\n\nWordPiece 与 BPE 有何不同?\n\n按似然合并。\n\n对比篇\n\n1 各模型用什么分词?\n\n见表。");
        Assert.Equal(new[] { (1, "一、分词篇"), (2, "BPE 篇"), (3, "1 BPE 如何构建词典?"), (2, "WordPiece 篇"), (3, "WordPiece 与 BPE 有何不同?"), (2, "对比篇"), (3, "1 各模型用什么分词?") }, h);
    }

    [Fact]
    public void Unnumbered_question_after_numbered_question_is_its_sibling()
    {
        var h = Headings("3、Deep Norm 篇\n\n3.1 Deep Norm 思路?\n\n放大残差。\n\nDeep Norm 有什么优点?\n\n更稳定。");
        Assert.Equal(new[] { 1, 2, 2 }, h.Select(x => x.Level));
    }

    [Fact]
    public void Colon_label_followed_by_bullets_is_a_subheading()
    {
        var h = Headings("一、问题\n\n1. 存在哪些问题?\n\n- 令牌低效:可以优化。\n\n令牌低效问题:\n\n- 原因:模板太长。\n\n文档问题:\n\n- 原因:不完整。");
        Assert.Equal(new[] { (1, "一、问题"), (2, "1. 存在哪些问题?"), (3, "令牌低效问题:"), (3, "文档问题:") }, h);
    }

    [Fact]
    public void Colon_label_followed_by_paragraph_is_text()
    {
        var r = Convert("一、方法\n\n思路:\n\n先检索后生成。");
        Assert.Single(r.Headings);
    }

    [Fact]
    public void Lead_in_sentence_with_colon_is_not_a_label()
    {
        var r = Convert("一、方法\n\n常见的参数包括:\n\n- 温度\n\n- top-k");
        Assert.Single(r.Headings);
    }

    [Fact]
    public void Bracket_title_is_a_top_level_part()
    {
        var h = Headings("一、基础\n\n1. 问题一?\n\n答。\n\n【训练经验 Plus】\n\n1 如何选框架?\n\n看规模。");
        Assert.Equal(new[] { (1, "一、基础"), (2, "1. 问题一?"), (1, "【训练经验 Plus】"), (2, "1 如何选框架?") }, h);
    }

    [Fact]
    public void Short_line_introducing_a_numbered_sequence_becomes_its_title()
    {
        var h = Headings("【训练经验 Plus】\n\n训练经验帖\n\n1 如何选框架?\n\n看规模。\n\n2 如何选显卡?\n\n看预算。");
        Assert.Equal(new[] { (1, "【训练经验 Plus】"), (2, "训练经验帖"), (3, "1 如何选框架?"), (3, "2 如何选显卡?") }, h);
    }

    [Fact]
    public void Bar_prefixed_short_lines_are_labels()
    {
        var r = Convert("一、经验\n\n1 有哪些建议?\n\n| 定期保存\n\n每隔一段时间保存。\n\n| 关注利用率\n\n看监控。");
        Assert.Equal(new[] { (1, "一、经验"), (2, "1 有哪些建议?"), (3, "定期保存"), (3, "关注利用率") }, r.Headings.Select(h => (h.Level, h.Text)));
    }

    [Fact]
    public void Pain_points_are_headings_under_the_current_section()
    {
        var h = Headings("一、RAG\n\n1 RAG 优化面\n\n痛点 1: 切分粒度难把控\n\n说明。\n\n痛点2: 垂直领域效果差\n\n说明。");
        Assert.Equal(new[] { 1, 2, 3, 3 }, h.Select(x => x.Level));
    }

    [Fact]
    public void Glued_heading_at_paragraph_end_is_split_off()
    {
        var r = Convert("4. 问题篇\n\n4.1 为什么慢?\n\n先用 es 做召回, 然后用模型精排4.2 如何优化索引结构?\n\n调整块大小。");
        Assert.Equal(new[] { "4. 问题篇", "4.1 为什么慢?", "4.2 如何优化索引结构?" }, r.Headings.Select(h => h.Text));
        Assert.Contains("先用 es 做召回, 然后用模型精排", r.Markdown.Split('\n'));
    }

    [Fact]
    public void Decimal_in_a_sentence_is_not_split_off()
    {
        var r = Convert("1. 结果篇\n\n1.1 提升多少?\n\n训练速度提升了1.2 倍左右");
        Assert.Equal(2, r.Headings.Length);
    }

    [Fact]
    public void Unnumbered_rhetorical_question_in_answer_is_text()
    {
        var r = Convert("一、外挂知识库\n\n1. 为什么需要?\n\n微调成本高。\n\n既然微调不是最优方案, 那是否有其它方案?\n\n有,检索增强。");
        Assert.Equal(2, r.Headings.Length);
    }

    [Fact]
    public void Speaker_lines_ending_in_question_marks_are_text()
    {
        var r = Convert("一、示例\n\n用户: 今年的 GDP 是多少?\n\nLLM: 根据文档。");
        Assert.Single(r.Headings);
    }

    [Fact]
    public void Note_lines_ending_in_question_marks_are_text()
    {
        var r = Convert("一、显存\n\n1. 训练要多少显存?\n\n16n GB。\n\n注: 以上不直观, 举个例子?\n\n例子。");
        Assert.Equal(2, r.Headings.Length);
    }

    [Fact]
    public void Toc_and_page_number_runs_are_dropped()
    {
        var r = Convert("手册\n\n目录\n\n\t1 第一题?\t3\n\t2 第二题?\t4\n\n3\n3 4\n345\n\n一、正文\n\n内容。");
        Assert.Equal("手册", r.Title);
        Assert.Equal(new[] { "toc", "toc", "toc", "page-numbers", "page-numbers", "page-numbers" },
            r.Dropped.Where(d => d.Reason != DropReason.Title).Select(d => d.Reason));
        Assert.DoesNotContain("第一题", r.Markdown);
        Assert.StartsWith("## 一、正文", r.Markdown);
    }

    [Fact]
    public void Page_numbers_between_paragraphs_are_dropped()
    {
        var r = Convert("一、正文\n\n第一段。\n\n58\n\n第二段。");
        Assert.Contains(r.Dropped, d => d.Line == 5 && d.Reason == DropReason.PageNumbers);
        Assert.DoesNotContain("58", r.Markdown);
    }

    [Fact]
    public void Ad_split_over_two_lines_is_dropped()
    {
        var r = Convert("一、正文\n\n内容。\n\n入门路线, PDF+课件资料包已全部备好, 需\n\n要的扫码添加,我会发给你的~\n\n更多内容。");
        Assert.Equal(2, r.Dropped.Count(d => d.Reason == DropReason.Ad));
        Assert.DoesNotContain("扫码", r.Markdown);
        Assert.Contains("更多内容。", r.Markdown);
    }

    [Fact]
    public void Figure_captions_are_dropped()
    {
        var r = Convert("一、正文\n\nFigure 10: Throughput per GPU\n\n内容。");
        Assert.Contains(r.Dropped, d => d.Reason == DropReason.Caption);
    }

    [Fact]
    public void Tab_rows_become_a_pipe_table()
    {
        var r = Convert("一、对比\n\n模型\t词表大小\nLLaMA\t32000\nBloom\t250880\n\n结论。");
        Assert.Contains("| 模型 | 词表大小 |\n|---|---|\n| LLaMA | 32000 |\n| Bloom | 250880 |", r.Markdown);
        var (doc, _) = Norm(r.Markdown);
        Assert.Contains("<table>", Html(doc));
    }

    [Fact]
    public void Single_tab_line_is_text()
    {
        var r = Convert("一、对比\n\n只有\t一行\n\n结论。");
        Assert.Contains("只有 一行", r.Markdown);
        Assert.DoesNotContain("|", r.Markdown);
    }

    [Fact]
    public void Code_fences_are_kept_verbatim_and_never_headings()
    {
        var text = "一、代码\n\n```\n# 不是标题\n1. 也不是标题?\n    indented\n```\n\n说明。";
        var r = Convert(text);
        Assert.Single(r.Headings);
        Assert.Contains("```\n# 不是标题\n1. 也不是标题?\n    indented\n```", r.Markdown);
    }

    [Fact]
    public void Unclosed_fence_is_closed()
    {
        var r = Convert("一、代码\n\n```\nprint(1)");
        Assert.EndsWith("print(1)\n```", r.Markdown);
    }

    [Fact]
    public void Display_math_is_kept_untouched()
    {
        var r = Convert("一、公式\n\n$$\n1. x = y?\n$$\n\n$$a_1 = b$$");
        Assert.Single(r.Headings);
        Assert.Contains("$$\n1. x = y?\n$$", r.Markdown);
        Assert.Contains("$$a_1 = b$$", r.Markdown);
    }

    [Fact]
    public void Bullets_with_numbers_become_an_ordered_list()
    {
        var r = Convert("一、列表\n\n- 1. 第一项是一个很长的句子。\n- 2. 第二项。");
        Assert.Contains("1. 第一项是一个很长的句子。\n2. 第二项。", r.Markdown);
    }

    [Fact]
    public void Bullets_separated_by_blank_lines_form_one_tight_list()
    {
        var r = Convert("一、列表\n\n- 甲\n\n- 乙\n\n• 丙");
        Assert.Contains("- 甲\n- 乙\n- 丙", r.Markdown);
    }

    [Theory]
    [InlineData("# 井号开头", "\\# 井号开头")]
    [InlineData("> 引用", "\\> 引用")]
    [InlineData("<div>", "\\<div>")]
    [InlineData("---", "\\---")]
    [InlineData("    缩进的文字", "缩进的文字")]
    [InlineData("a\tb", "a b")]
    public void Plain_lines_do_not_become_markdown_structure(string line, string expected) =>
        Assert.Equal(expected, PlainTextOutliner.EscapeLine(line));

    [Fact]
    public void Line_map_points_to_source_lines()
    {
        var r = Convert("手册\n\n一、正文\n\n第一段\n第二行");
        var md = r.Markdown.Split('\n');
        int At(string s) => r.LineMap[Array.IndexOf(md, s)];
        Assert.Equal(3, At("## 一、正文"));
        Assert.Equal(5, At("第一段"));
        Assert.Equal(6, At("第二行"));
        Assert.Equal(md.Length, r.LineMap.Length);
    }

    [Fact]
    public void Pdf_first_line_is_the_title()
    {
        var r = Convert("深度学习手册\n\n一、正文\n\n内容。");
        Assert.Equal("深度学习手册", r.Title);
        Assert.DoesNotContain("深度学习手册", r.Markdown);
    }

    [Theory]
    [InlineData("一、正文\n\n内容。")]
    [InlineData("这是第一段,写得比较长,是一个完整的句子。\n\n第二段。")]
    [InlineData("什么是注意力?\n\n一种机制。")]
    [InlineData("只有一行")]
    public void First_line_that_is_not_title_like_is_kept(string text) => Assert.Null(Convert(text).Title);

    [Fact]
    public void Unnumbered_questions_alone_are_top_level_siblings()
    {
        var h = Headings("什么是注意力?\n\n一种机制。\n\n什么是归一化?\n\n一种变换。");
        Assert.Equal(new[] { 1, 1 }, h.Select(x => x.Level));
    }

    [Fact]
    public void Empty_text_converts_to_empty_markdown()
    {
        var r = Convert("");
        Assert.Equal("", r.Markdown);
        Assert.Empty(r.Headings);
        Assert.Null(r.Title);
    }

    [Fact]
    public void Crlf_is_accepted()
    {
        var r = Convert("一、正文\r\n\r\n1. 问题?\r\n\r\n答。");
        Assert.Equal(2, r.Headings.Length);
    }

    [Fact]
    public void Markdown_input_mode_only_rewrites_heading_lines()
    {
        var text = "1. Why bias correction?\n\nMoments start at *zero*.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n2. When to use SGD?\n\n> quote";
        var r = new PlainTextOutliner(markdownInput: true).Convert(text);
        var lines = r.Markdown.Split('\n');
        Assert.Equal(text.Split('\n').Length, lines.Length);
        Assert.Equal("## 1. Why bias correction?", lines[0]);
        Assert.Equal("## 2. When to use SGD?", lines[8]);
        Assert.Equal("| a | b |", lines[4]);
        Assert.Equal("> quote", lines[10]);
        Assert.Equal(Enumerable.Range(1, lines.Length), r.LineMap);
    }
}
