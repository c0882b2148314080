using System.Diagnostics;
using System.Text;
using Site.Core;
using Site.Read;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Safety;

/// <summary>YAML front matter is bounded (size, aliases, nesting, expanded size): a bomb is a diagnostic, the note builds without it.</summary>
public class FrontMatterBoundsTests
{
    /// <summary>"Billion laughs": each anchor a list of nine aliases of the one before, <paramref name="levels"/> deep.</summary>
    private static string AliasBomb(int levels)
    {
        var sb = new StringBuilder("title: Bomb\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i < levels; i++)
        {
            string p = ((char)('a' + i - 1)).ToString(), c = ((char)('a' + i)).ToString();
            sb.Append($"{c}: &{c} [{string.Join(",", Enumerable.Repeat("*" + p, 9))}]\n");
        }
        return sb.ToString();
    }

    public static TheoryData<string, string, string> Cases() => new()
    {
        { "billion laughs", AliasBomb(9), "alias" },
        { "too many aliases", "a: &a x\nb: [" + string.Join(",", Enumerable.Repeat("*a", 150)) + "]\n", "aliases" },
        { "deep nesting", "a: " + new string('[', 200) + new string(']', 200) + "\n", "nested" },
        { "self reference", "a: &a [1, *a]\n", "alias *a" },
        { "huge front matter", "title: x\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"k{i}: {new string('v', 20)}\n")), "KB limit" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Unbounded_front_matter_is_a_diagnostic_and_the_note_builds_without_it(string name, string yaml, string message)
    {
        _ = name;
        using var site = new TempSite();
        site.Write("bomb.md", "---\n" + yaml + "---\n# Body heading\n\nText.\n").Write("ok.md", "# OK\n\ntext\n");
        var sw = Stopwatch.StartNew();
        var build = Task.Run(() => site.Build());
        Assert.True(build.Wait(TimeSpan.FromSeconds(60)), "the build did not finish in 60 s");
        var r = build.Result;
        Assert.Equal(0, r.ExitCode);
        var d = Assert.Single(r.Diagnostics, d => d.Path == "bomb.md" && d.Severity == Severity.Error);
        Assert.Contains(message, d.Message);
        Assert.InRange(d.Line, 2, yaml.Split('\n').Length + 1);
        Assert.True(site.OutputExists("bomb/index.html"));
        Assert.Contains("Body heading", site.ReadOutput("bomb/index.html"));
    }

    [Fact]
    public void An_alias_bomb_is_refused_quickly_with_bounded_memory()
    {
        var yaml = AliasBomb(12); // 9^12 ≈ 2.8e11 nodes if expanded
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        var diags = new DiagnosticBag();
        var r = FrontMatterParser.Parse("---\n" + yaml + "---\nbody\n", "bomb.md", diags);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"took {sw.Elapsed}");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 50_000_000, "allocated more than 50 MB");
        Assert.Null(r.Meta.Title);
        Assert.Equal("body\n", r.Body);
        Assert.Contains(diags.All, d => d.Message.Contains("alias"));
    }

    [Fact]
    public void Ordinary_anchors_and_aliases_still_work()
    {
        var diags = new DiagnosticBag();
        var r = FrontMatterParser.Parse("---\ntitle: T\nbase: &tags [ml, nlp]\ntags: *tags\n---\nbody\n", "ok.md", diags);
        Assert.Empty(diags.All);
        Assert.Equal(new[] { "ml", "nlp" }, r.Meta.Tags);
    }
}
