using System.Collections.Immutable;
using Site.Core;

namespace Site.Links;

/// <summary>This build's link registry: what emit publishes old ids from, and the file text to save.</summary>
public sealed record LinkState(LinkRegistry Registry, string? Text, bool Changed)
{
    /// <summary>Current share id → the old share ids that lead to it, sorted.</summary>
    public ImmutableDictionary<string, ImmutableArray<string>> Aliases { get; } = Registry.MovedShares
        .Where(kv => kv.Value.ShareId is not null)
        .GroupBy(kv => kv.Value.ShareId!, StringComparer.Ordinal)
        .ToImmutableDictionary(g => g.Key, g => g.Select(kv => kv.Key).Order(StringComparer.Ordinal).ToImmutableArray(), StringComparer.Ordinal);

    public ImmutableArray<string> AliasesOf(string shareId) => Aliases.TryGetValue(shareId, out var a) ? a : ImmutableArray<string>.Empty;
}

/// <summary>
/// Links stage (after normalize: it needs every note's URL and sections). Reads <c>.kbsite/links.tsv</c>,
/// matches what it remembers to this build's notes (<see cref="MatchLinks"/>) and puts the next registry in
/// <c>ctx.Items[<see cref="Key"/>]</c> (a <see cref="LinkState"/>) for emit, which publishes the old ids, and
/// for <c>SiteBuilder</c>, which saves the file once the site is committed. A <c>--strict</c> build (not the
/// preview) instead warns, and so fails, when the file is out of date: CI insists the registry is committed.
/// Notes pass through unchanged.
/// </summary>
public sealed class TrackLinks : IModule
{
    public const string Key = "link-registry";

    public string Name => "TrackLinks";

    public ImmutableArray<Note> Execute(ImmutableArray<Note> notes, BuildContext ctx)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var state = Compute(notes, ctx);
        ctx.Items[Key] = state;
        ctx.Timings["links"] = sw.Elapsed.TotalSeconds;
        if (state.Changed && ctx.Options.Strict && !ctx.Options.Preview)
            ctx.Diagnostics.Warn(RegistryFile.RelativePath, 1,
                "the link registry is out of date (notes, headings or URLs changed since it was written): run a build without --strict and commit " + RegistryFile.RelativePath);
        return notes;
    }

    /// <summary>The next registry for <paramref name="notes"/>, from the file on disk.</summary>
    public static LinkState Compute(ImmutableArray<Note> notes, BuildContext ctx)
    {
        var text = RegistryFile.Read(ctx.Options.InputDir, out var problem);
        if (problem is not null) ctx.Diagnostics.Warn(RegistryFile.RelativePath, 1, problem);
        var prev = text is null ? LinkRegistry.Empty : LinkRegistry.Parse(text, (line, msg) => ctx.Diagnostics.Warn(RegistryFile.RelativePath, line, msg));
        return Next(prev, text, notes, ctx);
    }

    /// <summary>The next registry from <paramref name="prev"/> (whose file text was <paramref name="prevText"/>); warnings go to ctx.Diagnostics.</summary>
    public static LinkState Next(LinkRegistry prev, string? prevText, ImmutableArray<Note> notes, BuildContext ctx)
    {
        var known = new Dictionary<string, RegisteredNote>(StringComparer.Ordinal);
        foreach (var p in prev.Notes) known.TryAdd(p.Url, p);
        // Parallel.For into an array rather than PLINQ: the same order, without PLINQ's merge machinery to JIT-compile
        // (~0.1 s of a cold build's CPU).
        var byUrl = notes.OrderBy(n => n.Url, StringComparer.Ordinal).ToArray();
        var snapshots = new RegisteredNote[byUrl.Length];
        Parallel.For(0, byUrl.Length, new ParallelOptions { MaxDegreeOfParallelism = ctx.Parallelism },
            i => snapshots[i] = Snapshot(byUrl[i], known.GetValueOrDefault(byUrl[i].Url)));
        var current = ImmutableArray.Create(snapshots);
        var warnings = new List<LinkWarning>();
        var next = MatchLinks.Update(prev, current, warnings);
        var bySource = notes.ToDictionary(n => n.SourcePath, StringComparer.Ordinal);
        foreach (var w in warnings)
        {
            var line = bySource.TryGetValue(w.Source, out var n) && n.Sections.FirstOrDefault(s => s.ShareId == w.ShareId) is { } s ? s.SourceLine : 1;
            ctx.Diagnostics.Warn(w.Source, line, w.Message);
        }
        // Nothing published and nothing remembered: no file (an empty folder stays empty).
        var newText = next.IsEmpty && prevText is null ? null : next.Format();
        return new LinkState(next, newText, newText is not null && newText != prevText);
    }

    /// <summary>What the registry remembers of a note; the sketches of <paramref name="known"/> (the registry's record of it) when
    /// the file's text, path and sections are unchanged.</summary>
    public static RegisteredNote Snapshot(Note n, RegisteredNote? known = null)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(n.Text.AsSpan())), 0, 8);
        if (known is not null && known.TextHash == hash && known.Source == n.SourcePath && SameSections(known, n))
            return known with { Title = n.Title };
        var secs = n.Sections;
        var own = new uint[secs.Length][];
        for (int i = 0; i < secs.Length; i++) own[i] = LinkSketch.Bottom(secs[i].Text);
        var sections = ImmutableArray.CreateBuilder<RegisteredSection>(secs.Length);
        for (int i = 0; i < secs.Length; i++)
        {
            if (string.IsNullOrEmpty(secs[i].ShareId)) continue;
            // The section's text with its subsections': a renamed parent is recognised by what it holds.
            int end = i + 1;
            while (end < secs.Length && secs[end].Level > secs[i].Level) end++;
            var sketch = end == i + 1 ? own[i] : LinkSketch.Merge(own[i..end]);
            sections.Add(new RegisteredSection(secs[i].ShareId, secs[i].Id, LinkSketch.Format(sketch), secs[i].Title));
        }
        var all = LinkSketch.Merge(own.Prepend(LinkSketch.Bottom(n.Intro)));
        return new RegisteredNote(n.Url, hash, LinkSketch.Format(all), n.SourcePath, n.Title, sections.ToImmutable());
    }

    private static bool SameSections(RegisteredNote known, Note n)
    {
        int k = 0;
        foreach (var s in n.Sections)
        {
            if (string.IsNullOrEmpty(s.ShareId)) continue;
            if (k >= known.Sections.Length) return false;
            var r = known.Sections[k++];
            if (r.ShareId != s.ShareId || r.Anchor != s.Id || r.Title != s.Title) return false;
        }
        return k == known.Sections.Length;
    }
}
