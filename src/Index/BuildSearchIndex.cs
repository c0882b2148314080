using System.Collections.Immutable;
using System.Text;
using Markdig.Syntax;
using Site.Core;

namespace Site.Index;

/// <summary>One search document: a section of a note, or a note's intro (text before its first heading).</summary>
public sealed record SearchDoc(int NoteIndex, string NoteUrl, string NoteTitle, string SectionTitle, string Anchor,
    ImmutableArray<string> Ancestors, string Body, ImmutableArray<string> Tags);

/// <summary>The two files the browser loads: the lunr index and the display data.</summary>
public sealed record SearchIndexFiles(string IndexJson, string DocsJson, int DocumentCount);

/// <summary>
/// Builds the client-side search: one lunr document per section plus one per note for its intro.
/// Fields: title (section title, or the note title for the intro; boost 10), path (note title +
/// ancestor section titles; boost 4), body (section text; boost 1), tags (boost 3). The ref is the
/// document's position in docs.json. Writes <c>search/index.json</c> and <c>search/docs.json</c>
/// (format in theme/search/search-core.mjs). Notes pass through unchanged.
/// </summary>
public sealed class BuildSearchIndex : IModule
{
    /// <summary>
    /// Body characters kept per document in docs.json for result snippets. docs.json is downloaded in
    /// full on first search, so it grows with every character kept: 300 keeps it at roughly a third of
    /// the index size for typical notes, at the price that a match deep inside a long section shows
    /// the section's opening instead of the matched passage (the link still highlights it on the page).
    /// </summary>
    public const int ExcerptLength = 300;

    public string Name => nameof(BuildSearchIndex);

    public static readonly (string Name, double Boost)[] FieldBoosts =
        { ("title", 10), ("path", 4), ("body", 1), ("tags", 3) };

    public ImmutableArray<Note> Execute(ImmutableArray<Note> notes, BuildContext ctx)
    {
        var files = Build(notes);
        ctx.Output.WriteText("search/index.json", files.IndexJson);
        ctx.Output.WriteText("search/docs.json", files.DocsJson);
        ctx.Items["search.documents"] = files.DocumentCount;
        return notes;
    }

    /// <summary>The search documents of a site, in ref order (notes by URL, then sections in page order).</summary>
    public static List<SearchDoc> Documents(IEnumerable<Note> notes)
    {
        var docs = new List<SearchDoc>();
        int noteIndex = 0;
        foreach (var note in notes.OrderBy(n => n.Url, StringComparer.Ordinal).ThenBy(n => n.SourcePath, StringComparer.Ordinal))
        {
            var tags = note.Meta.Tags.IsDefault ? ImmutableArray<string>.Empty : note.Meta.Tags;
            var sections = note.Sections.IsDefault ? ImmutableArray<Site.Normalize.Section>.Empty : note.Sections;
            // a Normalize stage may model the intro as a level-0 / id-less section; otherwise read it from the AST
            var intro = sections.FirstOrDefault(s => s.Level <= 0 || (s.Id.Length == 0 && s.Title.Length == 0));
            var introText = intro?.Text ?? note.Intro ?? IntroText(note);
            docs.Add(new SearchDoc(noteIndex, note.Url, note.Title, "", "", ImmutableArray<string>.Empty, introText, tags));
            foreach (var s in sections)
            {
                if (ReferenceEquals(s, intro)) continue;
                var ancestors = s.Path.IsDefault ? ImmutableArray<string>.Empty : s.Path;
                docs.Add(new SearchDoc(noteIndex, note.Url, note.Title, s.Title, s.Id, ancestors, s.Text, tags));
            }
            noteIndex++;
        }
        return docs;
    }

    public static SearchIndexFiles Build(IEnumerable<Note> notes) => Build(Documents(notes));

    public static SearchIndexFiles Build(IReadOnlyList<SearchDoc> docs)
    {
        var builder = new LunrIndexBuilder();
        foreach (var (name, boost) in FieldBoosts) builder.Field(name, boost);
        for (int i = 0; i < docs.Count; i++)
        {
            var d = docs[i];
            var title = d.Anchor.Length == 0 && d.SectionTitle.Length == 0 ? d.NoteTitle : d.SectionTitle;
            var path = d.Anchor.Length == 0 && d.SectionTitle.Length == 0 ? "" : string.Join(" / ", d.Ancestors.Prepend(d.NoteTitle));
            builder.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture), new Dictionary<string, string?>
            {
                ["title"] = title,
                ["path"] = path,
                ["body"] = d.Body,
                ["tags"] = string.Join(" ", d.Tags),
            });
        }
        return new SearchIndexFiles(builder.Build().ToJson(), DocsJson(docs), docs.Count);
    }

    /// <summary>docs.json: {"v":1,"notes":[[url,title],…],"docs":[[note,sectionTitle,anchor,[ancestors…],excerpt],…]}.</summary>
    public static string DocsJson(IReadOnlyList<SearchDoc> docs)
    {
        var sb = new StringBuilder(docs.Count * 200);
        sb.Append("{\"v\":1,\"notes\":[");
        int lastNote = -1;
        foreach (var d in docs)
        {
            if (d.NoteIndex == lastNote) continue;
            if (lastNote >= 0) sb.Append(',');
            lastNote = d.NoteIndex;
            sb.Append('[');
            JsCompat.AppendJsonString(sb, d.NoteUrl);
            sb.Append(',');
            JsCompat.AppendJsonString(sb, d.NoteTitle);
            sb.Append(']');
        }
        sb.Append("],\"docs\":[");
        for (int i = 0; i < docs.Count; i++)
        {
            var d = docs[i];
            if (i > 0) sb.Append(',');
            sb.Append('[').Append(d.NoteIndex).Append(',');
            JsCompat.AppendJsonString(sb, d.SectionTitle);
            sb.Append(',');
            JsCompat.AppendJsonString(sb, d.Anchor);
            sb.Append(",[");
            for (int j = 0; j < d.Ancestors.Length; j++)
            {
                if (j > 0) sb.Append(',');
                JsCompat.AppendJsonString(sb, d.Ancestors[j]);
            }
            sb.Append("],");
            JsCompat.AppendJsonString(sb, Excerpt(d.Body, ExcerptLength));
            sb.Append(']');
        }
        sb.Append("]}");
        return sb.ToString();
    }

    /// <summary>Whitespace collapsed, cut to at most <paramref name="max"/> UTF-16 units without splitting a surrogate pair.</summary>
    public static string Excerpt(string? text, int max)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(Math.Min(text.Length, max + 1));
        bool space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(c);
            if (sb.Length >= max + 1) break;
        }
        if (sb.Length <= max) return sb.ToString();
        int cut = max;
        if (char.IsLowSurrogate(sb[cut])) cut--;
        return sb.ToString(0, cut);
    }

    /// <summary>Plain text (math as TeX) of the blocks before the note's first heading, as Normalize computes section text.</summary>
    public static string IntroText(Note note)
    {
        var sb = new StringBuilder();
        if (note.Ast is { } ast)
        {
            foreach (var block in ast)
            {
                if (block is HeadingBlock) break;
                sb.Append(Site.Normalize.MarkdownText.Block(block)).Append(' ');
            }
            return Site.Normalize.MarkdownText.Collapse(sb.ToString());
        }
        foreach (var line in note.Body.Split('\n'))
        {
            if (line.TrimStart().StartsWith('#')) break;
            sb.Append(line).Append('\n');
        }
        return Site.Normalize.MarkdownText.Collapse(sb.ToString());
    }
}
