using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Site.Core;

namespace Site.Render.BlockIds;

/// <summary>
/// Obsidian block ids: a paragraph or list item ending in <c> ^id</c> (letters, digits, '-'), or a line holding only
/// <c>^id</c> after a block, names that block; <c>[[note#^id]]</c> links to it. The one rule for what an id looks
/// like, used on the AST (<see cref="BlockIdTransform"/>) and on a note's text (<see cref="IdsOf"/>, for links to it).
/// The block's HTML id is <c>^id</c> (links write it <c>#%5Eid</c>).
/// </summary>
public static partial class BlockIdSyntax
{
    /// <summary>" ^id" at the end of a text (or the whole text), the id in group 1. In a paragraph the id may also follow
    /// a formula or emphasis directly (<c>$$…$$^id</c>): the text is then the literal after it.</summary>
    [GeneratedRegex(@"(?:^|[ \t])\^([A-Za-z0-9][A-Za-z0-9-]{0,63})[ \t]*$")]
    public static partial Regex Trailing();

    [GeneratedRegex(@"(?:^|[ \t$*_])\^([A-Za-z0-9][A-Za-z0-9-]{0,63})[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex TrailingInText();

    private static readonly ConditionalWeakTable<string, HashSet<string>> Cache = new();

    /// <summary>The block ids a note's text defines (outside fenced code), for resolving <c>#^id</c> links to it.</summary>
    public static HashSet<string> IdsOf(Note note) => Cache.GetValue(note.Body, static body =>
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (!body.Contains('^')) return ids;
        bool fence = false;
        foreach (var line in body.Split('\n'))
        {
            var t = line.TrimStart(' ', '>', '\t');
            if (t.StartsWith("```", StringComparison.Ordinal) || t.StartsWith("~~~", StringComparison.Ordinal)) { fence = !fence; continue; }
            if (!fence && TrailingInText().Match(line) is { Success: true } m) ids.Add(m.Groups[1].Value);
        }
        return ids;
    });
}
