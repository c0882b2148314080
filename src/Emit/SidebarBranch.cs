using System.Collections.Immutable;
using Site.Core;

namespace Site.Emit;

/// <summary>
/// The sidebar of a big site, in two parts. Shared (<c>sidebar.html</c>, fetched once and cached): the groups and
/// notes only (<see cref="Outline"/>), a line a note. Inline on each page (<see cref="Of"/>): the page's branch —
/// its ancestor groups (open), its siblings around it and the note itself open with its sections — so the sidebar
/// works before and without the fetch. The page script grafts the inline note (with its sections) into the fetched
/// tree. Reads <see cref="SiteModel.Tree"/>; the paths to every note are indexed once per <see cref="SiteModel"/>.
/// </summary>
public static class SidebarBranch
{
    /// <summary>Siblings shown on each side of the current entry (the rest come with the fetched tree).</summary>
    public const int SiblingWindow = 6;
    /// <summary>Section depth of the current note in its branch (as its page's table of contents).</summary>
    public const int SectionDepth = 3;

    /// <summary>Groups and notes of <paramref name="nodes"/> without sections: groups keep their entries, notes are leaves.</summary>
    public static IReadOnlyList<SidebarNode> Outline(IReadOnlyList<TreeNode> nodes, SiteModel site)
    {
        var list = new List<SidebarNode>(nodes.Count);
        foreach (var n in nodes)
        {
            if (n.Kind == "section") continue;
            var kids = n.Kind == "note" ? Array.Empty<SidebarNode>() : Outline(n.Children, site);
            list.Add(SidebarNode.From(n with { Children = ImmutableArray<TreeNode>.Empty }, site) with { Children = kids });
        }
        return list;
    }

    /// <summary>The inline branch of <paramref name="note"/>'s page (a one-element list: the outermost ancestor, or
    /// the note's level when it sits at the top).</summary>
    public static IReadOnlyList<SidebarNode> Of(Note note, SiteModel site)
    {
        // Its sections link by anchor alone: the branch is only ever on the note's own page (also once grafted into the fetched tree).
        var current = SidebarNode.OfNote(note, SectionDepth, site, onItsPage: true) with { Open = true };
        if (!site.TreePaths.TryGetValue(note.Url, out var path)) return new[] { current };
        // path: ancestors (groups) from the top, then the entry itself; its level is the last ancestor's children.
        var entry = path[^1];
        if (entry.Kind == "group") // a folder's page: the folder, open, with its notes and sub-folders
            current = current with { Kind = "group", Children = Outline(entry.Children, site).Select(c => c with { Children = Array.Empty<SidebarNode>() }).ToArray() };
        var level = path.Length > 1 ? path[^2].Children : site.Tree;
        var at = level.IndexOf(entry);
        int from = Math.Max(0, at - SiblingWindow), to = Math.Min(level.Length, at + SiblingWindow + 1);
        var items = new List<SidebarNode>(to - from);
        for (int i = from; i < to; i++)
        {
            var s = level[i];
            if (s.Kind == "section") continue;
            items.Add(i == at ? current : SidebarNode.From(s with { Children = ImmutableArray<TreeNode>.Empty }, site) with { Open = false });
        }
        IReadOnlyList<SidebarNode> branch = items;
        for (int k = path.Length - 2; k >= 0; k--)
            branch = new[] { SidebarNode.From(path[k] with { Children = ImmutableArray<TreeNode>.Empty }, site) with { Open = true, Children = branch } };
        return branch;
    }

    /// <summary>URL → the nodes from the top of <paramref name="tree"/> down to the entry with that URL (a note, or a group with a page).</summary>
    public static Dictionary<string, TreeNode[]> Paths(ImmutableArray<TreeNode> tree)
    {
        var paths = new Dictionary<string, TreeNode[]>(StringComparer.Ordinal);
        var stack = new List<TreeNode>();
        void Walk(ImmutableArray<TreeNode> nodes)
        {
            foreach (var n in nodes)
            {
                if (n.Kind is not ("group" or "note")) continue;
                stack.Add(n);
                if (n.Url is not null) paths.TryAdd(n.Url, stack.ToArray());
                if (n.Kind == "group") Walk(n.Children);
                stack.RemoveAt(stack.Count - 1);
            }
        }
        Walk(tree);
        return paths;
    }
}
