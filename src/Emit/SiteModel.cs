using System.Collections.Immutable;
using Site.Core;

namespace Site.Emit;

/// <summary>What every page template can see: site options, all notes, the tree, prebuilt shared fragments.</summary>
public sealed class SiteModel
{
    public required BuildContext Context { get; init; }
    public required ImmutableArray<Note> Notes { get; init; }
    public required ImmutableArray<TreeNode> Tree { get; init; }
    /// <summary>Sidebar HTML rendered once and shared by every page (or null when the tree is fetched lazily).</summary>
    public string? SidebarHtml { get; set; }
    public bool SidebarInline => SidebarHtml is not null;

    public BuildOptions Options => Context.Options;
    public string Base => Options.BaseUrl;
    public string Href(string siteRelative) => Context.Href(Read.Permalinks.Encode(siteRelative));

    /// <summary>Href for a tree URL that may carry a section anchor ("notes/a/#张量并行"); the anchor is
    /// percent-encoded for HTML attributes, or kept as text (<paramref name="encodeAnchor"/> false) for JSON.</summary>
    public string HrefWithAnchor(string url, bool encodeAnchor = true)
    {
        var hash = url.IndexOf('#');
        if (hash < 0) return Href(url);
        var anchor = url[(hash + 1)..];
        return Href(url[..hash]) + "#" + (encodeAnchor ? Uri.EscapeDataString(anchor) : anchor);
    }
    /// <summary>Absolute URL for OG/canonical/sitemap (falls back to the base path when no --site-url).</summary>
    public string Absolute(string siteRelative) => (Options.SiteUrl?.TrimEnd('/') ?? "") + Href(siteRelative);
    public string Asset(string path) => Base + "assets/" + path;
    public static string TagUrl(string tag) => "tags/" + Read.Permalinks.Segment(tag) + "/";
}
