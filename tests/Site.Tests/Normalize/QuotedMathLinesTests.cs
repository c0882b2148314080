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

    [Theory]
    [InlineData("a -> b\n$$\nx\n$$")]                // '>' and "$$", but no quoted "$$" line
    [InlineData("> quote\n\n$$\nx\n$$\n> $$ x")]     // a quoted line holding more than "$$"
    [InlineData("> $$\n> x\n> $$")]                   // the whole formula quoted already
    public void A_note_without_the_shape_comes_back_as_it_was(string body) =>
        Assert.Same(body, QuotedMathLines.Repair(body));
}
