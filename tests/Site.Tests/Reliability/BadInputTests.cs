using System.Security.Cryptography;
using System.Text;
using Site.Core;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Reliability;

/// <summary>
/// Each kind of bad input gets a path:line diagnostic naming the problem, the other notes still build,
/// --strict turns it into exit code 1 with the previous output untouched, and input files are never modified.
/// </summary>
public class BadInputTests
{
    private sealed record Case(string File, Func<byte[]> Content, int Line, string Message);

    private static byte[] U(string s) => new UTF8Encoding(false).GetBytes(s);

    // Content is produced inside the test: theory data is serialized at discovery, and a 20 MB array there is costly.
    private static readonly Dictionary<string, Case> Catalog = new()
    {
        ["unclosed front matter"] = new("fm-open.md", () => U("---\ntitle: x\n\n# body\n"), 1, "never closed"),
        ["malformed front matter"] = new("fm-bad.md", () => U("---\ntitle: ok\nkey: [unclosed\n---\n# body\n"), 3, "malformed front matter"),
        ["front matter is a list"] = new("fm-list.md", () => U("---\n- a\n- b\n---\nbody\n"), 2, "not a map"),
        ["front matter is a scalar"] = new("fm-scalar.md", () => U("---\nhello\n---\nbody\n"), 2, "not a map"),
        ["invalid UTF-8"] = new("bad-utf8.md", () => U("# ok\n\nline two\n").Concat(new byte[] { 0xC3, 0x28, 0xFF, (byte)'\n' }).ToArray(), 4, "invalid UTF-8"),
        ["binary file with .md name"] = new("image.md", () => new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D }, 1, "binary file"),
        ["empty file"] = new("empty.md", () => Array.Empty<byte>(), 1, "empty note"),
        ["20 MB note"] = new("huge.md", () => U("# Huge\n\n" + new string('x', 80) + "\n").Concat(Enumerable.Repeat((byte)'a', 20 * 1024 * 1024)).ToArray(), 1, "MB limit"),
        ["10,000-deep nested lists"] = new("deep-lists.md", () => U(string.Concat(Enumerable.Repeat("- ", 10_000)) + "x\n"), 1, "nested too deeply"),
        ["10,000-deep nested quotes"] = new("deep-quotes.md", () => U(string.Concat(Enumerable.Repeat("> ", 10_000)) + "x\n"), 1, "nested too deeply"),
        ["broken TeX"] = new("tex.md", () => U("# T\n\ntext\n\n$$\\frac{1}{$$\n"), 5, "math:"),
        ["permalink with .."] = new("esc1.md", () => U("---\npermalink: ../../x\n---\n# a\n"), 2, "leave the site folder"),
        ["absolute permalink"] = new("esc2.md", () => U("---\npermalink: https://evil.example/x\n---\n# a\n"), 2, "not an absolute URL"),
        ["percent-encoded traversal"] = new("esc3.md", () => U("---\npermalink: /%2e%2e/%2e%2e/x\n---\n# a\n"), 2, "leave the site folder"),
    };

    public static TheoryData<string> Cases() => new(Catalog.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_is_reported_and_the_rest_builds(string kind)
    {
        var (file, content, line, message) = Catalog[kind];
        using var site = new TempSite();
        site.Write("good.md", "---\ntitle: Good note\n---\n## 正常的笔记\n\ntext\n");
        site.WriteBytes(file, content());
        var before = HashInput(site.Input);

        var r = site.Build();
        Assert.True(r.ExitCode == 0, kind);
        var diag = Assert.Single(r.Diagnostics, x => x.Path == file && x.Message.Contains(message, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(line, diag.Line);
        Assert.StartsWith($"{file}:{line}: ", diag.ToString());
        Assert.Contains("Good note", site.ReadOutput("good/index.html"));
        Assert.Equal(before, HashInput(site.Input));

        // --strict: exit 1, previous output untouched.
        var snapshot = HashTree(site.Output);
        var strict = site.Build(strict: true);
        Assert.Equal(1, strict.ExitCode);
        Assert.Equal(snapshot, HashTree(site.Output));
        Assert.Equal(before, HashInput(site.Input));
    }

    [Fact]
    public void Duplicate_permalinks_are_reported_and_both_notes_published()
    {
        using var site = new TempSite();
        site.Write("a.md", "---\npermalink: /x/\n---\n# A\n").Write("b.md", "---\ntitle: B\npermalink: /x/\n---\n# B\n");
        var r = site.Build();
        Assert.Contains(r.Diagnostics, d => d.ToString().StartsWith("b.md:3: warning: URL /x/ is already used by a.md"));
        Assert.True(site.OutputExists("x/index.html"));
        Assert.True(site.OutputExists("x-2/index.html"));
        Assert.Equal(1, site.Build(strict: true).ExitCode);
    }

    [Fact]
    public void Custom_ids_cannot_escape_or_inject()
    {
        using var site = new TempSite();
        site.Write("n.md", "# N\n\n## Evil {#../../etc}\n\ntext\n\n## Quote {#a\"onmouseover=alert(1)}\n\nmore\n");
        var r = site.Build();
        Assert.Equal(0, r.ExitCode);
        var html = site.ReadOutput("n/index.html");
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Empty(doc.All.Where(e => e.Attributes.Any(a => a.Name.Equals("onmouseover", StringComparison.OrdinalIgnoreCase))));
        Assert.False(Directory.Exists(Path.Combine(site.Root, "etc")));
        foreach (var f in Directory.EnumerateFiles(site.Root, "*", SearchOption.AllDirectories))
            Assert.True(f.StartsWith(site.Input) || f.StartsWith(site.Output) || f.Contains(".cache"), f);
    }

    [Fact]
    public void Symlink_loop_is_reported_and_does_not_hang()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var site = new TempSite();
        site.Write("a/note.md", "# Note\n");
        Directory.CreateSymbolicLink(Path.Combine(site.Input, "a", "loop"), Path.Combine(site.Input, "a"));
        File.CreateSymbolicLink(Path.Combine(site.Input, "self.md"), Path.Combine(site.Input, "self.md"));
        var r = site.Build();
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(r.Diagnostics, d => d.Path == "a/loop" && d.Message.Contains("symbolic link loop"));
        Assert.Contains(r.Diagnostics, d => d.Path == "self.md" && d.Message.Contains("symbolic link"));
        Assert.True(site.OutputExists("a/note/index.html"));
    }

    [Theory]
    [InlineData("my notes/LoRA tips.md", "my-notes/lora-tips/index.html")]
    [InlineData("笔记/张量 并行.md", "笔记/张量-并行/index.html")]
    [InlineData("odd/what<>:|?*.md", "odd/what/index.html")]
    [InlineData("odd/a\"b.md", "odd/ab/index.html")]
    public void Awkward_file_names_build_to_safe_urls(string file, string page)
    {
        using var site = new TempSite();
        site.Write(file, "# Title\n\nbody\n");
        var r = site.Build();
        Assert.Equal(0, r.ExitCode);
        Assert.Empty(r.Diagnostics);
        Assert.True(site.OutputExists(page), page);
    }

    /// <summary>The input folder's files, except the link registry (the one file a build writes there, on purpose:
    /// README "Links that last").</summary>
    internal static string HashInput(string dir) => HashTree(dir, skip: Path.Combine(dir, Site.Links.RegistryFile.Folder));

    internal static string HashTree(string dir, string? skip = null)
    {
        if (!Directory.Exists(dir)) return "";
        var sb = new StringBuilder();
        foreach (var f in Directory.EnumerateFiles(dir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Order(StringComparer.Ordinal))
        {
            if (skip is not null && f.StartsWith(skip + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
            var info = new FileInfo(f);
            if (info.LinkTarget is not null) { sb.Append(f).Append("->").Append(info.LinkTarget).Append('\n'); continue; }
            sb.Append(Path.GetRelativePath(dir, f)).Append(' ').Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))).Append(' ').Append(info.LastWriteTimeUtc.Ticks).Append('\n');
        }
        return sb.ToString();
    }
}
