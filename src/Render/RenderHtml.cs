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
                    ctx.Diagnostics.Error(note.SourcePath, 1, PerNoteModule.Describe("render", ex));
                // Nothing is lost: the note is published as escaped plain text.
                results[i] = note with { Html = "<pre class=\"raw-note\">" + System.Net.WebUtility.HtmlEncode(note.Body) + "</pre>" };
            }
        });
        return results.ToImmutableArray();
    }

    private static Note RenderOne(Note note, LinkResolver links, Action<HtmlRenderer>? setup, BuildContext ctx)
    {
        var doc = note.Ast ?? Markdown.Parse(note.Body, MarkdownSyntax.Pipeline);
        links.Resolve(note, doc);
        var shareById = note.Sections.Where(s => s.Id.Length > 0).GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First().ShareId, StringComparer.Ordinal);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        MarkdownSyntax.Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<Markdig.Renderers.Html.HeadingRenderer>(
            new HeadingRenderer(id => shareById.TryGetValue(id, out var sid) && sid.Length > 0 ? ctx.Href(Permalinks.ShareUrl(sid)) : null));
        setup?.Invoke(renderer);
        renderer.Render(doc);
        writer.Flush();
        var html = writer.ToString()
            .Replace("<table>", "<div class=\"table-wrap\"><table>")
            .Replace("</table>", "</table></div>");
        return note with { Ast = doc, Html = html };
    }
}
