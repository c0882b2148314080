using Markdig.Extensions.Mathematics;
using Markdig.Parsers;
using Markdig.Syntax;

namespace Site.Render.Mathematics;

/// <summary>
/// Markdig's fenced <c>$$</c> block parser, except that a <c>$$</c> line does not interrupt a paragraph whose own
/// <c>$$</c> is still open: in "计算 $$\n\delta = …\n$$\n（3）下一步" the last <c>$$</c> closes the paragraph's display
/// formula (<see cref="DollarMathInlineParser"/> pairs them) instead of opening a fence that swallows the text after it.
/// </summary>
public sealed class DollarMathBlockParser : MathBlockParser
{
    public override bool CanInterrupt(BlockProcessor processor, Block block) =>
        !(block is ParagraphBlock p && HasOpenDisplay(p)) && base.CanInterrupt(processor, block);

    /// <summary>Whether the paragraph so far holds an odd number of "$$" (backslash escapes skipped, "$$$" not counted).</summary>
    internal static bool HasOpenDisplay(ParagraphBlock p)
    {
        int count = 0;
        var lines = p.Lines;
        for (int l = 0; l < lines.Count; l++)
        {
            var slice = lines.Lines[l].Slice;
            var text = slice.Text;
            for (int i = slice.Start; i <= slice.End; i++)
            {
                var c = text[i];
                if (c == '\\') { i++; continue; }
                if (c != '$') continue;
                int run = 1;
                while (i + run <= slice.End && text[i + run] == '$') run++;
                if (run == 2) count++;
                i += run - 1;
            }
        }
        return count % 2 == 1;
    }
}
