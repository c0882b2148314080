using System.Collections.Immutable;

namespace Site.Links;

/// <summary>A match the registry could not decide: reported as a warning against a note (and a section of it, by share id).</summary>
public sealed record LinkWarning(string Source, string? ShareId, string Message);

/// <summary>
/// Carries the registry from the last build to this one: matches the notes and sections it remembers to
/// the current ones and keeps every old note URL, share id and anchor pointing at where its section is now.
/// Rules (README "Links that last"):
/// <list type="bullet">
/// <item>Notes: same URL; else same source file (permalink changed); else the most similar new note
///   (text sketch, title, shared section titles) scoring at least <see cref="NoteThreshold"/>.</item>
/// <item>Sections: same share id; else, among the unclaimed new sections of the matched note, the best of
///   body similarity, title similarity and position scoring at least <see cref="SectionThreshold"/>; a section
///   split in two goes to its first part; elsewhere in the site only with a nearly identical body.</item>
/// <item>Two candidates within <see cref="Margin"/> of each other are ambiguous: a warning, and the old id
///   leads to the note (never a guess). Editing the moved-share line settles it by hand.</item>
/// </list>
/// The result is a fixpoint: matching the output against the same notes again changes nothing.
/// </summary>
public static class MatchLinks
{
    public const double NoteThreshold = 0.5, SectionThreshold = 0.45, Margin = 0.05, CrossNoteBody = 0.6, SplitContainment = 0.8;

    public static LinkRegistry Update(LinkRegistry prev, ImmutableArray<RegisteredNote> current, List<LinkWarning> warnings)
    {
        var curByUrl = current.ToDictionary(n => n.Url, StringComparer.Ordinal);
        var noteMap = MatchNotes(prev, current, curByUrl, warnings);
        var secMap = MatchSections(prev, current, noteMap, warnings);

        // Where a section of the previous registry is now: (note url, section) or removed.
        var prevSection = new Dictionary<string, (RegisteredNote Note, RegisteredSection Sec)>(StringComparer.Ordinal);
        foreach (var n in prev.Notes) foreach (var s in n.Sections) prevSection.TryAdd(s.ShareId, (n, s));
        var curSection = new Dictionary<string, (RegisteredNote Note, RegisteredSection Sec)>(StringComparer.Ordinal);
        foreach (var n in current) foreach (var s in n.Sections) curSection.TryAdd(s.ShareId, (n, s));
        (RegisteredNote Note, RegisteredSection Sec)? Now(string prevShareId) =>
            secMap.TryGetValue(prevShareId, out var id) && id is not null && curSection.TryGetValue(id, out var c) ? c : null;
        string? NoteNow(string? prevUrl) => prevUrl is not null && noteMap.TryGetValue(prevUrl, out var u) ? u : null;

        // Old note URLs.
        var movedNotes = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (from, to) in prev.MovedNotes)
            if (NoteNow(to) is { } t) movedNotes[from] = t;
        foreach (var n in prev.Notes)
            if (NoteNow(n.Url) is { } t && t != n.Url) movedNotes[n.Url] = t;
        foreach (var u in curByUrl.Keys) movedNotes.Remove(u);
        foreach (var k in movedNotes.Keys.ToList()) if (movedNotes[k] == k) movedNotes.Remove(k);

        // Old share ids.
        MovedShare Target(RegisteredNote note, RegisteredSection s) =>
            Now(s.ShareId) is { } c ? new MovedShare(c.Sec.ShareId, c.Note.Url, "") : new MovedShare(null, NoteNow(note.Url), s.Title);
        var movedShares = ImmutableSortedDictionary.CreateBuilder<string, MovedShare>(StringComparer.Ordinal);
        foreach (var (id, m) in prev.MovedShares)
        {
            if (m.ShareId is not null && prevSection.TryGetValue(m.ShareId, out var p)) movedShares[id] = Target(p.Note, p.Sec);
            else if (m.ShareId is not null && curSection.TryGetValue(m.ShareId, out var c)) movedShares[id] = new MovedShare(c.Sec.ShareId, c.Note.Url, "");
            else movedShares[id] = new MovedShare(null, NoteNow(m.NoteUrl), m.Title);
        }
        foreach (var n in prev.Notes)
            foreach (var s in n.Sections)
                if (!curSection.ContainsKey(s.ShareId)) movedShares[s.ShareId] = Target(n, s);
        foreach (var id in curSection.Keys) movedShares.Remove(id);
        foreach (var k in movedShares.Keys.ToList())
            if (movedShares[k] is { ShareId: not null } m) movedShares[k] = m with { NoteUrl = null }; // the section knows its note

        // Old anchors: keyed by the page the reader lands on (the note's URL now).
        var anchors = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        var prevByUrl = prev.Notes.ToDictionary(n => n.Url, StringComparer.Ordinal);
        void Anchor(string page, string from, RegisteredNote? note, RegisteredSection s)
        {
            if (Now(s.ShareId) is not { } c) return;
            var to = c.Note.Url == page ? c.Sec.Anchor : c.Note.Url + "#" + c.Sec.Anchor;
            if (to == from) return;
            if (curByUrl.TryGetValue(page, out var live) && live.Sections.Any(x => x.Anchor == from)) return; // a live anchor wins
            if (!anchors.TryGetValue(page, out var map)) anchors[page] = map = new SortedDictionary<string, string>(StringComparer.Ordinal);
            map[from] = to;
        }
        foreach (var (url, map) in prev.MovedAnchors)
        {
            if (NoteNow(url) is not { } page) continue;
            foreach (var (from, to) in map)
            {
                var hash = to.IndexOf('#');
                var (tu, ta) = hash < 0 ? (url, to) : (to[..hash], to[(hash + 1)..]);
                if (prevByUrl.TryGetValue(tu, out var tn) && tn.Sections.FirstOrDefault(x => x.Anchor == ta) is { } ts) Anchor(page, from, tn, ts);
            }
        }
        foreach (var n in prev.Notes)
            if (NoteNow(n.Url) is { } page)
                foreach (var s in n.Sections) Anchor(page, s.Anchor, n, s);

        return new LinkRegistry
        {
            Notes = current,
            MovedNotes = movedNotes.ToImmutable(),
            MovedShares = movedShares.ToImmutable(),
            MovedAnchors = anchors.Where(kv => kv.Value.Count > 0)
                .ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value.ToImmutableSortedDictionary(StringComparer.Ordinal), StringComparer.Ordinal),
        };
    }

    /// <summary>Previous note URL → current URL (absent: the note is gone).</summary>
    private static Dictionary<string, string> MatchNotes(LinkRegistry prev, ImmutableArray<RegisteredNote> current,
        Dictionary<string, RegisteredNote> curByUrl, List<LinkWarning> warnings)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var prevUrls = prev.Notes.Select(n => n.Url).ToHashSet(StringComparer.Ordinal);
        var fresh = current.Where(n => !prevUrls.Contains(n.Url)).ToList();
        var orphans = new List<RegisteredNote>();
        foreach (var n in prev.Notes)
        {
            if (curByUrl.ContainsKey(n.Url)) map[n.Url] = n.Url;
            else if (fresh.FirstOrDefault(f => f.Source == n.Source) is { } same) { map[n.Url] = same.Url; fresh.Remove(same); } // permalink changed
            else orphans.Add(n);
        }
        foreach (var o in orphans)
        {
            var ranked = fresh.Select(f => (f, score: NoteScore(o, f))).Where(x => x.score >= NoteThreshold).OrderByDescending(x => x.score).ToList();
            if (ranked.Count == 0) continue;
            if (ranked.Count > 1 && ranked[0].score - ranked[1].score < Margin)
            {
                warnings.Add(new LinkWarning(ranked[0].f.Source, null,
                    $"link registry: note /{o.Url} ({o.Source}) could have become /{ranked[0].f.Url} or /{ranked[1].f.Url}; its old links are not redirected (edit its moved-note line in .kbsite/links.tsv to choose)"));
                continue;
            }
            map[o.Url] = ranked[0].f.Url;
            fresh.Remove(ranked[0].f);
        }
        return map;
    }

    private static double NoteScore(RegisteredNote o, RegisteredNote n)
    {
        var titles = n.Sections.Select(s => s.Title).ToList();
        var shared = o.Sections.Length == 0 ? 0 : (double)o.Sections.Count(s => titles.Remove(s.Title)) / Math.Max(o.Sections.Length, n.Sections.Length);
        return 0.5 * LinkSketch.Jaccard(o.Sketch, n.Sketch) + 0.25 * LinkSketch.TitleSimilarity(o.Title, n.Title) + 0.25 * shared;
    }

    /// <summary>Previous share id → current share id (null: removed, or ambiguous).</summary>
    private static Dictionary<string, string?> MatchSections(LinkRegistry prev, ImmutableArray<RegisteredNote> current,
        Dictionary<string, string> noteMap, List<LinkWarning> warnings)
    {
        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        var curIds = current.SelectMany(n => n.Sections).Select(s => s.ShareId).ToHashSet(StringComparer.Ordinal);
        var prevIds = prev.Notes.SelectMany(n => n.Sections).Select(s => s.ShareId).ToHashSet(StringComparer.Ordinal);
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var curByUrl = current.ToDictionary(n => n.Url, StringComparer.Ordinal);
        var leftOver = new List<(RegisteredNote Note, int Index)>();
        foreach (var o in prev.Notes)
        {
            RegisteredNote? n = noteMap.TryGetValue(o.Url, out var u) && curByUrl.TryGetValue(u, out var cn) ? cn : null;
            for (int i = 0; i < o.Sections.Length; i++)
            {
                var s = o.Sections[i];
                if (curIds.Contains(s.ShareId)) { map[s.ShareId] = s.ShareId; continue; }
                if (n is null) { leftOver.Add((o, i)); continue; }
                var candidates = new List<(RegisteredNote Note, int Index, double Score)>();
                for (int j = 0; j < n.Sections.Length; j++)
                {
                    var c = n.Sections[j];
                    if (prevIds.Contains(c.ShareId) || claimed.Contains(c.ShareId)) continue;
                    if (SectionScore(o, i, n, j) is { } sc) candidates.Add((n, j, sc));
                }
                if (Pick(o, i, candidates, warnings) is { } pick) { map[s.ShareId] = pick; claimed.Add(pick); }
                else if (candidates.Count == 0) leftOver.Add((o, i));
                else map[s.ShareId] = null;
            }
        }
        // Sections that left their note: only a nearly identical body elsewhere.
        foreach (var (o, i) in leftOver)
        {
            var s = o.Sections[i];
            var candidates = new List<(RegisteredNote Note, int Index, double Score)>();
            foreach (var n in current)
                for (int j = 0; j < n.Sections.Length; j++)
                {
                    var c = n.Sections[j];
                    if (prevIds.Contains(c.ShareId) || claimed.Contains(c.ShareId)) continue;
                    var body = LinkSketch.Jaccard(s.Sketch, c.Sketch);
                    if (body >= CrossNoteBody) candidates.Add((n, j, 0.8 * body + 0.2 * LinkSketch.TitleSimilarity(s.Title, c.Title)));
                }
            var pick = Pick(o, i, candidates, warnings);
            map[s.ShareId] = pick;
            if (pick is not null) claimed.Add(pick);
        }
        return map;
    }

    /// <summary>Body, title and position similarity of old section i of <paramref name="o"/> and new section j of <paramref name="n"/>; null when they are not alike enough.</summary>
    private static double? SectionScore(RegisteredNote o, int i, RegisteredNote n, int j)
    {
        RegisteredSection s = o.Sections[i], c = n.Sections[j];
        double Rel(int k, int count) => count <= 1 ? 0 : (double)k / (count - 1);
        var pos = 1 - Math.Abs(Rel(i, o.Sections.Length) - Rel(j, n.Sections.Length));
        var title = LinkSketch.TitleSimilarity(s.Title, c.Title);
        double score;
        if (s.Sketch.Length > 0 && c.Sketch.Length > 0)
        {
            var body = Math.Max(LinkSketch.Jaccard(s.Sketch, c.Sketch), IsPart(c, s) ? 0.7 : 0);
            if (body < 0.2 && title < 0.5) return null;
            score = 0.55 * body + 0.3 * title + 0.15 * pos;
        }
        else
        {
            if (title < 0.5) return null;
            score = 0.75 * title + 0.25 * pos;
        }
        return score >= SectionThreshold ? score : null;
    }

    /// <summary>Whether new section <paramref name="c"/> is mostly text of old section <paramref name="s"/> (one part of a split).</summary>
    private static bool IsPart(RegisteredSection c, RegisteredSection s) =>
        c.Sketch.Length > 0 && s.Sketch.Length > 0 && LinkSketch.Containment(c.Sketch, s.Sketch) >= SplitContainment;

    private static string? Pick(RegisteredNote o, int i, List<(RegisteredNote Note, int Index, double Score)> candidates, List<LinkWarning> warnings)
    {
        if (candidates.Count == 0) return null;
        var ranked = candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Index).ToList();
        var best = ranked[0];
        var s = o.Sections[i];
        // A section split in two or more: its parts follow each other and hold its text; old links go to the first part.
        var parts = ranked.Where(c => c.Note == best.Note && IsPart(c.Note.Sections[c.Index], s)).OrderBy(c => c.Index).ToList();
        if (parts.Count >= 2 && parts.Contains(best) && parts.Zip(parts.Skip(1)).All(p => p.Second.Index - p.First.Index == 1))
            return parts[0].Note.Sections[parts[0].Index].ShareId;
        if (ranked.Count == 1 || best.Score - ranked[1].Score >= Margin) return best.Note.Sections[best.Index].ShareId;
        var second = ranked[1];
        warnings.Add(new LinkWarning(best.Note.Source, best.Note.Sections[best.Index].ShareId,
            $"link registry: old section \"{s.Title}\" (/{o.Url}, share id {s.ShareId}) could be \"{best.Note.Sections[best.Index].Title}\" or \"{second.Note.Sections[second.Index].Title}\"; " +
            $"its old links now lead to the note (edit its moved-share line in .kbsite/links.tsv to choose)"));
        return null;
    }
}
