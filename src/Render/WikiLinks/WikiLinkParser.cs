using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax.Inlines;

namespace Site.Render.WikiLinks;

/// <summary>
/// Parses <c>[[…]]</c> and <c>![[…]]</c> on one line. <c>[[toc]]</c> is left alone (a table of contents
/// marker, not a link); so is anything holding a bracket, so ordinary <c>[[1]](url)</c>-style text keeps
/// its Markdown meaning.
/// </summary>
public sealed class WikiLinkParser : InlineParser
{
    public WikiLinkParser() => OpeningCharacters = new[] { '[', '!' };

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var text = slice.Text;
        var start = slice.Start;
        var embed = text[start] == '!';
        var p = start + (embed ? 1 : 0);
        if (p + 1 > slice.End || text[p] != '[' || text[p + 1] != '[') return false;
        var close = text.IndexOf("]]", p + 2, StringComparison.Ordinal);
        if (close < 0 || close + 1 > slice.End) return false;
        var inner = text[(p + 2)..close];
        if (inner.Trim().Length == 0 || inner.IndexOfAny(new[] { '[', ']', '\n', '\r' }) >= 0) return false;
        if (inner.Trim().Equals("toc", StringComparison.OrdinalIgnoreCase)) return false;

        var bar = inner.IndexOf('|');
        var target = (bar >= 0 ? inner[..bar] : inner).Trim();
        var alias = bar >= 0 ? inner[(bar + 1)..].Trim() : null;
        var hash = target.IndexOf('#');
        var anchor = hash >= 0 ? target[(hash + 1)..].Trim() : null; // "^id": a block id (BlockIds)
        if (hash >= 0) target = target[..hash].Trim();
        int? width = embed && alias is not null && int.TryParse(alias.Split('x')[0], out var w) && w > 0 ? w : null;
        if (width is not null) alias = null;
        var shown = alias is { Length: > 0 } ? alias
            : target.Length == 0 ? anchor?.TrimStart('^') ?? ""
            : anchor is { Length: > 0 } ? target + " › " + anchor.TrimStart('^') : target;

        processor.GetSourcePosition(start, out var line, out var column);
        var link = new WikiLinkInline
        {
            Target = target, Anchor = anchor, Alias = alias, Width = width, Source = text[start..(close + 2)],
            IsImage = embed, Line = line, Column = column, IsClosed = true,
            Span = new Markdig.Syntax.SourceSpan(processor.GetSourcePosition(start), processor.GetSourcePosition(close + 1)),
        };
        link.AppendChild(new LiteralInline(shown));
        processor.Inline = link;
        slice.Start = close + 2;
        return true;
    }
}
