using System.Collections.Immutable;
using Markdig;
using Markdig.Renderers;
using Site.Core;
using Site.Read;

namespace Site.Render;

/// <summary>
/// Render stage: resolves links and images, then renders each note's AST to article HTML with our
/// heading renderer and (when the math stage ran) KaTeX output.
/// </summary>
public sealed class RenderHtml : IModule
{
    public const string LinksKey = "links";
    /// <summary>Optional hook set by earlier render modules (e.g. math) to customise the HTML renderer.</summary>
    public const string RendererSetupKey = "render.setup";

    public string Name => "RenderHtml";

    public ImmutableArray<Note> Execute(ImmutableArray<Note> notes, BuildContext ctx)
    {
        var assets = ctx.TryGet<object>(ReadNotes.AssetsKey) is ImmutableArray<string> a ? a : ImmutableArray<string>.Empty;
        var links = new LinkResolver(notes, assets, ctx);
        ctx.Items[LinksKey] = links;
        var setup = ctx.TryGet<Action<HtmlRenderer>>(RendererSetupKey);
        var results = new Note[notes.Length];
        Parallel.For(0, notes.Length, new ParallelOptions { MaxDegreeOfParallelism = ctx.Parallelism }, i =>
        {
            var note = notes[i];
            try { results[i] = RenderOne(note, links, setup, ctx); }
            catch (Exception ex)
            {
                if (note.Ast is not null) // a note without an AST failed in Normalize, which already said why
                {
                    var (line, message) = PerNoteModule.Describe("render", ex, note);
                    ctx.Diagnostics.Error(note.SourcePath, line, message);
                }
                // Nothing is lost: the note is published as escaped plain text.
                results[i] = note with { Html = "<pre class=\"raw-note\">" + System.Net.WebUtility.HtmlEncode(note.Body) + "</pre>" };
            }
        });
        return results.ToImmutableArray();
    }

    private const string TableOpen = "<table>", TableClose = "</table>";
    private const string WrapOpen = "<div class=\"table-wrap\">", WrapClose = "</div>";

    /// <summary>
    /// The rendered HTML as UTF-8 with every <c>&lt;table&gt;</c> inside <c>&lt;div class="table-wrap"&gt;…&lt;/div&gt;</c> (it
    /// scrolls sideways on a phone): what <c>.Replace("&lt;table&gt;", …).Replace("&lt;/table&gt;", …)</c> then UTF-8 gives, in
    /// one array of the final size (no UTF-16 string of the page: emit and the note cache want UTF-8 anyway).
    /// </summary>
    internal static byte[] WrapTables(ReadOnlySpan<char> html)
    {
        int opens = Count(html, TableOpen), closes = Count(html, TableClose);
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(html) + opens * WrapOpen.Length + closes * WrapClose.Length];
        var dest = bytes.AsSpan();
        int w = 0;
        void Text(ReadOnlySpan<char> text, Span<byte> to) => w += System.Text.Encoding.UTF8.GetBytes(text, to[w..]);
        // Absolute positions of the next "<table>" and "</table>" at or after `from` (-1: none left); each is searched for
        // again only once passed, so the text is scanned once for each. The tags are ASCII: a split never cuts a character.
        int from = 0;
        int open = opens == 0 ? -1 : html.IndexOf(TableOpen, StringComparison.Ordinal), close = closes == 0 ? -1 : html.IndexOf(TableClose, StringComparison.Ordinal);
        while (open >= 0 || close >= 0)
        {
            int at = open < 0 ? close : close < 0 ? open : Math.Min(open, close);
            Text(html[from..at], dest);
            if (at == open) { Text(WrapOpen, dest); Text(TableOpen, dest); from = at + TableOpen.Length; }
            else { Text(TableClose, dest); Text(WrapClose, dest); from = at + TableClose.Length; }
            if (open >= 0 && open < from) open = Next(html, TableOpen, from);
            if (close >= 0 && close < from) close = Next(html, TableClose, from);
        }
        Text(html[from..], dest);
        return bytes;
    }

    private static int Next(ReadOnlySpan<char> s, string token, int from)
    {
        var i = s[from..].IndexOf(token, StringComparison.Ordinal);
        return i < 0 ? -1 : from + i;
    }

    private static int Count(ReadOnlySpan<char> s, string token)
    {
        int n = 0;
        for (int i = s.IndexOf(token, StringComparison.Ordinal); i >= 0; i = s.IndexOf(token, StringComparison.Ordinal))
        {
            n++;
            s = s[(i + token.Length)..];
        }
        return n;
    }

    private static Note RenderOne(Note note, LinkResolver links, Action<HtmlRenderer>? setup, BuildContext ctx)
    {
        var doc = note.Ast ?? Markdown.Parse(note.Body, MarkdownSyntax.For(note.Format));
        links.Resolve(note, doc);
        LiquidTags.LiquidTagReport.Report(doc, (line, message) => ctx.Diagnostics.Warn(note.SourcePath, note.SourceLineOf(line), message));
        var shareById = new Dictionary<string, string>(note.Sections.Length, StringComparer.Ordinal); // the first section with an id wins
        foreach (var s in note.Sections) if (s.Id.Length > 0) shareById.TryAdd(s.Id, s.ShareId);
        var writer = HtmlBuffer.ForThread();
        var renderer = new HtmlRenderer(writer);
        MarkdownSyntax.Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<Markdig.Renderers.Html.HeadingRenderer>(
            new HeadingRenderer(id => shareById.TryGetValue(id, out var sid) && sid.Length > 0 ? ctx.Href(Permalinks.ShareUrl(sid)) : null));
        if (ctx.Options.AllowHtml) RawHtmlHeadings.Setup(renderer);
        else Html.SafeHtml.Setup(renderer, (line, removed) => ctx.Diagnostics.Warn(note.SourcePath, note.SourceLineOf(line), Html.SafeHtml.Message(removed)));
        Code.HighlightedCodeRenderer.Setup(renderer);
        setup?.Invoke(renderer);
        renderer.Render(doc);
        return note with { Ast = doc, HtmlUtf8 = WrapTables(writer.Written) };
    }
}
