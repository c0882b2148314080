using System.Globalization;
using System.Text;

namespace Site.Normalize;

/// <summary>
/// The one owner of anchor-slug rules (GitHub style, Chinese kept): lowercase, spaces → '-',
/// punctuation, symbols and emoji dropped, letters/digits of every script kept.
/// An instance hands out page-unique ids ("x", "x-1", "x-2" …) in document order; Emit can reuse it.
/// </summary>
public sealed class Slugger
{
    public const string Fallback = "section";
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lastSuffix = new(StringComparer.Ordinal);

    /// <summary>"LoRA 与 Adapter" → "lora-与-adapter"; "## 公式 $E=mc^2$" → "公式-emc2"; "" → "".</summary>
    public static string Slug(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var t = text.Trim();
        // NFKC goes through ICU; printable ASCII and CJK unified ideographs (most headings) are already NFKC.
        var s = IsNfkcStable(t) ? t : t.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(s.Length);
        foreach (var rune in s.EnumerateRunes())
        {
            // '-' is appended only after a character other than '-': runs of '-' left by dropped punctuation
            // ("a - b" → "a---b" on GitHub) are collapsed, easier to type and share.
            if (rune.Value is ' ' or '\t' or '\u3000' or '-') { if (sb.Length > 0 && sb[^1] != '-') sb.Append('-'); continue; }
            if (rune.Value == '_') { sb.Append('_'); continue; }
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.DecimalDigitNumber:
                case UnicodeCategory.LetterNumber:
                case UnicodeCategory.OtherNumber:
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.SpacingCombiningMark:
                    var lower = Rune.ToLowerInvariant(rune);
                    if (lower.IsBmp) sb.Append((char)lower.Value);
                    else sb.Append(lower.ToString());
                    break;
            }
        }
        var end = sb.Length;
        while (end > 0 && sb[end - 1] == '-') end--;
        return sb.ToString(0, end);
    }

    private static bool IsNfkcStable(string s)
    {
        foreach (var c in s)
            if (c is not ((>= ' ' and <= '~') or (>= '\u4E00' and <= '\u9FFF'))) return false;
        return true;
    }

    /// <summary>Marks an id as taken (custom {#id} anchors are reserved before automatic ones are handed out).</summary>
    public bool Reserve(string id) => _used.Add(id);

    public bool IsUsed(string id) => _used.Contains(id);

    /// <summary>A page-unique id for <paramref name="text"/>: the slug, or slug-1, slug-2 … if taken.</summary>
    public string Unique(string? text)
    {
        var baseSlug = Slug(text);
        if (baseSlug.Length == 0) baseSlug = Fallback;
        if (_used.Add(baseSlug)) return baseSlug;
        // Suffixes below the last one handed out for this slug are taken already (ids are only ever added): 40,000
        // headings titled alike cost 40,000 probes, not 800 million.
        for (int i = _lastSuffix.GetValueOrDefault(baseSlug) + 1; ; i++)
        {
            var candidate = $"{baseSlug}-{i}";
            if (_used.Add(candidate)) { _lastSuffix[baseSlug] = i; return candidate; }
        }
    }
}
