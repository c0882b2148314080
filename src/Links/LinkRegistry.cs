using System.Collections.Immutable;
using System.Text;

namespace Site.Links;

/// <summary>A section as the registry remembers it: its share id, anchor, text sketch and title.</summary>
public sealed record RegisteredSection(string ShareId, string Anchor, string Sketch, string Title);

/// <summary>A note as the registry remembers it: URL (site-relative, "" = home), a hash of its file's text (an unchanged
/// note is not sketched again), sketch of its text, source path, title, sections in order.</summary>
public sealed record RegisteredNote(string Url, string TextHash, string Sketch, string Source, string Title, ImmutableArray<RegisteredSection> Sections);

/// <summary>Where an old share id leads: a live section (<see cref="ShareId"/>), or nothing (removed) with the note it was in
/// (<see cref="NoteUrl"/>, null when the note is gone too) and its last title.</summary>
public sealed record MovedShare(string? ShareId, string? NoteUrl, string Title);

/// <summary>
/// The link registry (<c>input/.kbsite/links.tsv</c>): every note URL, share id and anchor the site has
/// published and where each leads now. The build reads it, matches its sections to the current ones
/// (<see cref="MatchLinks"/>) and writes the next version; emit reads only this record, so the output
/// depends on the notes and this file alone (no cache, no git history).
/// </summary>
public sealed record LinkRegistry
{
    public ImmutableArray<RegisteredNote> Notes { get; init; } = ImmutableArray<RegisteredNote>.Empty;
    /// <summary>Old note URL → the note's URL now.</summary>
    public ImmutableSortedDictionary<string, string> MovedNotes { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);
    /// <summary>Old share id → where it leads now.</summary>
    public ImmutableSortedDictionary<string, MovedShare> MovedShares { get; init; } = ImmutableSortedDictionary.Create<string, MovedShare>(StringComparer.Ordinal);
    /// <summary>Note URL → (old anchor → current anchor, or "url#anchor" in another note).</summary>
    public ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, string>> MovedAnchors { get; init; } =
        ImmutableSortedDictionary.Create<string, ImmutableSortedDictionary<string, string>>(StringComparer.Ordinal);

    public static LinkRegistry Empty { get; } = new();

    public bool IsEmpty => Notes.IsEmpty && MovedNotes.IsEmpty && MovedShares.IsEmpty && MovedAnchors.IsEmpty;

    /// <summary>Whether both publish the same pages: the same notes, section ids, anchors and titles, and the same old ids
    /// (text sketches may differ: they only matter to the next match).</summary>
    public bool SamePublished(LinkRegistry other)
    {
        static string Shape(LinkRegistry r)
        {
            var sb = new StringBuilder();
            foreach (var n in r.Notes)
            {
                sb.Append(n.Url).Append('\t').Append(n.Title).Append('\n');
                foreach (var s in n.Sections) sb.Append(s.ShareId).Append('\t').Append(s.Anchor).Append('\t').Append(s.Title).Append('\n');
            }
            return sb.ToString();
        }
        return Shape(this) == Shape(other)
            && MovedNotes.SequenceEqual(other.MovedNotes) && MovedShares.SequenceEqual(other.MovedShares)
            && MovedAnchors.Count == other.MovedAnchors.Count
            && MovedAnchors.Zip(other.MovedAnchors).All(p => p.First.Key == p.Second.Key && p.First.Value.SequenceEqual(p.Second.Value));
    }

    public const string Header =
        "# Links that last: every note URL, share id and anchor this site has published, and where it leads now.\n" +
        "# Written by the build; commit it with the notes (--strict fails when it is out of date). See README.\n";

    /// <summary>The file's text: tab-separated, one line per note, section and moved id; sorted, so diffs show only what changed.</summary>
    public string Format()
    {
        var sb = new StringBuilder(Header);
        foreach (var n in Notes.OrderBy(n => n.Url, StringComparer.Ordinal))
        {
            Line(sb, "note", U(n.Url), Dash(n.TextHash), Dash(n.Sketch), n.Source, n.Title);
            foreach (var s in n.Sections) Line(sb, "section", s.ShareId, s.Anchor, Dash(s.Sketch), s.Title);
        }
        foreach (var (from, to) in MovedNotes) Line(sb, "moved-note", U(from), U(to));
        foreach (var (id, m) in MovedShares)
            Line(sb, "moved-share", id, m.ShareId ?? "-", m.NoteUrl is null ? "-" : U(m.NoteUrl), m.ShareId is null ? m.Title : "");
        foreach (var (url, map) in MovedAnchors)
            foreach (var (from, to) in map) Line(sb, "moved-anchor", U(url), from, to.Contains('#') ? U(to) : to);
        return sb.ToString();
    }

    private static string U(string url) => "/" + url;
    private static string Dash(string s) => s.Length == 0 ? "-" : s;

    private static void Line(StringBuilder sb, params string[] fields)
    {
        for (int i = 0; i < fields.Length; i++)
        {
            if (i > 0) sb.Append('\t');
            foreach (var ch in fields[i]) sb.Append(ch is '\t' or '\n' or '\r' ? ' ' : ch);
        }
        // No trailing empty field: a removed-section title is the only optional one.
        while (sb.Length > 0 && sb[^1] == '\t') sb.Length--;
        sb.Append('\n');
    }

    /// <summary>Reads the file's text; a malformed line is reported through <paramref name="problem"/> (line, message) and skipped.</summary>
    public static LinkRegistry Parse(string text, Action<int, string> problem)
    {
        var notes = new List<RegisteredNote>();
        string? url = null, hash = null, sketch = null, source = null, title = null;
        var sections = ImmutableArray.CreateBuilder<RegisteredSection>();
        var movedNotes = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var movedShares = ImmutableSortedDictionary.CreateBuilder<string, MovedShare>(StringComparer.Ordinal);
        var anchors = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        void EndNote()
        {
            if (url is not null) notes.Add(new RegisteredNote(url, hash!, sketch!, source!, title!, sections.ToImmutable()));
            url = null; sections.Clear();
        }
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var f = line.Split('\t');
            string? Url(string s) => s == "-" ? null : s.StartsWith('/') ? s[1..] : null;
            string Sk(string s) => s == "-" ? "" : s;
            switch (f[0])
            {
                case "note" when f.Length >= 6 && Url(f[1]) is { } u:
                    EndNote();
                    (url, hash, sketch, source, title) = (u, Sk(f[2]), Sk(f[3]), f[4], f[5]);
                    break;
                case "section" when f.Length >= 5 && url is not null:
                    sections.Add(new RegisteredSection(f[1], f[2], Sk(f[3]), f[4]));
                    break;
                case "moved-note" when f.Length >= 3 && Url(f[1]) is { } from && Url(f[2]) is { } to:
                    movedNotes[from] = to;
                    break;
                case "moved-share" when f.Length >= 4 && f[1].Length > 0:
                    movedShares[f[1]] = new MovedShare(f[2] == "-" ? null : f[2], Url(f[3]), f.Length > 4 ? f[4] : "");
                    break;
                case "moved-anchor" when f.Length >= 4 && Url(f[1]) is { } page && f[2].Length > 0 && f[3].Length > 0:
                    if (!anchors.TryGetValue(page, out var map)) anchors[page] = map = new SortedDictionary<string, string>(StringComparer.Ordinal);
                    map[f[2]] = f[3].StartsWith('/') ? f[3][1..] : f[3];
                    break;
                default:
                    problem(i + 1, $"link registry: line not understood (\"{(line.Length > 60 ? line[..60] + "…" : line)}\"); it is dropped when the registry is next written");
                    break;
            }
        }
        EndNote();
        return new LinkRegistry
        {
            Notes = notes.ToImmutableArray(),
            MovedNotes = movedNotes.ToImmutable(),
            MovedShares = movedShares.ToImmutable(),
            MovedAnchors = anchors.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value.ToImmutableSortedDictionary(StringComparer.Ordinal), StringComparer.Ordinal),
        };
    }
}
