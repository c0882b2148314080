using Markdig.Renderers.Html;
using Markdig.Syntax;
using Site.Normalize;
using Xunit;
using static Site.Tests.Normalize.NormalizeTestKit;

namespace Site.Tests.Normalize;

public class HeadingNormalizerTests
{
    [Fact]
    public void Shallowest_level_becomes_one_and_renders_h2()
    {
        var (doc, r) = Norm("### A\n\n#### B\n\n### C");
        Assert.Equal(new[] { 1, 2, 1 }, r.Sections.Select(s => s.Level));
        Assert.Contains("<h2 id=\"a\">A</h2>", Html(doc));
        Assert.Contains("<h3 id=\"b\">B</h3>", Html(doc));
    }

    [Fact]
    public void Skipped_levels_are_repaired()
    {
        var (doc, r) = Norm("## A\n\n#### B\n\n##### C\n\n## D");
        Assert.Equal(new[] { 1, 2, 3, 1 }, r.Sections.Select(s => s.Level));
        Assert.Contains("<h3 id=\"b\">", Html(doc));
    }

    [Fact]
    public void Skipped_level_warns_once_with_count()
    {
        var (_, r) = Norm("# A\n\n### B\n\n# C\n\n### D\n\n# E\n\n### F", key: "k");
        var w = Assert.Single(r.Warnings);
        Assert.Equal(3, w.Line);
        Assert.Contains("h1 → h3", w.Message);
        Assert.Contains("2 more", w.Message);
    }

    [Fact]
    public void Warning_lines_use_the_line_mapper()
    {
        var doc = Parse("## A\n\n#### B");
        var r = HeadingNormalizer.Normalize(doc, "k", null, l => 100 + l);
        Assert.Equal(102, r.Warnings.Single().Line);
        Assert.Equal(new[] { 100, 102 }, r.Sections.Select(s => s.SourceLine));
    }

    [Fact]
    public void Heading_inside_fenced_code_is_not_a_heading()
    {
        var (doc, r) = Norm("## 服务器\n\n```\nvncserver :1\n### 本地端口设置\n```\n");
        Assert.Single(r.Sections);
        Assert.Single(doc.Descendants<HeadingBlock>());
        Assert.Contains("### 本地端口设置", r.Sections[0].Text);
    }

    [Fact]
    public void First_heading_repeating_the_title_is_dropped_and_content_kept()
    {
        var (doc, r) = Norm("# 工具框架题\n\n前言。\n\n## 数据并行\n\n内容。", title: "工具框架题");
        Assert.Equal(new[] { (1, "", "数据并行") }, Outline(r));
        Assert.Equal("前言。", r.Preamble);
        Assert.DoesNotContain("工具框架题", Html(doc));
        Assert.Contains("前言。", Html(doc));
    }

    [Fact]
    public void Title_repeat_is_matched_ignoring_space_and_width()
    {
        var (_, r) = Norm("# 大模型（LLMs） 基础面\n\n## A", title: "大模型(LLMs)基础面");
        Assert.Equal(new[] { "A" }, r.Sections.Select(s => s.Title));
    }

    [Fact]
    public void Later_heading_with_title_text_is_kept()
    {
        var (_, r) = Norm("## 背景\n\n## 笔记\n\n内容", title: "笔记");
        Assert.Equal(2, r.Sections.Length);
    }

    [Fact]
    public void Heading_repeating_its_parent_is_collapsed()
    {
        var (doc, r) = Norm("# 大模型基础面\n## 大模型基础面\n### 主流模型有哪些？\n内容\n## Layer Norm 篇\n### 公式");
        Assert.Equal(new[] { (1, "", "大模型基础面"), (2, "", "主流模型有哪些？"), (2, "", "Layer Norm 篇"), (3, "", "公式") }, Outline(r));
        Assert.Single(doc.Descendants<HeadingBlock>(), h => h.Level == 2 && MarkdownText.Inline(h.Inline) == "大模型基础面");
    }

    [Fact]
    public void Parent_repeat_ignores_whitespace()
    {
        var (_, r) = Norm("# 大模型（LLMs）langchain面\n## 大模型（LLMs）langchain 面\n### 什么是 LangChain?");
        Assert.Equal(new[] { 1, 2 }, r.Sections.Select(s => s.Level));
    }

    [Fact]
    public void Same_text_with_content_between_is_not_a_repeat()
    {
        var (_, r) = Norm("# 微调\n\n简介。\n\n## 微调\n\n细节。");
        Assert.Equal(2, r.Sections.Length);
    }

    [Fact]
    public void Numbering_is_stripped_from_title_and_display_but_kept_in_number()
    {
        var (doc, r) = Norm("## 1.2 如何选择学习率?\n\n## 三、【基础面 Plus】\n\n## 低效的令牌使用问题:");
        Assert.Equal(new[] { (1, "1.2", "如何选择学习率?"), (1, "三", "基础面 Plus"), (1, "", "低效的令牌使用问题") }, Outline(r));
        var html = Html(doc);
        Assert.Contains(">如何选择学习率?</h2>", html);
        Assert.Contains(">基础面 Plus</h2>", html);
        Assert.Contains(">低效的令牌使用问题</h2>", html);
    }

    [Fact]
    public void Bold_wrapper_is_decoration()
    {
        var (doc, r) = Norm("## **3.1 单卡**\n\n## 3.2 **多卡**");
        Assert.Equal(new[] { ("3.1", "单卡"), ("3.2", "多卡") }, r.Sections.Select(s => (s.Number, s.Title)));
        var html = Html(doc);
        Assert.Contains("<h2 id=\"单卡\">单卡</h2>", html);
        Assert.Contains("<h2 id=\"多卡\">多卡</h2>", html);
    }

    [Fact]
    public void Inner_emphasis_is_kept()
    {
        var (doc, r) = Norm("## 使用 **LoRA** 微调");
        Assert.Equal("使用 LoRA 微调", r.Sections[0].Title);
        Assert.Contains("<strong>LoRA</strong>", Html(doc));
    }

    [Fact]
    public void Ids_are_readable_slugs()
    {
        var (doc, r) = Norm("## 张量并行\n\n## LoRA 与 Adapter");
        Assert.Equal(new[] { "张量并行", "lora-与-adapter" }, r.Sections.Select(s => s.Id));
        Assert.Contains("<h2 id=\"张量并行\">", Html(doc));
    }

    [Fact]
    public void Duplicate_titles_get_suffixes_in_document_order()
    {
        var (_, r) = Norm("## 2024\n### 总结\n## 2025\n### 总结\n### 总结");
        Assert.Equal(new[] { "2024", "总结", "2025", "总结-1", "总结-2" }, r.Sections.Select(s => s.Id));
    }

    [Fact]
    public void Custom_id_pins_the_anchor()
    {
        var (doc, r) = Norm("## 张量并行 {#tp}\n\n## 其他");
        Assert.Equal("tp", r.Sections[0].Id);
        Assert.Equal("张量并行", r.Sections[0].Title);
        Assert.Contains("<h2 id=\"tp\">张量并行</h2>", Html(doc));
    }

    [Fact]
    public void Custom_id_is_reserved_before_automatic_ids()
    {
        var (_, r) = Norm("## Intro\n\n## Other {#intro}");
        Assert.Equal(new[] { "intro-1", "intro" }, r.Sections.Select(s => s.Id));
    }

    [Fact]
    public void Duplicate_custom_ids_warn()
    {
        var (_, r) = Norm("## A {#xy}\n\n## B {#xy}");
        Assert.Contains(r.Warnings, w => w.Message.Contains("duplicate heading id"));
    }

    [Fact]
    public void Ids_are_set_on_heading_attributes()
    {
        var (doc, _) = Norm("## 注意力");
        Assert.Equal("注意力", doc.Descendants<HeadingBlock>().Single().GetAttributes().Id);
    }

    [Fact]
    public void Math_heading_gets_tex_title_and_sensible_slug()
    {
        var (doc, r) = Norm("## 公式 $E=mc^2$");
        Assert.Equal("公式 E=mc^2", r.Sections[0].Title); // reads as text (issue 14); the id is still keyed on the TeX
        Assert.Equal("公式-emc2", r.Sections[0].Id);
        Assert.Contains("id=\"公式-emc2\"", Html(doc));
    }

    [Fact]
    public void Emoji_heading_slug_drops_emoji()
    {
        var (_, r) = Norm("## 📝 自然语言处理");
        Assert.Equal("自然语言处理", r.Sections[0].Id);
        Assert.Equal("📝 自然语言处理", r.Sections[0].Title);
    }

    [Fact]
    public void Empty_heading_gets_fallback_id()
    {
        var (_, r) = Norm("## ?\n\n## !");
        Assert.Equal(new[] { "section", "section-1" }, r.Sections.Select(s => s.Id));
    }

    [Fact]
    public void Paths_list_ancestor_titles()
    {
        var (_, r) = Norm("## 一、并行\n### 1. 数据并行\n#### 1.1 DDP?\n## 二、量化");
        Assert.Equal(new[] { "", "并行", "并行/数据并行", "" }, r.Sections.Select(s => string.Join("/", s.Path)));
    }

    [Fact]
    public void Text_is_own_content_up_to_next_heading()
    {
        var (_, r) = Norm("## A\n\n段落  一\n多行。\n\n- 列表\n\n### B\n\n子内容\n\n## C");
        Assert.Equal("段落 一 多行。 列表", r.Sections[0].Text);
        Assert.Equal("子内容", r.Sections[1].Text);
        Assert.Equal("", r.Sections[2].Text);
    }

    [Fact]
    public void Text_keeps_math_as_tex_and_code()
    {
        var (_, r) = Norm("## A\n\n参数 $x_i$ 与\n\n$$\ny = Wx\n$$\n\n```\nprint(1)\n```\n\n`inline`");
        var t = r.Sections[0].Text;
        Assert.Contains("$x_i$", t);
        Assert.Contains("y = Wx", t);
        Assert.Contains("print(1)", t);
        Assert.Contains("inline", t);
    }

    [Fact]
    public void Text_includes_table_cells()
    {
        var (_, r) = Norm("## A\n\n| 模型 | 大小 |\n|---|---|\n| BERT | 110M |");
        Assert.Contains("BERT", r.Sections[0].Text);
        Assert.Contains("110M", r.Sections[0].Text);
    }

    [Fact]
    public void Share_ids_are_short_ascii()
    {
        var (_, r) = Norm("## 张量并行\n### 细节");
        Assert.All(r.Sections, s =>
        {
            Assert.Equal(ShareIds.Length, s.ShareId.Length);
            Assert.Matches("^[0-9a-z]+$", s.ShareId);
        });
        Assert.NotEqual(r.Sections[0].ShareId, r.Sections[1].ShareId);
    }

    [Fact]
    public void Inserting_an_unrelated_section_above_keeps_ids_and_share_ids()
    {
        var before = Norm("## 数据并行\n\n内容\n\n## LoRA\n\n### 细节\n\n## LoRA\n").Result;
        var after = Norm("## 新章节\n\n新内容\n\n## 数据并行\n\n内容\n\n## 其他\n\n## LoRA\n\n### 细节\n\n## LoRA\n").Result;
        var b = before.Sections.ToDictionary(s => s.Id);
        foreach (var s in after.Sections.Where(s => s.Title is not "新章节" and not "其他"))
        {
            Assert.True(b.ContainsKey(s.Id), s.Id);
            Assert.Equal(b[s.Id].ShareId, s.ShareId);
        }
    }

    [Fact]
    public void Reordering_sections_keeps_share_ids()
    {
        var a = Norm("## 甲\n### 细节\n## 乙\n### 细节").Result.Sections.ToDictionary(s => string.Join("/", s.Path.Append(s.Title)), s => s.ShareId);
        var b = Norm("## 乙\n### 细节\n## 甲\n### 细节").Result.Sections.ToDictionary(s => string.Join("/", s.Path.Append(s.Title)), s => s.ShareId);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Share_id_depends_on_note_key_path_and_ordinal()
    {
        var x = Norm("## A\n### B\n### B", key: "notes/x.md").Result.Sections;
        var y = Norm("## A\n### B\n### B", key: "notes/y.md").Result.Sections;
        Assert.NotEqual(x[1].ShareId, y[1].ShareId);
        Assert.NotEqual(x[1].ShareId, x[2].ShareId);
        Assert.Equal(ShareIds.Compute("notes/x.md", new[] { "A", "B" }, 1), x[2].ShareId);
    }

    [Fact]
    public void Share_id_ignores_numbering_changes()
    {
        var a = Norm("## 1. 并行").Result.Sections[0].ShareId;
        var b = Norm("## 2. 并行").Result.Sections[0].ShareId;
        Assert.Equal(a, b);
    }

    [Fact]
    public void Headings_deeper_than_six_are_clamped()
    {
        var (doc, r) = Norm("# 1\n## 2\n### 3\n#### 4\n##### 5\n###### 6");
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, r.Sections.Select(s => s.Level));
        Assert.Equal(6, doc.Descendants<HeadingBlock>().Last().Level);
    }

    [Fact]
    public void Note_without_headings_has_no_sections_and_a_preamble()
    {
        var (_, r) = Norm("只有正文。");
        Assert.Empty(r.Sections);
        Assert.Equal("只有正文。", r.Preamble);
    }

    [Fact]
    public void Setext_headings_count()
    {
        var (_, r) = Norm("标题\n===\n\n小节\n---\n");
        Assert.Equal(new[] { 1, 2 }, r.Sections.Select(s => s.Level));
    }

    [Fact]
    public void Research_log_fixture_outline()
    {
        var body = Fixture("research-log.md").Split("---\n", 3)[2];
        var (_, r) = Norm(body, title: "机器学习日志");
        Assert.Equal(new[]
        {
            (1, "", "2024年5月"),
            (2, "", "2024-05-02"),
            (3, "", "对比学习实验"),
            (1, "", "2024-05-09"),
            (2, "", "数据清洗"),
            (1, "", "2024-05-10"),
            (1, "", "模型基础面"),
            (2, "", "什么是 Transformer？"),
            (2, "", "归一化篇"),
            (3, "", "归一化-方法篇"),
            (4, "", "LayerNorm 的计算公式"),
        }, Outline(r));
        Assert.DoesNotContain(r.Sections, s => s.Title == "这不是标题");
        Assert.Contains("### 这不是标题", r.Sections.Single(s => s.Title == "数据清洗").Text);
        Assert.Equal("", r.Sections.Single(s => s.Title == "2024-05-10").Text);
    }
}
