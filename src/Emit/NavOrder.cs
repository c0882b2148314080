using System.Collections.Immutable;

namespace Site.Emit;

/// <summary>
/// site.yml <c>nav:</c> — the top-level folders it names come first in the sidebar, in its order; every other
/// entry follows in the order the tree builder gave it. Names that match no top-level folder change nothing.
/// </summary>
public static class NavOrder
{
    public static ImmutableArray<TreeNode> Apply(ImmutableArray<TreeNode> tree, IReadOnlyList<string> nav)
    {
        if (nav.Count == 0) return tree;
        int Rank(TreeNode n)
        {
            if (n.Kind != "group") return nav.Count;
            for (int i = 0; i < nav.Count; i++) if (nav[i] == n.Title) return i;
            return nav.Count;
        }
        return tree.Select((n, i) => (n, i)).OrderBy(x => Rank(x.n)).ThenBy(x => x.i).Select(x => x.n).ToImmutableArray();
    }
}
