using System.Text;
using Site.Core;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Build;

public class BuildTests
{
    [Fact]
    public void An_empty_input_folder_builds_a_home_page_twice_over()
    {
        using var site = new TempSite();
        for (int run = 0; run < 2; run++) // cold, then with the cache
        {
            var r = site.Build();
            Assert.Equal(0, r.ExitCode);
            Assert.Equal(0, r.Notes);
            Assert.True(site.OutputExists("index.html"));
            Assert.True(site.OutputExists("404.html"));
            Assert.True(site.OutputExists("sitemap.xml"));
            Assert.True(site.OutputExists("search/meta.json"));
        }
    }

    [Fact]
    public void Sample_input_builds_home_and_one_page_per_note()
    {
        using var site = new TempSite();
        var input = Path.Combine(TempSite.RepoRoot, "input");
        var r = site.Build(site.Options() with { InputDir = input });
        Assert.Equal(0, r.ExitCode);
        Assert.True(site.OutputExists("index.html"));
        var notes = Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
            .Count(f => f.EndsWith(".md") || f.EndsWith(".txt"));
        Assert.Equal(notes, r.Notes);
        Assert.True(site.OutputExists("lab-notes/index.html")); // permalink
        Assert.True(site.OutputExists("分布式训练/并行策略/index.html"));
        Assert.True(site.OutputExists("sitemap.xml"));
        Assert.True(site.OutputExists("404.html"));
    }

    [Fact]
    public void Title_comes_from_front_matter_else_first_heading_else_file_name()
    {
        using var site = new TempSite();
        site.Write("a.md", "---\ntitle: 前言标题\n---\n\n正文\n")
            .Write("b.md", "# 第一个标题\n\n正文\n")
            .Write("c-notes.md", "没有标题的正文\n");
        site.Build();
        Assert.Contains("<h1>前言标题</h1>", site.ReadOutput("a/index.html"));
        Assert.Contains("<h1>第一个标题</h1>", site.ReadOutput("b/index.html"));
        Assert.Contains("<h1>c-notes</h1>", site.ReadOutput("c-notes/index.html"));
    }

    [Fact]
    public void Malformed_front_matter_is_reported_with_line_and_other_notes_still_build()
    {
        using var site = new TempSite();
        site.Write("bad.md", "---\ntitle: ok\ntags: [a, b\n---\n# Body\n")
            .Write("good.md", "---\ntitle: Good\n---\nfine\n");
        var r = site.Build();
        Assert.Equal(0, r.ExitCode);
        var d = Assert.Single(r.Diagnostics, d => d.Path == "bad.md");
        Assert.Matches(@"^bad\.md:\d+: error: malformed front matter", d.ToString());
        Assert.True(site.OutputExists("good/index.html"));
        Assert.True(site.OutputExists("bad/index.html"));
    }

    [Fact]
    public void Strict_fails_on_warnings_and_keeps_the_previous_output()
    {
        using var site = new TempSite();
        site.Write("a.md", "# A\n\ntext\n");
        Assert.Equal(0, site.Build().ExitCode);
        var before = site.ReadOutput("a/index.html");

        site.Write("a.md", "# A changed\n\n![x](missing.png)\n");
        var r = site.Build(strict: true);
        Assert.Equal(1, r.ExitCode);
        Assert.False(r.Committed);
        Assert.Equal(before, site.ReadOutput("a/index.html"));
        // No staging folders are left behind.
        Assert.Empty(Directory.GetDirectories(site.Root, ".output.*"));
    }

    [Fact]
    public void Rebuild_replaces_the_output_atomically_and_removes_stale_pages()
    {
        using var site = new TempSite();
        site.Write("old.md", "# Old\n");
        site.Build();
        Assert.True(site.OutputExists("old/index.html"));
        File.Delete(Path.Combine(site.Input, "old.md"));
        site.Write("new.md", "# New\n");
        site.Build();
        Assert.False(site.OutputExists("old/index.html"));
        Assert.True(site.OutputExists("new/index.html"));
        Assert.Equal(new[] { "input", "output" }, Directory.GetFileSystemEntries(site.Root).Select(Path.GetFileName).Where(n => n != ".cache").OrderBy(n => n).ToArray());
    }

    [Fact]
    public void Permalink_decides_the_url_and_clashes_are_reported()
    {
        using var site = new TempSite();
        site.Write("one.md", "---\npermalink: /same/\n---\n# One\n")
            .Write("two.md", "---\npermalink: /same/\n---\n# Two\n");
        var r = site.Build();
        Assert.Contains("One", site.ReadOutput("same/index.html"));
        Assert.Contains("Two", site.ReadOutput("same-2/index.html"));
        Assert.Contains(r.Diagnostics, d => d.Path == "two.md" && d.Line == 2 && d.Message.Contains("already used by one.md"));
    }

    [Fact]
    public void Escaping_permalink_is_rejected_and_nothing_is_written_outside_output()
    {
        using var site = new TempSite();
        site.Write("evil.md", "---\npermalink: ../../escaped\n---\n# Evil\n");
        var r = site.Build();
        Assert.Contains(r.Diagnostics, d => d.Path == "evil.md" && d.Severity == Severity.Error && d.Message.Contains("rejected"));
        Assert.False(File.Exists(Path.Combine(site.Root, "escaped", "index.html")));
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(site.Root)!, "escaped")));
        Assert.True(site.OutputExists("evil/index.html"));
    }

    [Fact]
    public void Encodings_utf16_and_gb18030_build_readable_pages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var site = new TempSite();
        var text = "---\ntitle: 流水线并行\n---\n按层切分模型，不同的卡负责不同的层。\r\n";
        site.WriteBytes("u16.md", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray())
            .WriteBytes("gb.md", Encoding.GetEncoding("GB18030").GetBytes(text.Replace("流水线并行", "国标编码")));
        var r = site.Build();
        Assert.Empty(r.Diagnostics);
        Assert.Contains("按层切分模型", site.ReadOutput("u16/index.html"));
        Assert.Contains("<h1>国标编码</h1>", site.ReadOutput("gb/index.html"));
    }

    [Fact]
    public void Chinese_heading_ids_are_kept_and_unique()
    {
        using var site = new TempSite();
        site.Write("n.md", "---\ntitle: T\n---\n## 张量并行\n\na\n\n## 张量并行\n\nb\n\n## LoRA 与 Adapter\n");
        site.Build();
        var html = site.ReadOutput("n/index.html");
        Assert.Contains("id=\"张量并行\"", html);
        Assert.Contains("id=\"张量并行-1\"", html);
        Assert.Contains("id=\"lora-与-adapter\"", html);
    }

    [Fact]
    public void Base_url_prefixes_links_and_assets()
    {
        using var site = new TempSite();
        site.Write("a.md", "# A\n\n[b](b.md)\n").Write("b.md", "# B\n");
        site.Build(baseUrl: "/kb/");
        var html = site.ReadOutput("a/index.html");
        Assert.Contains("href=\"/kb/b/\"", html);
        Assert.Contains("/kb/assets/site.css", html);
        Assert.Contains("data-base=\"/kb/\"", html);
    }
}
