using Site.Normalize;
using Xunit;

namespace Site.Tests.Normalize;

public class QuotedMathLinesTests
{
    [Theory]
    [InlineData("> a\n> $$\nx\ny\n$$\n> b", "> a\n> $$\n> x\n> y\n> $$\n> b")]
    [InlineData("> > $$\nx\n$$", "> > $$\n> > x\n> > $$")]
    [InlineData("> $$\nx\n> $$", "> $$\nx\n> $$")]               // quoted closer: not this shape
    [InlineData("> $$\nx\n\n$$", "> $$\nx\n\n$$")]               // blank line before the closer
    [InlineData("```\n> $$\nx\n$$\n```", "```\n> $$\nx\n$$\n```")] // code
    [InlineData("$$\nx\n$$", "$$\nx\n$$")]
    public void Repairs_only_the_unquoted_formula_lines(string body, string expected) =>
        Assert.Equal(expected, QuotedMathLines.Repair(body));
}
