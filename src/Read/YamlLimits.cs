using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Site.Read;

/// <summary>
/// Bounds on one front-matter block, checked on YamlDotNet's event stream before any node is built, so an
/// alias bomb ("billion laughs": each anchor a list of ten aliases of the one before) or a self-referencing
/// anchor is refused in time and memory linear in the block's size instead of expanding without end.
/// </summary>
public static class YamlLimits
{
    /// <summary>Front matter longer than this is refused (real front matter is a few hundred bytes).</summary>
    public const int MaxChars = 64 * 1024;
    /// <summary>Aliases (<c>*name</c>) in one block.</summary>
    public const int MaxAliases = 100;
    /// <summary>Nested lists and maps.</summary>
    public const int MaxDepth = 32;
    /// <summary>Size of the block with every alias expanded: nodes plus scalar characters.</summary>
    public const long MaxExpandedSize = 256 * 1024;

    /// <summary>Null when the block is within bounds, else why not; <paramref name="line"/> is the 1-based line in the block.</summary>
    public static string? Check(string yaml, out int line)
    {
        line = 1;
        if (yaml.Length > MaxChars)
            return $"front matter is {yaml.Length / 1024} KB, over the {MaxChars / 1024} KB limit";
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new Stack<(string? Anchor, long Size)>();
        long top = 0;
        int aliases = 0;
        var parser = new Parser(new StringReader(yaml));
        while (parser.MoveNext())
        {
            var e = parser.Current!;
            line = (int)Math.Max(1, e.Start.Line);
            long size;
            switch (e)
            {
                case MappingStart or SequenceStart:
                    if (open.Count >= MaxDepth) return $"front matter is nested more than {MaxDepth} levels deep";
                    if (Anchor(e) is { } opening) anchors.Remove(opening); // an alias inside it would refer to itself
                    open.Push((Anchor(e), 1));
                    continue;
                case MappingEnd or SequenceEnd:
                    var (anchor, own) = open.Pop();
                    size = own;
                    if (anchor is not null) anchors[anchor] = size;
                    break;
                case Scalar s:
                    size = 1 + s.Value.Length;
                    if (Anchor(e) is { } a) anchors[a] = size;
                    break;
                case AnchorAlias alias:
                    if (++aliases > MaxAliases) return $"front matter has more than {MaxAliases} aliases (*name)";
                    if (!anchors.TryGetValue(alias.Value.Value, out size))
                        return $"alias *{alias.Value.Value} refers to a list or map that contains it";
                    break;
                default: continue;
            }
            long total;
            if (open.Count > 0) { var (a, s0) = open.Pop(); open.Push((a, total = Add(s0, size))); }
            else total = top = Add(top, size);
            if (total > MaxExpandedSize)
                return $"front matter expands to more than {MaxExpandedSize / 1024}K nodes and characters through its aliases (an alias bomb?)";
        }
        return null;
    }

    private static string? Anchor(ParsingEvent e) => e is NodeEvent { Anchor.IsEmpty: false } n ? n.Anchor.Value : null;

    private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
