using System.Collections.Immutable;
using Markdig.Syntax;
using Site.Core;
using Site.Normalize;
using Site.Read;
using Xunit;
using static Site.Tests.Normalize.NormalizeTestKit;

namespace Site.Tests.Normalize;

public class NormalizeNotesTests
{
    private static (ImmutableArray<Note> Notes, BuildContext Ctx) Run(params Note[] notes)
    {
        var dir = Path.Combine(Path.GetTempPath(), "normalize-tests", Guid.NewGuid().ToString("N"));
        var ctx = new BuildContext(new BuildOptions { OutputDir = Path.Combine(dir, "out"), Parallelism = 1 }, new OutputWriter(Path.Combine(dir, "out")));
        return (new NormalizeNotes().Execute(notes.ToImmutableArray(), ctx), ctx);
    }

    private static Note FromFile(string name, string text, NoteFormat? format = null)
    {
        var fm = FrontMatterParser.Parse(text, name, new DiagnosticBag());
        return new Note
        {
            SourcePath = name,
            FullPath = "/x/" + name,
            Format = format ?? (fm.HadFrontMatter || name.EndsWith(".md") ? NoteFormat.Markdown : NoteFormat.PlainText),
            Text = text,
            Meta = fm.Meta,
            Body = fm.Body,
            BodyLine = fm.BodyLine,
        };
    }

    [Fact]
    public void Plain_text_note_gets_outline_title_and_real_source_lines()
    {
        var (notes, _) = Run(FromFile("ml/pdf.txt", Fixture("pdf-extract.txt")));
        var n = Assert.Single(notes);
        Assert.Equal("深度学习面试手册", n.Title);
        Assert.NotNull(n.Ast);
        var first = n.Sections[0];
        Assert.Equal(("一", "Attention 篇", 18), (first.Number, first.Title, first.SourceLine));
        Assert.Equal(29, n.Sections.Length);
        Assert.Equal(n.Body.Split('\n').Length, n.LineMap.Length);
    }

    [Fact]
    public void Forum_note_title_is_thread_title()
    {
        var (notes, _) = Run(FromFile("forum.txt", Fixture("forum-thread.txt")));
        Assert.Equal("[面经] 深度学习面试复盘(3)", notes[0].Title);
        Assert.Equal("Transformer 基础", notes[0].Sections[0].Title);
        Assert.Equal(7, notes[0].Sections[0].SourceLine);
    }

    [Fact]
    public void Front_matter_title_wins_and_repeated_h1_is_dropped()
    {
        var (notes, _) = Run(FromFile("obsidian-note.md", Fixture("obsidian-note.md")));
        var n = notes[0];
        Assert.Equal("并行训练笔记", n.Title);
        Assert.Equal(new[] { (1, "", "数据并行与模型并行"), (1, "", "ZeRO"), (2, "", "分阶段切分") }, n.Sections.Select(s => (s.Level, s.Number, s.Title)));
        Assert.Equal(9, n.Sections[0].SourceLine);
        Assert.DoesNotContain(n.Ast!.Descendants<HeadingBlock>(), h => MarkdownText.Inline(h.Inline) == "并行训练笔记");
    }

    [Fact]
    public void Skipped_levels_warn_with_source_line()
    {
        var (notes, ctx) = Run(FromFile("log.md", Fixture("research-log.md")));
        Assert.Equal("机器学习日志", notes[0].Title);
        var w = Assert.Single(ctx.Diagnostics.All);
        Assert.Equal("log.md", w.Path);
        Assert.Equal(15, w.Line); // "### 数据清洗" under "# 2024-05-09"
        Assert.Equal(Severity.Warning, w.Severity);
    }

    [Fact]
    public void Share_ids_are_keyed_on_permalink()
    {
        var (notes, _) = Run(FromFile("log.md", Fixture("research-log.md")));
        var s = notes[0].Sections[0];
        Assert.Equal(ShareIds.Compute("/ml-journal", new[] { "2024年5月" }, 0), s.ShareId);
        Assert.Equal("/ml-journal", NormalizeNotes.NoteKey(notes[0]));
    }

    [Fact]
    public void Title_falls_back_to_the_only_top_heading()
    {
        var (notes, _) = Run(FromFile("a.md", "# 注意力机制\n\n## 缩放\n\n内容"));
        Assert.Equal("注意力机制", notes[0].Title);
        Assert.Equal(new[] { "缩放" }, notes[0].Sections.Select(s => s.Title));
        Assert.Equal(1, notes[0].Sections[0].Level);
    }

    [Fact]
    public void Title_falls_back_to_file_name_when_no_single_title_heading()
    {
        var (notes, _) = Run(FromFile("dir/my-note.md", "## A\n\n## B"));
        Assert.Equal("my-note", notes[0].Title);
        Assert.Equal(2, notes[0].Sections.Length);
    }

    [Fact]
    public void Markdown_without_headings_but_numbered_lines_gets_an_outline()
    {
        var (notes, _) = Run(FromFile("opt.txt", Fixture("numbered-with-front-matter.txt")));
        var n = notes[0];
        Assert.Equal(NoteFormat.Markdown, n.Format);
        Assert.Equal(new[] { (1, "1", "Why does Adam need bias correction?"), (1, "2", "When should I prefer SGD with momentum?") },
            n.Sections.Select(s => (s.Level, s.Number, s.Title)));
        Assert.Equal(7, n.Sections[0].SourceLine);
    }

    [Fact]
    public void Markdown_without_headings_and_without_numbering_is_left_alone()
    {
        var body = "Just a paragraph.\n\n1. a list\n2. with items";
        var (notes, _) = Run(FromFile("plain.md", body));
        Assert.Empty(notes[0].Sections);
        Assert.Equal(body, notes[0].Body);
    }

    [Fact]
    public void Inferred_plain_title_is_used_when_no_front_matter()
    {
        var (notes, _) = Run(FromFile("t.txt", "学习笔记\n\n一、正文\n\n内容。", NoteFormat.PlainText));
        Assert.Equal("学习笔记", notes[0].Title);
    }

    [Fact]
    public void Plain_text_without_inferable_title_uses_first_heading_or_file_name()
    {
        var (notes, _) = Run(FromFile("x/y.txt", "一、正文\n\n内容。\n\n二、附录\n\n内容。", NoteFormat.PlainText));
        Assert.Equal("y", notes[0].Title);
        Assert.Equal(2, notes[0].Sections.Length);
    }
}
