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

    [Theory]
    [InlineData("张量并行", "张量并行")]               // CJK as is: 3 bytes a character, not 9
    [InlineData("int8-量化", "int8-量化")]
    [InlineData("a b", "a%20b")]                    // whitespace and ASCII punctuation percent-encoded
    [InlineData("q&a\"<>'#%", "q%26a%22%3C%3E%27%23%25")]
    [InlineData("x\u3000y", "x%E3%80%80y")]         // ideographic space
    [InlineData("😀", "😀")]                         // a surrogate pair stays whole
    public void Fragments_keep_cjk_and_encode_the_rest(string id, string fragment)
    {
        Assert.Equal(fragment, Permalinks.Fragment(id));
        Assert.Equal(id, Uri.UnescapeDataString(Permalinks.Fragment(id))); // the browser finds the same id
    }

    [Fact] // not an InlineData: test discovery would replace the lone surrogate itself
    public void A_lone_surrogate_in_a_fragment_becomes_the_replacement_character() =>
        Assert.Equal("a%EF%BF%BDb", Permalinks.Fragment("a" + (char)0xD800 + "b"));
}
