using System.Text.Json;
using Site.Core;
using Site.Links;
using Site.Theme;

namespace Site.Emit;

/// <summary>
/// Writes what keeps old links alive, from this build's link registry (<see cref="TrackLinks"/>): a page for
/// each old share id whose section was removed (<see cref="ShareView.Removed"/>), a redirect page at each old
/// note URL, and <c>s/anchors.json</c>, the old-anchor map site.js reads when a note page is opened at an
/// anchor it does not have. (Old share ids of live sections are written with their note's share pages.)
/// </summary>
public static class EmitLinkPages
{
    public const string AnchorsFile = Read.Permalinks.ShareFolder + "/anchors.json";

    public static void Write(SiteModel site, BuildContext ctx)
    {
        if (ctx.TryGet<LinkState>(TrackLinks.Key) is not { } links) return;
        var reg = links.Registry;
        var b = PageBuffer.ForThread();
        foreach (var (id, moved) in reg.MovedShares)
        {
            if (moved.ShareId is not null) continue;
            var note = moved.NoteUrl is { } u ? site.ByUrl.GetValueOrDefault(u) : null;
            b.Clear();
            site.Templates.WriteShare(b, ShareView.Removed(site, id, moved.Title, note));
            ctx.Output.WriteBytes(ShareView.UrlOf(id), b.Span);
        }
        b.Trim();
        foreach (var (from, to) in reg.MovedNotes)
        {
            if (site.ByUrl.ContainsKey(from) || !site.ByUrl.TryGetValue(to, out var note)
                || !(from.EndsWith('/') || from.Contains('/') && from.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                || Read.Permalinks.ReservedBy(Read.Permalinks.OutputPathFor(from)) is not null) continue;
            ctx.Output.WriteText(Read.Permalinks.OutputPathFor(from), site.Razor.Render<MovedPage>(new Dictionary<string, object?>
            {
                ["Site"] = site, ["Href"] = site.Href(to), ["Canonical"] = site.Absolute(to), ["Title"] = note.Title,
            }));
        }
        if (!reg.MovedAnchors.IsEmpty)
            ctx.Output.WriteBytes(AnchorsFile, JsonSerializer.SerializeToUtf8Bytes(
                reg.MovedAnchors.ToDictionary(kv => kv.Key, kv => kv.Value.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal), StringComparer.Ordinal),
                EmitSite.JsonOptions));
    }
}
