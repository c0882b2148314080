using System.Text;
using System.Text.RegularExpressions;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Site.Render.Callouts;

/// <summary>
/// Turns each block quote whose first line starts with <c>[!type]</c> into a <see cref="CalloutBlock"/>, once the
/// document is parsed (inlines included, so a title keeps its math, emphasis and links): the rest of that line is the
/// <see cref="CalloutTitle"/>, the other lines and blocks its content. Quotes inside quotes are callouts too.
/// </summary>
public static partial class CalloutTransform
{
    [GeneratedRegex(@"^\[!([A-Za-z][\w-]{0,40})\]([+-]?)[ \t]*")]
    private static partial Regex Marker();

    public static void Apply(MarkdownDocument doc)
    {
        foreach (var quote in doc.Descendants<QuoteBlock>().ToList())
            if (TryConvert(quote) is { } callout && quote.Parent is { } parent)
            {
                var at = parent.IndexOf(quote);
                parent.RemoveAt(at);
                parent.Insert(at, callout);
            }
    }

    private static CalloutBlock? TryConvert(QuoteBlock quote)
    {
        if (quote.Count == 0 || quote[0] is not ParagraphBlock { Inline: { } inlines } first) return null;
        var lead = new StringBuilder();
        for (var i = inlines.FirstChild; i is LiteralInline lit && lead.Length < 64; i = i.NextSibling) lead.Append(lit.Content.AsSpan());
        var m = Marker().Match(lead.ToString());
        if (!m.Success) return null;

        DropLeadingChars(inlines, m.Length);
        var type = m.Groups[1].Value.ToLowerInvariant();
        var title = new CalloutTitle(null)
        {
            Inline = new ContainerInline(),
            Line = first.Line, Column = first.Column, Span = first.Span,
            DefaultText = CalloutTypes.DefaultTitle(type),
        };
        // The title is the marker line: every inline up to the first line break.
        while (inlines.FirstChild is { } inline && inline is not LineBreakInline)
        {
            inline.Remove();
            title.Inline.AppendChild(inline);
        }
        inlines.FirstChild?.Remove(); // the line break after the title
        var callout = new CalloutBlock(null)
        {
            Type = type,
            Style = CalloutTypes.Style(type),
            Fold = m.Groups[2].Value switch { "-" => CalloutFold.Closed, "+" => CalloutFold.Open, _ => CalloutFold.None },
            Line = quote.Line, Column = quote.Column, Span = quote.Span,
        };
        callout.Add(title);
        if (inlines.FirstChild is null) quote.RemoveAt(0); // the first paragraph was the marker line only
        while (quote.Count > 0)
        {
            var block = quote[0];
            quote.RemoveAt(0);
            callout.Add(block);
        }
        return callout;
    }

    /// <summary>Removes the first <paramref name="n"/> characters of the leading literals (the marker).</summary>
    private static void DropLeadingChars(ContainerInline inlines, int n)
    {
        while (n > 0 && inlines.FirstChild is LiteralInline lit)
        {
            var len = lit.Content.Length;
            if (len <= n) { lit.Remove(); n -= len; continue; }
            lit.Content = new Markdig.Helpers.StringSlice(lit.Content.Text, lit.Content.Start + n, lit.Content.End);
            n = 0;
        }
    }
}
