using System.Collections.Immutable;
using System.Text.Json;
using Site.Core;

namespace Site.Emit;

/// <summary>
/// topics.json, for tools: the site's groups and notes (no sections: a note's outline is its page's TOC and the
/// search index) and the topics with their section counts (the sections are on the topic pages).
/// <code>{"site":…,"tree":[{"title","url"?,"kind":"group"|"note","children"?}],"topics":[{"title","url","sections":N}]}</code>
/// A group without a page has no "url"; an entry without children has no "children". Reads the tree and
/// topics of <see cref="SiteModel"/>; written by <see cref="EmitSite.EmitSitePages"/>.
/// </summary>
public static class WriteTopicsJson
{
    public static ReadOnlySpan<byte> Bytes(ImmutableArray<TreeNode> tree, List<TreeNode> topics, SiteModel site)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 * 1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = EmitSite.JsonOptions.Encoder, Indented = false }))
        {
            void Node(TreeNode n)
            {
                if (n.Kind is not ("group" or "note")) return; // sections and topic context stay out
                w.WriteStartObject();
                w.WriteString("title", n.Title);
                if (n.Url is not null) w.WriteString("url", site.HrefWithAnchor(n.Url, encodeAnchor: false));
                w.WriteString("kind", n.Kind);
                if (n.Kind == "group" && n.Children.Length > 0)
                {
                    w.WriteStartArray("children");
                    foreach (var c in n.Children) Node(c);
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteStartObject();
            w.WriteString("site", site.Options.SiteTitle);
            w.WriteStartArray("tree");
            foreach (var n in tree) Node(n);
            w.WriteEndArray();
            w.WriteStartArray("topics");
            foreach (var t in topics)
            {
                w.WriteStartObject();
                w.WriteString("title", t.Title);
                w.WriteString("url", site.Href(t.Url!));
                w.WriteNumber("sections", t.Children.Length);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan;
    }
}
