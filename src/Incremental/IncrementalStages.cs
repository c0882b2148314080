using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Site.Core;
using Site.Read;
using Site.Render;

namespace Site.Incremental;

/// <summary>
/// Turns the site's standard pipeline into an incremental one (preview builds keep the cache in memory,
/// command-line builds load and save it with <see cref="NoteCacheFile"/>): the normalize and
/// render stages keep their modules but run them only for notes whose results are not in the
/// <see cref="NoteCache"/>; everything site-wide (tree, index, topics, share pages, emit) runs as usual.
///
/// Reuse rules:
/// <list type="bullet">
/// <item>normalize: reused when the note's <see cref="NoteKey"/> (path, content hash, URL) is unchanged.
///   Per-note modules (<see cref="PerNoteModule"/>) run only for changed notes; the site-wide ones after
///   them (topics) run over all notes every build.</item>
/// <item>render: reused when the note was not re-normalized AND the site's "link universe" (every note's
///   path, URL, title and section ids, plus the asset list) is unchanged, because link and anchor checks
///   look at other notes. Notes that do render still see every other note: unchanged notes are passed to
///   the render modules as body-less stubs and their cached output is put back afterwards.</item>
/// </list>
/// Diagnostics are recorded per note and replayed when a note is reused, so the build log and the
/// preview overlay are the same as a full build's.
/// </summary>
public sealed class IncrementalStages
{
    private readonly Lazy<NoteCache> _lazyCache;
    /// <summary>The cache, first needed at the end of the read stage (a disk cache loads while notes are read).</summary>
    private NoteCache _cache => _lazyCache.Value;
    private readonly BuildContext _ctx;
    private readonly Dictionary<string, NoteKey> _keys = new(StringComparer.Ordinal);
    /// <summary>Notes whose normalize result was computed in this build (their render result is stale).</summary>
    private readonly HashSet<string> _renormalized = new(StringComparer.Ordinal);
    /// <summary>The normalize stage's per-note modules (they run for changed notes only) and the site-wide ones after them.</summary>
    private IReadOnlyList<IModule> _perNoteNormalize = Array.Empty<IModule>();
    private IReadOnlyList<IModule> _siteWideNormalize = Array.Empty<IModule>();
    /// <summary>This build's read-stage output, by source path.</summary>
    private readonly Dictionary<string, Note> _read = new(StringComparer.Ordinal);

    public ReuseStats Stats { get; } = new();

    private IncrementalStages(Func<NoteCache> cache, BuildContext ctx) { _lazyCache = new Lazy<NoteCache>(cache); _ctx = ctx; }

    /// <summary>Wraps the read, normalize and render stages of <paramref name="standard"/>; other stages are kept as they are.</summary>
    public static Pipeline Wrap(Pipeline standard, NoteCache cache, BuildContext ctx, out ReuseStats stats) =>
        Wrap(standard, () => cache, ctx, out stats);

    /// <summary>Same, with the cache produced on first use (e.g. waiting for a load started before the build).</summary>
    public static Pipeline Wrap(Pipeline standard, Func<NoteCache> cache, BuildContext ctx, out ReuseStats stats)
    {
        var inc = new IncrementalStages(cache, ctx);
        stats = inc.Stats;
        var p = new Pipeline();
        foreach (var stage in standard.Stages)
        {
            switch (stage.Name)
            {
                case "read": p.Add(stage.Name, stage.Modules.Append(new KeyNotes(inc)).ToArray()); break;
                case "normalize":
                    inc._perNoteNormalize = stage.Modules.TakeWhile(m => m is PerNoteModule).ToList();
                    inc._siteWideNormalize = stage.Modules.Skip(inc._perNoteNormalize.Count).ToList();
                    p.Add(stage.Name, new CachedNormalize(inc));
                    break;
                case "render": p.Add(stage.Name, new CachedRender(inc, stage.Modules)); break;
                default: p.Add(stage); break;
            }
        }
        return p;
    }

    /// <summary>End of the read stage: computes each note's cache key and forgets notes that are gone.</summary>
    private sealed class KeyNotes(IncrementalStages inc) : IModule
    {
        public string Name => "KeyNotes";

        public ImmutableArray<Note> Execute(ImmutableArray<Note> notes, BuildContext ctx)
        {
            var keys = new NoteKey[notes.Length];
            Parallel.For(0, notes.Length, new ParallelOptions { MaxDegreeOfParallelism = ctx.Parallelism }, i => keys[i] = NoteKey.Of(notes[i]));
            foreach (var k in keys) inc._keys[k.SourcePath] = k;
            foreach (var n in notes) inc._read[n.SourcePath] = n;
            inc._cache.RetainOnly(inc._keys.Keys.ToHashSet(StringComparer.Ordinal));
            inc.Stats.Notes = notes.Length;
            return notes;
        }
    }

    /// <summary>At least this many changed notes with math before KaTeX workers are started ahead of the render stage.</summary>
    public const int PrewarmMinNotes = 20;

    private sealed class CachedNormalize(IncrementalStages inc) : IModule
    {
        public string Name => "CachedNormalize";

        public ImmutableArray<Note> Execute(ImmutableArray<Note> notes, BuildContext ctx)
        {
            // Per-note modules run only for notes whose results are not cached; site-wide modules (topics)
            // then run over every note, cached or not, because their result depends on all of them.
            var perNote = inc._perNoteNormalize;
            var siteWide = inc._siteWideNormalize;

            var misses = new List<Note>();
            foreach (var n in notes)
                if (!inc.TryEntry(n, out _)) misses.Add(n);
            var missSet = misses.Select(n => n.SourcePath).ToHashSet(StringComparer.Ordinal);

            // Many notes to parse and render with formulas in them (a first build, a pulled branch): start the
            // KaTeX workers while they are parsed. Not for a few edited notes, whose formulas are mostly cached.
            // The worker then keeps a core to itself: the notes are parsed on the others (on 2 cores, one), because KaTeX,
            // not parsing, is the longer job, and a starved worker made the render stage wait for it (1.7 s of a 5.4 s
            // build at 1,000 notes).
            var parallelism = ctx.Parallelism;
            if (misses.Count >= PrewarmMinNotes && ctx.Options.CacheDir is not null
                && misses.Count(n => n.Text.Contains('$') || n.Text.Contains("\\(") || n.Text.Contains("\\[")) >= PrewarmMinNotes
                && Render.Mathematics.RenderMath.Prewarm(ctx))
                parallelism = Render.Mathematics.RenderMath.BesideWorker(parallelism);

            var ran = new Dictionary<string, Note>(StringComparer.Ordinal);
            var extra = new List<Note>();
            var diagsByNote = new Dictionary<string, List<Diagnostic>>(StringComparer.Ordinal);
            if (misses.Count > 0)
            {
                IReadOnlyList<Diagnostic> diags = Array.Empty<Diagnostic>();
                var output = perNote.Count == 0 ? misses.ToImmutableArray() : RunIsolated(perNote, misses.ToImmutableArray(), ctx, out diags, parallelism);
                foreach (var n in output)
                {
                    if (missSet.Contains(n.SourcePath)) ran[n.SourcePath] = n;
                    else extra.Add(n);
                }
                foreach (var d in diags)
                    {
                        ctx.Diagnostics.Add(d);
                        if (missSet.Contains(d.Path)) Bucket(diagsByNote, d.Path).Add(d);
                    }
            }

            var result = ImmutableArray.CreateBuilder<Note>(notes.Length);
            foreach (var n in notes)
            {
                if (missSet.Contains(n.SourcePath))
                {
                    var normalized = ran.GetValueOrDefault(n.SourcePath);
                    inc._cache.Set(new NoteCacheEntry
                    {
                        Key = inc._keys[n.SourcePath],
                        Normalized = normalized is null ? null : NormalizedPart.Of(normalized, n),
                        NormalizeDiagnostics = diagsByNote.TryGetValue(n.SourcePath, out var l) ? l.ToImmutableArray() : ImmutableArray<Diagnostic>.Empty,
                    });
                    inc._cache.Dirty = true;
                    inc._renormalized.Add(n.SourcePath);
                    inc.Stats.NormalizeRan++;
                    if (normalized is not null) result.Add(normalized);
                }
                else
                {
                    inc._cache.TryGet(n.SourcePath, out var e);
                    foreach (var d in e.NormalizeDiagnostics) ctx.Diagnostics.Add(d);
                    inc.Stats.NormalizeReused++;
                    if (e.Normalized is not null) result.Add(e.Normalized.ApplyTo(n));
                }
            }
            result.AddRange(extra);
            var all = result.ToImmutable();
            foreach (var m in siteWide)
            {
                ctx.CancellationToken.ThrowIfCancellationRequested();
                all = m.Execute(all, ctx);
            }
            // The stages alongside render start now: they leave KaTeX a core only while it has much left to do.
            Render.Mathematics.RenderMath.KeepCoreForMath(ctx);
            return all;
        }
    }

    private sealed class CachedRender(IncrementalStages inc, IReadOnlyList<IModule> modules) : IModule
    {
        public string Name => "CachedRender";

        public ImmutableArray<Note> Execute(ImmutableArray<Note> notes, BuildContext ctx)
        {
            var assets = ctx.TryGet<object>(ReadNotes.AssetsKey) is ImmutableArray<string> a ? a : ImmutableArray<string>.Empty;
            var universe = Universe(notes, assets);

            var hits = new Dictionary<string, NoteCacheEntry>(StringComparer.Ordinal);
            foreach (var n in notes)
                if (!inc._renormalized.Contains(n.SourcePath) && inc.TryEntry(n, out var e) && e.HasHtml && e.RenderUniverse == universe)
                    hits[n.SourcePath] = e;
            inc.Stats.UniverseChanged = notes.Any(n => inc.TryEntry(n, out var e) && e.RenderUniverse is { } u && u != universe);

            if (hits.Count == notes.Length)
            {
                // Nothing to render: only the link table emit reads (which assets are used) is needed.
                var table = new LinkResolver(notes, assets, ctx);
                ctx.Items[RenderHtml.LinksKey] = table;
                var all = ImmutableArray.CreateBuilder<Note>(notes.Length);
                foreach (var n in notes)
                {
                    var hit = hits[n.SourcePath];
                    foreach (var d in hit.RenderDiagnostics) ctx.Diagnostics.Add(d);
                    foreach (var asset in hit.UsedAssets) table.UsedAssets.Add(asset);
                    all.Add(hit.WithHtml(n));
                }
                inc.Stats.RenderReused += notes.Length;
                return all.MoveToImmutable();
            }

            // A note whose normalize result came from the cache has no AST (ASTs are neither kept nor
            // stored): if it must render, it is normalized afresh from this build's read note.
            var used = notes.Where(n => !hits.ContainsKey(n.SourcePath) && !inc._renormalized.Contains(n.SourcePath)).ToImmutableArray();
            var fresh = new Dictionary<string, Note>(StringComparer.Ordinal);
            var perNote = inc._perNoteNormalize;
            if (used.Length > 0 && perNote.Count > 0)
                foreach (var n in RunIsolated(perNote, used.Select(n => inc._read[n.SourcePath]).ToImmutableArray(), ctx, out _))
                    fresh[n.SourcePath] = n; // same input, same diagnostics: already replayed

            // Unchanged notes go in as stubs: link and anchor checks still see them, but they cost nothing to render.
            var input = notes.Select(n => hits.ContainsKey(n.SourcePath) ? Stub(n) : fresh.GetValueOrDefault(n.SourcePath) ?? n).ToImmutableArray();
            var output = RunIsolated(modules, input, ctx, out var diags);

            var diagsByNote = new Dictionary<string, List<Diagnostic>>(StringComparer.Ordinal);
            foreach (var d in diags)
            {
                if (hits.ContainsKey(d.Path)) continue; // said about a stub; the cached diagnostics are replayed below
                ctx.Diagnostics.Add(d);
                Bucket(diagsByNote, d.Path).Add(d);
            }

            var links = ctx.TryGet<LinkResolver>(RenderHtml.LinksKey);
            var byPath = notes.ToDictionary(n => n.SourcePath, StringComparer.Ordinal);

            var result = ImmutableArray.CreateBuilder<Note>(output.Length);
            foreach (var n in output)
            {
                if (hits.TryGetValue(n.SourcePath, out var hit))
                {
                    foreach (var d in hit.RenderDiagnostics) ctx.Diagnostics.Add(d);
                    foreach (var asset in hit.UsedAssets) links?.UsedAssets.Add(asset);
                    inc.Stats.RenderReused++;
                    result.Add(hit.WithHtml(byPath[n.SourcePath]));
                    continue;
                }
                inc.Stats.RenderRan++;
                result.Add(n);
                if (inc._cache.TryGet(n.SourcePath, out var entry) && n.Ast is not null)
                {
                    inc._cache.Set(entry with
                    {
                        Html = n.HtmlUtf8.IsEmpty ? n.Html : null, // render's HTML is UTF-8 (RenderHtml.WrapTables)
                        HtmlUtf8 = n.HtmlUtf8,
                        RenderUniverse = universe,
                        RenderDiagnostics = diagsByNote.TryGetValue(n.SourcePath, out var l) ? l.ToImmutableArray() : ImmutableArray<Diagnostic>.Empty,
                        UsedAssets = links?.AssetsUsedBy(n.SourcePath) ?? ImmutableArray<string>.Empty,
                    });
                    inc._cache.Dirty = true;
                }
            }
            return result.ToImmutable();
        }


        /// <summary>Everything about other notes that rendering one note may look at.</summary>
        private static string Universe(ImmutableArray<Note> notes, ImmutableArray<string> assets)
        {
            var sb = new StringBuilder();
            foreach (var n in notes.OrderBy(n => n.SourcePath, StringComparer.Ordinal))
            {
                sb.Append(n.SourcePath).Append('\0').Append(n.Url).Append('\0').Append(n.Title).Append('\0');
                // Number and title too: anchors written against the source heading are matched on them (SectionAnchors).
                foreach (var s in n.Sections) sb.Append(s.Id).Append('\u0001').Append(s.ShareId).Append('\u0001').Append(s.Number).Append('\u0001').Append(s.Title).Append('\u0002');
                sb.Append('\n');
            }
            foreach (var asset in assets) sb.Append(asset).Append('\n');
            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
        }
    }

    /// <summary>A note as other notes' link checks see it, with nothing to render (its own output comes from elsewhere).</summary>
    internal static Note Stub(Note n) => n with { Text = "", Body = "", Ast = new MarkdownDocument(), Html = "", LineMap = default };

    private bool TryEntry(Note n, out NoteCacheEntry entry) =>
        _cache.TryGet(n.SourcePath, out entry) && _keys.TryGetValue(n.SourcePath, out var k) && entry.Key == k;

    private static List<Diagnostic> Bucket(Dictionary<string, List<Diagnostic>> d, string path)
    {
        if (!d.TryGetValue(path, out var l)) d[path] = l = new List<Diagnostic>();
        return l;
    }

    /// <summary>
    /// Runs modules against a scratch context that shares the build's options, output, items and timings
    /// but collects diagnostics separately, so they can be attributed to notes before they are published.
    /// </summary>
    private static ImmutableArray<Note> RunIsolated(IReadOnlyList<IModule> modules, ImmutableArray<Note> notes, BuildContext ctx, out IReadOnlyList<Diagnostic> diagnostics, int? parallelism = null)
    {
        var options = parallelism is { } p && p != ctx.Parallelism ? ctx.Options with { Parallelism = p } : ctx.Options;
        var scratch = new BuildContext(options, ctx.Output, ctx.CancellationToken) { Progress = ctx.Progress };
        foreach (var kv in ctx.Items) scratch.Items[kv.Key] = kv.Value;
        try
        {
            foreach (var m in modules)
            {
                ctx.CancellationToken.ThrowIfCancellationRequested();
                notes = m.Execute(notes, scratch);
            }
        }
        finally
        {
            foreach (var kv in scratch.Items) ctx.Items[kv.Key] = kv.Value;
            foreach (var kv in scratch.Timings) ctx.Timings.AddOrUpdate(kv.Key, kv.Value, (_, v) => v + kv.Value);
        }
        diagnostics = scratch.Diagnostics.All;
        return notes;
    }
}
