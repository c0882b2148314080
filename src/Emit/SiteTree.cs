using System.Collections.Immutable;
using Site.Core;
using Site.Normalize;
using Site.Read;
using Site.Render;

namespace Site.Emit;

/// <summary>A node of the site-wide topic tree: a folder/group, a note, or a section of a note.</summary>
public sealed record TreeNode
{
    public required string Title { get; init; }
    /// <summary>Site-relative URL ("notes/a/" or "notes/a/#id"); null for a group without a page.</summary>
    public string? Url { get; init; }
    public string Id { get; init; } = "";
    /// <summary>0 = group, 1 = note, 2+ = section level + 1.</summary>
    public int Level { get; init; }
    public string Kind { get; init; } = "note"; // group | note | section | topic
    public ImmutableArray<TreeNode> Children { get; init; } = ImmutableArray<TreeNode>.Empty;
}

/// <summary>
/// Builds the site tree once per build. A navigation file at the input root (docsify <c>_sidebar.md</c>,
/// GitBook/mdBook <c>SUMMARY.md</c>) gives the first part: its entries in order, with its labels. Every note
/// it does not list follows in the folder tree: folders as groups, notes under them (a folder's own
/// <c>_sidebar.md</c> puts the notes it lists first, in its order and with its labels). A folder's page
/// (<see cref="Permalinks.FolderPageRank"/>) is the folder's link, not a child of it, so every note
/// appears exactly once.
/// </summary>
public static class SiteTreeBuilder
{
    public static ImmutableArray<TreeNode> Build(ImmutableArray<Note> notes, int maxSectionDepth = 3) =>
        Build(notes, ImmutableArray<NavFile>.Empty, maxSectionDepth);

    /// <param name="warn">Told (path, line, message) about a navigation entry whose link finds no note.</param>
    public static ImmutableArray<TreeNode> Build(ImmutableArray<Note> notes, ImmutableArray<NavFile> navigation, int maxSectionDepth,
        Action<string, int, string>? warn = null)
    {
        var nav = navigation.IsDefault ? ImmutableArray<NavFile>.Empty : navigation;
        var targets = new LinkTargets(notes, ImmutableArray<string>.Empty);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var list = ImmutableArray.CreateBuilder<TreeNode>();
        if (nav.FirstOrDefault(f => f.Folder.Length == 0) is { } rootNav)
            list.AddRange(FromNav(rootNav, rootNav.Entries, targets, placed, maxSectionDepth, warn));
        if (warn is not null)
            foreach (var f in nav.Where(f => f.Folder.Length > 0))
                foreach (var e in Flatten(f.Entries))
                    if (Missing(targets, f, e)) warn(f.SourcePath, e.Line, $"sidebar link {e.Href} finds no note in the input folder");

        var root = new Group("", "");
        foreach (var n in notes)
        {
            if (placed.Contains(n.SourcePath)) continue;
            var dir = Path.GetDirectoryName(n.SourcePath)?.Replace('\\', '/') ?? "";
            var g = root;
            if (dir.Length > 0)
                foreach (var seg in dir.Split('/')) g = g.Child(seg);
            if (dir.Length > 0 && Permalinks.FolderPageUrl(n.SourcePath) == n.Url) g.Page = n;
            else g.Notes.Add(n);
        }
        var folderNavs = nav.Where(f => f.Folder.Length > 0).ToDictionary(f => f.Folder, StringComparer.Ordinal);
        list.AddRange(ToNodes(root, maxSectionDepth, folderNavs, targets, placed));
        return list.ToImmutable();
    }

    private static List<TreeNode> FromNav(NavFile file, ImmutableArray<NavEntry> entries, LinkTargets targets, HashSet<string> placed, int depth, Action<string, int, string>? warn)
    {
        var list = new List<TreeNode>();
        foreach (var e in entries)
        {
            var note = e.Href is null ? null : LinkResolver.NoteFor(targets, file.Folder, e.Href);
            if (warn is not null && Missing(targets, file, e)) warn(file.SourcePath, e.Line, $"sidebar link {e.Href} finds no note in the input folder");
            if (note is not null && !placed.Add(note.SourcePath)) note = null; // listed twice: the first entry wins
            var kids = FromNav(file, e.Children, targets, placed, depth, warn);
            var title = e.Title.Length > 0 ? e.Title : note?.Title ?? "";
            if (note is not null && kids.Count == 0) list.Add(NoteNode(note, depth) with { Title = title });
            else if (kids.Count > 0) list.Add(new TreeNode { Title = title, Url = note?.Url, Level = 0, Kind = "group", Children = kids.ToImmutableArray() });
        }
        return list;
    }

    public static TreeNode NoteNode(Note n, int maxSectionDepth)
    {
        // Sections nest by level: a section's children are the deeper sections after it, up to the next one
        // at its level or above (sections deeper than maxSectionDepth are left out and end nothing).
        var secs = n.Sections;
        var kids = ImmutableArray.CreateBuilder<TreeNode>();
        for (int i = 0; i < secs.Length;) i = SectionNode(n, secs, i, maxSectionDepth, kids);
        return new TreeNode { Title = n.Title, Url = n.Url, Level = 1, Kind = "note", Children = kids.DrainToImmutable() };
    }

    private static int SectionNode(Note n, ImmutableArray<Section> secs, int i, int depth, ImmutableArray<TreeNode>.Builder into)
    {
        var s = secs[i];
        if (s.Level > depth) return i + 1;
        ImmutableArray<TreeNode>.Builder? kids = null;
        int j = i + 1;
        while (j < secs.Length && (secs[j].Level > depth || secs[j].Level > s.Level))
        {
            if (secs[j].Level > depth) { j++; continue; }
            j = SectionNode(n, secs, j, depth, kids ??= ImmutableArray.CreateBuilder<TreeNode>());
        }
        into.Add(new TreeNode
        {
            Title = s.Title, Url = n.Url + "#" + s.Id, Id = s.Id, Level = s.Level + 1, Kind = "section",
            Children = kids is null ? ImmutableArray<TreeNode>.Empty : kids.DrainToImmutable(),
        });
        return j;
    }

    private sealed class Group(string name, string path)
    {
        public string Name { get; } = name;
        /// <summary>Input-relative folder path ("" = root).</summary>
        public string Path { get; } = path;
        public SortedDictionary<string, Group> Children { get; } = new(StringComparer.Ordinal);
        public List<Note> Notes { get; } = new();
        /// <summary>The folder's page (README.md …), linked from the folder's label.</summary>
        public Note? Page { get; set; }
        public Group Child(string n) => Children.TryGetValue(n, out var g) ? g : Children[n] = new Group(n, Path.Length == 0 ? n : Path + "/" + n);
    }

    private static ImmutableArray<TreeNode> ToNodes(Group g, int depth, Dictionary<string, NavFile> navs, LinkTargets targets, HashSet<string> placed)
    {
        var list = ImmutableArray.CreateBuilder<TreeNode>();
        var notes = g.Notes;
        if (navs.TryGetValue(g.Path, out var nav))
        {
            // The folder's own sidebar file: the notes of this folder it lists come first, in its order, with its labels.
            var mine = notes.ToHashSet();
            foreach (var (note, label) in Flatten(nav.Entries).Select(e => (note: LinkResolver.NoteFor(targets, nav.Folder, e.Href!), label: e.Title)))
                if (note is not null && mine.Remove(note)) list.Add(NoteNode(note, depth) with { Title = label.Length > 0 ? label : note.Title });
            notes = notes.Where(mine.Contains).ToList();
        }
        foreach (var c in g.Children.Values)
        {
            var kids = ToNodes(c, depth, navs, targets, placed);
            if (c.Page is { } page && kids.Length == 0) list.Add(NoteNode(page, depth)); // a folder holding only its page is that page
            else if (kids.Length > 0 || c.Page is not null)
                list.Add(new TreeNode { Title = c.Name, Url = c.Page?.Url, Level = 0, Kind = "group", Children = kids });
        }
        foreach (var n in notes.OrderBy(n => n.Title, StringComparer.Ordinal))
            list.Add(NoteNode(n, depth));
        return list.ToImmutable();
    }

    /// <summary>A link to a note (a .md path, a docsify path without extension, a folder) that finds none; links to other files and sites are not judged.</summary>
    private static bool Missing(LinkTargets targets, NavFile file, NavEntry e)
    {
        if (e.Href is not { Length: > 0 } href || LinkResolver.IsExternal(href) || href.StartsWith('#')) return false;
        var path = href.Split('#', '?')[0];
        var ext = Path.GetExtension(path.TrimEnd('/'));
        return (ext.Length == 0 || NoteFiles.IsNote(path)) && LinkResolver.NoteFor(targets, file.Folder, href) is null;
    }

    private static IEnumerable<NavEntry> Flatten(ImmutableArray<NavEntry> entries) =>
        entries.SelectMany(e => (e.Href is null ? Enumerable.Empty<NavEntry>() : new[] { e }).Concat(Flatten(e.Children)));
}
