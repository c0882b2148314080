using Site.Tests.Support;
using Xunit;

namespace Site.Tests.MathTests;

public class ParallelMathTests
{
    [Fact]
    public void Many_cold_formulas_are_split_across_node_workers_and_all_render()
    {
        if (Site.Render.NodeTools.FindNode() is null) return; // covered by NodeTools tests
        using var site = new TempSite();
        var body = string.Join("\n\n", Enumerable.Range(0, 260).Select(i => $"公式 {i}: $x_{{{i}}} + \\frac{{{i}}}{{2}}$"));
        site.Write("m.md", "# M\n\n" + body + "\n");
        var r = site.Build();
        Assert.Empty(r.Diagnostics);
        var html = site.ReadOutput("m/index.html");
        Assert.Equal(260, System.Text.RegularExpressions.Regex.Matches(html, "<span class=\"katex\">").Count);
        Assert.DoesNotContain("math-fallback", html);
        Assert.DoesNotContain("math-error", html);
    }
}
