using System.Text;
using System.Text.RegularExpressions;
using Markdig.Extensions.Mathematics;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Site.Normalize;

/// <summary>Plain text of Markdig blocks and inlines: math kept as TeX ($…$), code included, markup dropped.</summary>
public static partial class MarkdownText
{
    /// <summary>Runs of whitespace (regex \s: char.IsWhiteSpace) become one space; none at either end.</summary>
    public static string Collapse(string s)
    {
        int i = 0, end = s.Length;
        while (i < end && char.IsWhiteSpace(s[i])) i++;
        while (end > i && char.IsWhiteSpace(s[end - 1])) end--;
        if (i == end) return "";
        // Already collapsed (common for short titles)? Then no copy.
        bool clean = true;
        for (int k = i; k < end && clean; k++)
            if (char.IsWhiteSpace(s[k]) && (s[k] != ' ' || char.IsWhiteSpace(s[k + 1]))) clean = false;
        if (clean) return i == 0 && end == s.Length ? s : s.Substring(i, end - i);
        return string.Create(CollapsedLength(s, i, end), (s, i, end), static (span, st) =>
        {
            var (src, from, to) = st;
            int w = 0;
            bool space = false;
            for (int k = from; k < to; k++)
            {
                var c = src[k];
                if (char.IsWhiteSpace(c)) { space = true; continue; }
                if (space) { span[w++] = ' '; space = false; }
                span[w++] = c;
            }
        });
    }

    /// <summary><see cref="Collapse(string)"/> of the builder's text, in one pass and without first copying it to a string.</summary>
    public static string Collapse(StringBuilder sb)
    {
        if (sb.Length == 0) return "";
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(sb.Length);
        try
        {
            int w = 0;
            bool space = false;
            foreach (var chunk in sb.GetChunks())
                foreach (var c in chunk.Span)
                {
                    if (char.IsWhiteSpace(c)) { space = w > 0; continue; }
                    if (space) { buffer[w++] = ' '; space = false; }
                    buffer[w++] = c;
                }
            return w == 0 ? "" : new string(buffer, 0, w);
        }
        finally { System.Buffers.ArrayPool<char>.Shared.Return(buffer); }
    }

    private static int CollapsedLength(string s, int from, int to)
    {
        int n = 0;
        bool space = false;
        for (int k = from; k < to; k++)
        {
            if (char.IsWhiteSpace(s[k])) { space = true; continue; }
            if (space) { n++; space = false; }
            n++;
        }
        return n;
    }

    /// <param name="math">How a formula reads (its TeX in, text out); null keeps it as TeX between its delimiters.</param>
    public static string Inline(ContainerInline? container, Func<string, string>? math = null)
    {
        var sb = new StringBuilder();
        AppendInline(sb, container, math);
        return sb.ToString();
    }

    /// <summary>
    /// A title as text with its formulas made readable by <paramref name="math"/>: "重新设计 $R_{t}$" → "重新设计 R_t".
    /// The title is parsed with the site's Markdown pipeline, so '$' pairs exactly as in notes (a price stays a price).
    /// </summary>
    public static string TitleText(string title, Func<string, string> math)
    {
        if (title.IndexOf('$') < 0 && !title.Contains("\\(") && !title.Contains("\\[")) return title;
        // A zero-width space in front keeps it one paragraph ("1. $x$" is not a list, "# $x$" not a heading).
        var doc = Markdig.Markdown.Parse("\u200B" + title.ReplaceLineEndings(" "), Site.Core.MarkdownSyntax.Pipeline);
        return doc.Count == 1 && doc[0] is ParagraphBlock { Inline: { } inline } ? Collapse(Inline(inline, math).Replace("\u200B", "")) : title;
    }

    private static void AppendInline(StringBuilder sb, Inline? inline, Func<string, string>? math)
    {
        switch (inline)
        {
            case null: return;
            case MathInline m when math is not null:
                sb.Append(math(m.Content.ToString()));
                return;
            case MathInline m:
                sb.Append(m.Delimiter, m.DelimiterCount).Append(m.Content.AsSpan()).Append(m.Delimiter, m.DelimiterCount);
                return;
            case LiteralInline l: sb.Append(l.Content.AsSpan()); return;
            case CodeInline c: sb.Append(c.Content); return;
            case LineBreakInline: sb.Append(' '); return;
            case AutolinkInline a: sb.Append(a.Url); return;
            case HtmlInline or HtmlEntityInline:
                if (inline is HtmlEntityInline e) sb.Append(e.Transcoded.AsSpan());
                return;
            case ContainerInline ci:
                for (var child = ci.FirstChild; child is not null; child = child.NextSibling) AppendInline(sb, child, math);
                return;
        }
    }

    /// <summary>Plain text of one block (paragraphs, lists, quotes, code, math, tables), whitespace not yet collapsed.</summary>
    public static string Block(Block block)
    {
        var sb = new StringBuilder();
        AppendBlock(sb, block);
        return sb.ToString();
    }

    /// <summary>Appends what <see cref="Block(Markdig.Syntax.Block)"/> returns, without the intermediate string.</summary>
    public static void AppendBlock(StringBuilder sb, Block block)
    {
        switch (block)
        {
            case MathBlock mb:
                sb.Append("$$").Append(mb.Lines.ToString()).Append("$$ ");
                return;
            case CodeBlock cb:
                sb.Append(cb.Lines.ToString()).Append(' ');
                return;
            case Table t:
                foreach (var row in t.OfType<TableRow>())
                {
                    foreach (var cell in row.OfType<TableCell>()) { foreach (var b in cell) AppendBlock(sb, b); sb.Append(' '); }
                    sb.Append(' ');
                }
                return;
            case LeafBlock leaf:
                if (leaf.Inline is not null) AppendInline(sb, leaf.Inline, null);
                sb.Append(' ');
                return;
            case ContainerBlock container:
                foreach (var child in container) AppendBlock(sb, child);
                return;
        }
    }
}
