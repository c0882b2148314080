using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Site.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Site.Tests.Reliability;

/// <summary>
/// Seeded, bounded fuzzing of the whole pipeline with generated Markdown, YAML and plain text.
/// Reproduce a failure with FUZZ_SEED=&lt;seed&gt; dotnet test --filter FuzzTests.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Atoms =
    {
        "# ", "## ", "### ", "#### ", "- ", "1. ", "> ", "```", "~~~", "$", "$$", "\\(", "\\)", "\\[", "\\]", "|", " | ", "---", "***", "[", "]", "(", ")",
        "![", "](", "{#", "}", "<", ">", "<div>", "</div>", "&amp;", "\t", "  ", "\n", "\n\n", "一、", "1.1 ", "【", "】", "篇", "面", "?", "？", ":", "：",
        "张量并行", "LoRA", "ZeRO-3", "\\frac{a}{b}", "rac{", "ight]", "😀", "\u200b", "\uFEFF", "\r\n", "*", "_", "**", "~~", "`", "[^1]", "[^1]: ",
        "title: ", "tags: [", "permalink: ", "http://x.y/", "../", "%2e%2e/", "<script>", "\"", "'", "\\", "\u0000", "\uFFFD", "目录", "回复", "发表于", "3 4 5",
    };

    [Fact]
    public void Random_notes_never_crash_the_build_and_produce_well_formed_output()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var s) ? s : 20261122;
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_ROUNDS"), out var n) ? n : 4;
        output.WriteLine($"fuzz seed {seed}, {rounds} rounds (FUZZ_SEED / FUZZ_ROUNDS to change)");
        for (int round = 0; round < rounds; round++)
        {
            var rng = new Random(seed + round);
            using var site = new TempSite();
            for (int i = 0; i < 25; i++)
            {
                var ext = rng.Next(4) switch { 0 => ".txt", 1 => ".markdown", _ => ".md" };
                site.Write($"d{rng.Next(3)}/n{i}{ext}", Note(rng));
            }
            var r = site.Build();
            Assert.True(r.ExitCode == 0, $"seed {seed + round}: exit {r.ExitCode}\n" + string.Join('\n', r.Diagnostics));
            Assert.DoesNotContain(r.Diagnostics, d => d.Message.Contains("failed:", StringComparison.Ordinal) && !d.Message.Contains("nested too deeply"));
            var parser = new HtmlParser();
            foreach (var f in Directory.EnumerateFiles(site.Output, "*.html", SearchOption.AllDirectories))
            {
                var doc = parser.ParseDocument(File.ReadAllText(f));
                Assert.True(doc.Title is { Length: > 0 }, $"seed {seed + round}: {f} has no <title>");
                Assert.Single(doc.QuerySelectorAll("main"));
            }
            foreach (var f in Directory.EnumerateFiles(site.Output, "*.json", SearchOption.AllDirectories))
                JsonDocument.Parse(File.ReadAllText(f)).Dispose();
        }
    }

    private static string Note(Random rng)
    {
        var sb = new StringBuilder();
        if (rng.Next(3) == 0)
        {
            sb.Append("---\n");
            for (int k = rng.Next(4); k > 0; k--) sb.Append(Atoms[rng.Next(Atoms.Length)]).Append(rng.Next(2) == 0 ? "x\n" : "");
            if (rng.Next(4) > 0) sb.Append("---\n");
        }
        int len = rng.Next(20, 400);
        for (int i = 0; i < len; i++)
        {
            sb.Append(Atoms[rng.Next(Atoms.Length)]);
            if (rng.Next(5) == 0) sb.Append("word").Append(rng.Next(100));
        }
        return sb.ToString();
    }
}
