using System.Globalization;
using System.Text;
using Site.Core;

namespace Site.Render;

/// <summary>
/// Finds the section an anchor means. Authors write anchors against their own heading text: our id
/// ("张量并行"), GitHub's slug of the source heading ("12-张量并行" for "## 1.2 张量并行"), or the raw heading
/// text ("1.2 张量并行"). All are compared by their letters and digits only, so every form finds the same
/// section. The note's own title (its h1) means the top of the page. "^id" is an Obsidian block id
/// (<see cref="BlockIds.BlockIdSyntax"/>): it resolves when the note defines it.
/// </summary>
public static class SectionAnchors
{
    /// <summary>The id to link to, "" for the top of the page, or null when no heading fits.</summary>
    public static string? Resolve(Note note, string anchor)
    {
        if (anchor.Length == 0 || anchor.StartsWith("fn", StringComparison.Ordinal)) return anchor;
        if (anchor[0] == '^') return BlockIds.BlockIdSyntax.IdsOf(note).Contains(anchor[1..]) ? anchor : null;
        foreach (var s in note.Sections) if (s.Id == anchor) return anchor;
        var key = Squash(anchor);
        if (key.Length == 0) return null;
        foreach (var s in note.Sections)
            if (Squash(s.Id) == key || Squash(s.Title) == key || (s.Number.Length > 0 && Squash(s.Number + s.Title) == key)) return s.Id;
        return Squash(note.Title) == key ? "" : null;
    }

    /// <summary>Lower-cased letters and digits of <paramref name="s"/> (what every slug style keeps).</summary>
    public static string Squash(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s.Normalize(NormalizationForm.FormKC))
        {
            var cat = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (char.IsLetterOrDigit(ch) || cat is UnicodeCategory.NonSpacingMark or UnicodeCategory.OtherNumber) sb.Append(char.ToLowerInvariant(ch));
        }
        return sb.ToString();
    }
}
