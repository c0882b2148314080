using System.Net;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Site.Render.Toc;

/// <summary>
/// Renders a <see cref="TocBlock"/> as a nested list of links to the note's headings (the top-level ones, with the
/// ids Normalize gave them), heading text rendered like the heading itself (math included):
/// <c>&lt;nav class="toc-inline"&gt;&lt;ul&gt;&lt;li&gt;&lt;a href="#id"&gt;…</c>. A note without headings renders nothing.
/// </summary>
public sealed class TocRenderer : HtmlObjectRenderer<TocBlock>
{
    protected override void Write(HtmlRenderer renderer, TocBlock obj)
    {
        Block root = obj;
        while (root.Parent is not null) root = root.Parent;
        if (root is not ContainerBlock doc) return;
        var heads = doc.OfType<HeadingBlock>().Where(h => !string.IsNullOrEmpty(h.TryGetAttributes()?.Id)).ToList();
        if (heads.Count == 0 || !renderer.EnableHtmlForBlock) return;
        renderer.EnsureLine();
        renderer.Write("<nav class=\"toc-inline\" aria-label=\"目录 Contents\">");
        var open = new Stack<int>();
        foreach (var h in heads)
        {
            if (open.Count == 0 || h.Level > open.Peek()) { renderer.Write("<ul>"); open.Push(h.Level); }
            else
            {
                renderer.Write("</li>");
                while (open.Count > 1 && h.Level < open.Peek()) { renderer.Write("</ul></li>"); open.Pop(); }
            }
            renderer.Write("<li><a href=\"#").Write(WebUtility.HtmlEncode(h.TryGetAttributes()!.Id!)).Write("\">");
            renderer.WriteLeafInline(h);
            renderer.Write("</a>");
        }
        renderer.Write("</li>");
        while (open.Count > 1) { renderer.Write("</ul></li>"); open.Pop(); }
        renderer.WriteLine("</ul></nav>");
    }
}
