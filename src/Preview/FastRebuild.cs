using System.Collections.Immutable;
using Site.Core;
using Site.Emit;
using Site.Index;
using Site.Links;
using Site.Normalize;
using Site.Read;
using Site.Render;
using Site.Render.Mathematics;

namespace Site.Preview;

/// <summary>What a full preview build leaves behind for <see cref="FastRebuild"/>.</summary>
public sealed record SiteState(
    ImmutableArray<Note> Read,
    ImmutableArray<Note> Rendered,
    IReadOnlyDictionary<string, object> Items,
    IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// The live preview's fast path for the common edit: one or a few existing notes saved with new text.
/// Only those files are read, normalized, rendered and emitted (their note page and share pages, written
/// in place into the served folder); the pages are then reloaded and the site-wide files that show
/// the edited text or date (search index, home, sitemap, topics.json, list pages) are rewritten right after.
///
/// It applies only when nothing another page shows about the edited notes changed: URL, title, tags and
/// the section outline (levels, titles, anchors, share ids). Anything else (a new, deleted or renamed
/// note, a retitled section, an asset, topics.yml, the theme) returns null and the caller runs the full
/// incremental build, which rewrites the whole site. Either way the served files end up the same as a
/// full build's.
/// </summary>
public static class FastRebuild
{
    /// <summary>A rebuilt site: the new state, diagnostics for the overlay, and the rest of the work to do after the reload.</summary>
    public sealed record Result(SiteState State, IReadOnlyList<Diagnostic> Diagnostics, int Pages, Action Finish, IReadOnlyDictionary<string, double> Stages);

    public static Result? TryRun(SiteState state, IReadOnlyCollection<string> changed, BuildOptions options, CancellationToken ct)
    {
        if (changed.Count == 0 || changed.Count > 8) return null;
        var stages = new Dictionary<string, double>(StringComparer.Ordinal);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        void Mark(string stage) { stages[stage] = sw.Elapsed.TotalSeconds; sw.Restart(); }
        var output = OutputWriter.InPlace(options.OutputDir);
        var ctx = new BuildContext(options, output, ct);
        foreach (var (k, v) in state.Items) ctx.Items[k] = v;
        var gitDates = ctx.TryGet<IReadOnlyDictionary<string, DateTimeOffset>>(ReadNotes.GitDatesKey) ?? new Dictionary<string, DateTimeOffset>();

        // read
        var read = ReadNotes.Reread(state.Read, changed, gitDates, ctx);
        if (read is not { } readNotes || readNotes.Length != state.Read.Length) return null;
        for (int i = 0; i < readNotes.Length; i++)
            if (readNotes[i].SourcePath != state.Read[i].SourcePath || readNotes[i].Url != state.Read[i].Url) return null;
        var changedSet = changed.ToHashSet(StringComparer.Ordinal);
        Mark("read");

        // normalize (per-note modules only: the topics are the same as long as the outline is)
        var fresh = readNotes.Where(n => changedSet.Contains(n.SourcePath)).ToImmutableArray();
        var normalized = new NormalizeNotes().Execute(fresh, ctx);
        if (normalized.Length != fresh.Length) return null;
        var before = state.Rendered.ToDictionary(n => n.SourcePath, StringComparer.Ordinal);
        foreach (var n in normalized)
            if (!before.TryGetValue(n.SourcePath, out var old) || !SameOutline(old, n)) return null;
        // The link registry: only its text sketches may change here; any change to what it publishes takes the full path.
        var links = ctx.TryGet<LinkState>(TrackLinks.Key);
        if (links is not null)
        {
            var byPathNormalized = normalized.ToDictionary(n => n.SourcePath, StringComparer.Ordinal);
            var all = state.Rendered.Select(n => byPathNormalized.GetValueOrDefault(n.SourcePath) ?? n).ToImmutableArray();
            var next = TrackLinks.Next(links.Registry, links.Text, all, ctx);
            if (!next.Registry.SamePublished(links.Registry)) return null;
            ctx.Items[TrackLinks.Key] = links = next;
        }
        Mark("normalize");

        // render: math for the edited notes; HTML with every other note present as a stub for link checks
        var mathed = new RenderMath().Execute(normalized, ctx);
        var byPath = mathed.ToDictionary(n => n.SourcePath, StringComparer.Ordinal);
        var input = state.Rendered.Select(n => byPath.TryGetValue(n.SourcePath, out var f) ? f : Incremental.IncrementalStages.Stub(n)).ToImmutableArray();
        var rendered = new RenderHtml().Execute(input, ctx);
        var renderedByPath = rendered.Where(n => changedSet.Contains(n.SourcePath)).ToDictionary(n => n.SourcePath, StringComparer.Ordinal);
        var notes = state.Rendered.Select(n => renderedByPath.TryGetValue(n.SourcePath, out var r) ? r : n).ToImmutableArray();
        Mark("render");

        // emit the edited notes' own pages
        var site = EmitSite.CreateSite(notes, ctx);
        int pages = 0;
        foreach (var n in renderedByPath.Values) pages += EmitSite.EmitNotePages(n, site, ctx);
        Mark("emit");

        // The other notes' diagnostics from the last build, this build's for the edited notes.
        var merged = new DiagnosticBag();
        foreach (var d in state.Diagnostics) if (!changedSet.Contains(d.Path)) merged.Add(d);
        foreach (var d in ctx.Diagnostics.All) if (changedSet.Contains(d.Path)) merged.Add(d);
        var diagnostics = merged.All;
        var items = new Dictionary<string, object>(ctx.Items, StringComparer.Ordinal);
        var newState = new SiteState(readNotes, notes, items, diagnostics);

        void Finish()
        {
            try
            {
                new BuildSearchIndex().Execute(notes, ctx);
                EmitSite.EmitSitePages(site, ctx);
                if (links is { Changed: true, Text: { } text }) RegistryFile.Write(options.InputDir, text);
            }
            finally
            {
                site.Dispose();
                output.Dispose();
            }
        }
        return new Result(newState, diagnostics, pages, Finish, stages);
    }

    /// <summary>True when everything other pages show of the note is the same (title, URL, tags, outline).</summary>
    internal static bool SameOutline(Note a, Note b)
    {
        if (a.Title != b.Title || a.Url != b.Url || !a.Meta.Tags.SequenceEqual(b.Meta.Tags, StringComparer.Ordinal)) return false;
        if (a.Sections.Length != b.Sections.Length) return false;
        for (int i = 0; i < a.Sections.Length; i++)
        {
            Section x = a.Sections[i], y = b.Sections[i];
            if (x.Level != y.Level || x.Title != y.Title || x.Id != y.Id || x.ShareId != y.ShareId || x.Number != y.Number
                || !x.Path.SequenceEqual(y.Path, StringComparer.Ordinal)) return false;
        }
        return true;
    }
}
