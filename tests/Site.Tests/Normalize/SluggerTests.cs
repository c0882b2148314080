using Site.Normalize;
using Xunit;

namespace Site.Tests.Normalize;

public class SluggerTests
{
    [Theory]
    [InlineData("张量并行", "张量并行")]
    [InlineData("LoRA 与 Adapter", "lora-与-adapter")]
    [InlineData("Hello World", "hello-world")]
    [InlineData("What is RLHF?", "what-is-rlhf")]
    [InlineData("大模型（LLMs）RAG 面", "大模型llmsrag-面")]
    [InlineData("公式 $E=mc^2$", "公式-emc2")]
    [InlineData("🧠 模型权重", "模型权重")]
    [InlineData("snake_case and-dash", "snake_case-and-dash")]
    [InlineData("Ｆｕｌｌ　Ｗｉｄｔｈ", "full-width")]
    [InlineData("日本語のテキスト", "日本語のテキスト")]
    [InlineData("a - b", "a-b")]
    [InlineData("  trimmed  ", "trimmed")]
    public void Slug_is_github_style_and_keeps_cjk(string text, string expected) =>
        Assert.Equal(expected, Slugger.Slug(text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!…")]
    [InlineData(null)]
    public void Slug_of_nothing_is_empty(string? text) => Assert.Equal("", Slugger.Slug(text));

    [Fact]
    public void Unique_suffixes_in_order()
    {
        var s = new Slugger();
        Assert.Equal("lora", s.Unique("LoRA"));
        Assert.Equal("lora-1", s.Unique("LoRA"));
        Assert.Equal("lora-2", s.Unique("lora"));
    }

    [Fact]
    public void Unique_skips_reserved_ids()
    {
        var s = new Slugger();
        Assert.True(s.Reserve("lora-1"));
        Assert.Equal("lora", s.Unique("LoRA"));
        Assert.Equal("lora-2", s.Unique("LoRA"));
    }

    [Fact]
    public void Unique_of_empty_text_falls_back()
    {
        var s = new Slugger();
        Assert.Equal("section", s.Unique("?"));
        Assert.Equal("section-1", s.Unique(""));
    }

    [Fact]
    public void Reserve_reports_duplicates()
    {
        var s = new Slugger();
        Assert.True(s.Reserve("x"));
        Assert.False(s.Reserve("x"));
        Assert.True(s.IsUsed("x"));
    }
}
