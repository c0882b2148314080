using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Site.Core;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Render;

/// <summary><see cref="MarkdownWalk"/> visits what Markdig's <c>Descendants()</c> yields, in the same order.</summary>
public class MarkdownWalkTests
{
    private const string Rich = """
        # Title {#t}

        Text with *emphasis **nested `code` and [a link](x.md#s)** here*, $x^2$ and $$y$$, <span>html</span>, <https://a.example>.

        > [!note] A callout
        > with a [[Wiki Link#Part|label]] and ![img](a.png "t")
        >
        > > nested quote with $\alpha$

        - item 1
          - nested *item* with `code`
            1. deep [ref][r]

        | a | b $c$ |
        |---|---|
        | **x** | [y](y.md) |

        ```python
        print("x")
        ```

        $$
        \int_0^1 f
        $$

        <div>block <a href="z.md">z</a></div>

        {% note info %}
        liquid body
        {% endnote %}

        Term ^block-id

        [r]: r.md
        """;

    public static IEnumerable<object[]> Documents()
    {
        yield return new object[] { "rich", Rich };
        foreach (var f in Directory.EnumerateFiles(Path.Combine(TempSite.RepoRoot, "tests", "Site.Tests", "Fixtures"), "*.md", SearchOption.AllDirectories).Order())
            yield return new object[] { Path.GetFileName(f), File.ReadAllText(f) };
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void It_visits_what_Markdig_yields_in_the_same_order(string name, string markdown)
    {
        var doc = Markdown.Parse(markdown, MarkdownSyntax.Pipeline);
        var expected = doc.Descendants().ToList();
        var visited = new List<MarkdownObject>();
        MarkdownWalk.Each(doc, visited, static (n, list) => list.Add(n));
        Assert.True(expected.Count > 5, name);
        Assert.Equal(expected, visited);
        Assert.Equal(expected.OfType<LinkInline>(), MarkdownWalk.All<LinkInline>(doc));
    }

    [Fact]
    public void Nesting_as_deep_as_Markdig_parses_is_walked_without_running_out_of_stack()
    {
        var markdown = string.Concat(Enumerable.Repeat("> ", 100)) + "deep *a **b [c](d.md)***\n\n" + new string('[', 2000) + "x";
        var doc = Markdown.Parse(markdown, MarkdownSyntax.Pipeline);
        var visited = new List<MarkdownObject>();
        MarkdownWalk.Each(doc, visited, static (n, list) => list.Add(n));
        Assert.Equal(doc.Descendants().ToList(), visited);
        Assert.Single(MarkdownWalk.All<LinkInline>(doc));
    }
}
