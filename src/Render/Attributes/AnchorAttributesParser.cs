using Markdig.Extensions.GenericAttributes;
using Markdig.Helpers;
using Markdig.Parsers;

namespace Site.Render.Attributes;

/// <summary>
/// Markdig's generic-attributes parser, narrowed to attribute lists that start with an id or a class
/// (<c>{#id}</c>, <c>{.class}</c>, <c>{#id .class key=value}</c>). Any other brace group stays text, so TeX written
/// outside math delimiters or a subscript such as <c>R_{t}</c> in a heading is not swallowed as an attribute <c>t</c>.
/// </summary>
public sealed class AnchorAttributesParser : GenericAttributesParser
{
    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        if (!IsAnchorShaped(slice.Text, slice.Start, slice.End)) return false;
        return base.Match(processor, ref slice);
    }

    /// <summary>Whether the '{' at <paramref name="brace"/> opens an id/class attribute list ("{#", "{ .", …).</summary>
    public static bool IsAnchorShaped(string text, int brace, int end)
    {
        if (brace < 0 || brace > end || text[brace] != '{') return false;
        int i = brace + 1;
        while (i <= end && text[i] == ' ') i++;
        return i <= end && text[i] is '#' or '.';
    }
}
