using Site.Read;
using Xunit;

namespace Site.Tests.Read;

public class PermalinkTests
{
    [Theory]
    [InlineData("/research-log", "research-log/")]
    [InlineData("/notes/a/", "notes/a/")]
    [InlineData("notes/b", "notes/b/")]
    [InlineData("/page.html", "page.html")]
    [InlineData("/张量 并行/", "张量-并行/")]
    public void Valid_permalinks(string p, string url)
    {
        Assert.Equal(url, Permalinks.FromPermalink(p, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("../../x")]
    [InlineData("/a/../../b")]
    [InlineData("%2e%2e/%2e%2e/etc")]
    [InlineData("%252e%252e/x")]
    [InlineData("https://evil.example/x")]
    [InlineData("//evil.example/x")]
    [InlineData("C:\\Windows\\x")]
    [InlineData("..\\..\\x")]
    public void Escaping_permalinks_are_rejected(string p)
    {
        Assert.Null(Permalinks.FromPermalink(p, out var problem));
        Assert.NotNull(problem);
    }

    [Theory]
    [InlineData("ml/张量并行.md", "ml/张量并行/")]
    [InlineData("My Notes/LoRA Tips.md", "my-notes/lora-tips/")]
    [InlineData("a/what?<>:|*.md", "a/what/")]
    [InlineData("con.md", "_con/")]
    public void Source_paths_become_safe_urls(string src, string url) =>
        Assert.Equal(url, Permalinks.FromSourcePath(src));

    [Fact]
    public void Output_path_for_url() =>
        Assert.Equal("a/b/index.html", Permalinks.OutputPathFor("a/b/"));
}
