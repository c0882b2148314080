using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Site.Render.BlockIds;

/// <summary>
/// Once a document is parsed, takes each trailing <c>^id</c> (<see cref="BlockIdSyntax"/>) off its paragraph and makes it
/// the id of the block it names: the paragraph (in a list item: the item); a <see cref="BlockIdLine"/> names the block
/// before it (a list, a quote; a table through an anchor just before it).
/// </summary>
public static class BlockIdTransform
{
    public static void Apply(MarkdownDocument doc)
    {
        foreach (var idLine in doc.Descendants<BlockIdLine>().ToList())
        {
            if (idLine.Parent is not { } parent || parent.IndexOf(idLine) is not (> 0 and var at)) continue;
            var before = parent[at - 1];
            // A table's HTML is wrapped for phones by matching its plain "<table>" tag: its id goes on an anchor before it.
            if (before is Markdig.Extensions.Tables.Table) { parent.RemoveAt(at); parent.Insert(at - 1, idLine); continue; }
            before.GetAttributes().Id ??= idLine.Id;
            parent.RemoveAt(at);
        }
        // Only paragraphs whose trailing literals hold a '^' (checked without copying: this runs on every paragraph).
        foreach (var p in doc.Descendants<ParagraphBlock>().Where(HasTrailingCaret).ToList())
        {
            // The trailing literals together ("^" may be a literal of its own: '^' opens superscript).
            var run = new List<LiteralInline>();
            for (var i = p.Inline!.LastChild; i is LiteralInline lit && run.Count < TrailingLiterals; i = i.PreviousSibling) run.Insert(0, lit);
            var text = string.Concat(run.Select(l => l.Content.ToString()));
            var m = BlockIdSyntax.Trailing().Match(text);
            if (!m.Success) continue;
            var id = "^" + m.Groups[1].Value;
            var onlyId = m.Index == 0 && ReferenceEquals(p.Inline.FirstChild, run[0]);
            if (onlyId && p.Parent is { } parent && parent.IndexOf(p) is > 0 and var at)
            {
                parent[at - 1].GetAttributes().Id ??= id;
                parent.RemoveAt(at);
                continue;
            }
            if (onlyId) continue; // a lone "^id" with nothing before it names nothing
            DropTrailingChars(run, text.Length - m.Index);
            // Trailing line break before the id ("text\n^id"): dropped with it.
            if (p.Inline.LastChild is LineBreakInline br) br.Remove();
            Block target = p.Parent is ListItemBlock item && item.IndexOf(p) == 0 ? item : p;
            target.GetAttributes().Id ??= id;
        }
    }

    /// <summary>How many literals at a paragraph's end are read together for its " ^id".</summary>
    private const int TrailingLiterals = 8;

    private static bool HasTrailingCaret(ParagraphBlock p)
    {
        int n = 0;
        for (var i = p.Inline?.LastChild; i is LiteralInline lit && n < TrailingLiterals; i = i.PreviousSibling, n++)
            if (lit.Content.AsSpan().Contains('^')) return true;
        return false;
    }

    /// <summary>Removes the last <paramref name="n"/> characters of the trailing literals (the " ^id").</summary>
    private static void DropTrailingChars(List<LiteralInline> run, int n)
    {
        for (int k = run.Count - 1; k >= 0 && n > 0; k--)
        {
            var lit = run[k];
            var len = lit.Content.Length;
            if (len <= n) { lit.Remove(); n -= len; continue; }
            lit.Content = new Markdig.Helpers.StringSlice(lit.Content.Text, lit.Content.Start, lit.Content.End - n);
            n = 0;
        }
    }
}
