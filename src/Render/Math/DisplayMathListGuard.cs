using Markdig.Parsers;
using Markdig.Syntax;

namespace Site.Render.Mathematics;

/// <summary>
/// Markdig's list parser, except that a list item does not interrupt a paragraph whose own <c>$$</c> is still open
/// (<see cref="DollarMathBlockParser.HasOpenDisplay"/>): in "$$\begin{align}⏎Z = a⏎- b⏎\end{align}$$" the "- b" line is a
/// minus sign of the formula (Obsidian, Typora and MathJax read it so), not a bullet that cuts the formula in two.
/// </summary>
public sealed class DisplayMathListGuard : ListBlockParser
{
    public override bool CanInterrupt(BlockProcessor processor, Block block) =>
        !(block is ParagraphBlock p && DollarMathBlockParser.HasOpenDisplay(p)) && base.CanInterrupt(processor, block);
}
