using System.Collections.Immutable;
using Site.Core;
using Site.Normalize;

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

/// <summary>Builds the site tree once per build: folders as groups, notes under them, each note's outline.</summary>
public static class SiteTreeBuilder
{
    public static ImmutableArray<TreeNode> Build(ImmutableArray<Note> notes, int maxSectionDepth = 3)
    {
        var root = new Group("");
        foreach (var n in notes)
        {
            var dir = Path.GetDirectoryName(n.SourcePath)?.Replace('\\', '/') ?? "";
            var g = root;
            if (dir.Length > 0)
                foreach (var seg in dir.Split('/')) g = g.Child(seg);
            g.Notes.Add(n);
        }
        return ToNodes(root, maxSectionDepth);
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

    private sealed class Group(string name)
    {
        public string Name { get; } = name;
        public SortedDictionary<string, Group> Children { get; } = new(StringComparer.Ordinal);
        public List<Note> Notes { get; } = new();
        public Group Child(string n) => Children.TryGetValue(n, out var g) ? g : Children[n] = new Group(n);
    }

    private static ImmutableArray<TreeNode> ToNodes(Group g, int depth)
    {
        var list = ImmutableArray.CreateBuilder<TreeNode>();
        foreach (var c in g.Children.Values)
            list.Add(new TreeNode { Title = c.Name, Level = 0, Kind = "group", Children = ToNodes(c, depth) });
        foreach (var n in g.Notes.OrderBy(n => n.Title, StringComparer.Ordinal))
            list.Add(NoteNode(n, depth));
        return list.ToImmutable();
    }
}
