using System.Collections.Immutable;
using Site.Core;

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
        // Sections nest by level: build the outline with a stack.
        var rootKids = new List<TreeNode>();
        var stack = new Stack<(int level, List<TreeNode> kids, TreeNode node)>();
        var built = new Dictionary<TreeNode, List<TreeNode>>(ReferenceEqualityComparer.Instance);
        foreach (var s in n.Sections.Where(s => s.Level <= maxSectionDepth))
        {
            var node = new TreeNode { Title = s.Title, Url = n.Url + "#" + s.Id, Id = s.Id, Level = s.Level + 1, Kind = "section" };
            built[node] = new List<TreeNode>();
            while (stack.Count > 0 && stack.Peek().level >= s.Level) stack.Pop();
            if (stack.Count == 0) rootKids.Add(node); else built[stack.Peek().node].Add(node);
            stack.Push((s.Level, built[node], node));
        }
        TreeNode Freeze(TreeNode t) => t with { Children = built[t].Select(Freeze).ToImmutableArray() };
        return new TreeNode { Title = n.Title, Url = n.Url, Level = 1, Kind = "note", Children = rootKids.Select(Freeze).ToImmutableArray() };
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
