using Site.Links;
using Xunit;

namespace Site.Tests.Links;

public sealed class LinkSketchTests
{
    private const string Text = "Install the peft package and pick the target modules by name. Then set the rank and alpha in the config and wrap the model before training starts.";

    [Theory]
    [InlineData(Text, Text, 1.0, 1.0)]
    [InlineData(Text, "Something else entirely: kernels, warps and shared memory banks on the GPU.", 0.0, 0.1)]
    [InlineData(Text, "INSTALL the PEFT package, and pick the target modules by name! Then set the rank and alpha in the config and wrap the model before training starts", 1.0, 1.0)]
    [InlineData("把权重映射到 8 位整数，显存减半，精度损失通常很小。", "把权重映射到 8 位整数，显存减半，精度损失通常很小。", 1.0, 1.0)]
    [InlineData("把权重映射到 8 位整数，显存减半，精度损失通常很小。", "注意力机制把查询和键的点积做缩放后再归一化。", 0.0, 0.1)]
    public void Jaccard_estimates_how_much_text_two_sections_share(string a, string b, double min, double max)
    {
        var j = LinkSketch.Jaccard(LinkSketch.Of(a), LinkSketch.Of(b));
        Assert.InRange(j, min, max);
    }

    [Fact]
    public void A_part_of_a_split_section_is_contained_in_it()
    {
        var whole = LinkSketch.Of(Text);
        var first = LinkSketch.Of("Install the peft package and pick the target modules by name.");
        Assert.True(LinkSketch.Containment(first, whole) >= MatchLinks.SplitContainment);
        Assert.True(LinkSketch.Containment(whole, first) < 0.8);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("   \n ", "")]
    public void No_text_has_an_empty_sketch(string text, string sketch) => Assert.Equal(sketch, LinkSketch.Of(text));

    [Fact]
    public void Sketches_are_short_and_fixed_width() => Assert.Equal(LinkSketch.K * 5, LinkSketch.Of(Text + " " + Text.ToUpperInvariant() + " more words to pass twelve shingles").Length);

    [Fact]
    public void The_registry_file_round_trips_and_drops_lines_it_does_not_understand()
    {
        var text = LinkRegistry.Header
            + "note\t/a/\t0123456789abcdef\t-\ta.md\tA\nsection\tabcdefghjk\tintro\t-\tIntro\n"
            + "moved-note\t/old/\t/a/\n"
            + "moved-share\t0000000000\tabcdefghjk\t-\n"
            + "moved-share\t1111111111\t-\t/a/\tGone section\n"
            + "moved-anchor\t/a/\told-intro\tintro\n";
        var problems = new List<(int, string)>();
        var r = LinkRegistry.Parse(text + "garbage line\n", (l, m) => problems.Add((l, m)));
        Assert.Equal(text, r.Format());
        var p = Assert.Single(problems);
        Assert.Equal(9, p.Item1);
    }
}
