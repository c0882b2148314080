using Xunit;
using Xunit.Abstractions;

namespace Site.Tests.Index;

/// <summary>Runs the JavaScript unit tests (node --test theme/search/, theme/katex/) so `dotnet test` covers both languages.</summary>
public class NodeTests
{
    private readonly ITestOutputHelper _out;
    public NodeTests(ITestOutputHelper output) => _out = output;

    [NodeFact]
    public void Javascript_search_tests_pass() => RunTestsIn(IndexTestSupport.SearchDir);

    [NodeFact]
    public void Javascript_katex_tests_pass()
    {
        Assert.True(MathTests.MathTestSupport.NodeAvailable, "theme/node_modules/katex is missing: run `npm ci` in theme/");
        RunTestsIn(Path.Combine(MathTests.MathTestSupport.ThemeDir, "katex"));
    }

    /// <summary>node --test over every *.test.mjs in <paramref name="dir"/>; fails with their output unless all pass.</summary>
    private void RunTestsIn(string dir)
    {
        IndexTestSupport.RequireNode();
        var files = Directory.GetFiles(dir, "*.test.mjs").OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var r = IndexTestSupport.RunNode(new[] { "--test" }.Concat(files));
        _out.WriteLine(r.Stdout);
        _out.WriteLine(r.Stderr);
        Assert.True(r.ExitCode == 0, $"node --test failed (exit {r.ExitCode}):\n{r.Stdout}\n{r.Stderr}");
        Assert.Contains("# pass ", r.Stdout);
    }
}
