using System.Globalization;
using System.Text;

namespace Site.Tests.Index;

/// <summary>
/// The search tokenizer, a line-by-line port of theme/search/tokenizer.mjs (the browser uses that one
/// for queries; the index is built with this one). Both are checked against the shared golden file
/// tests/Site.Tests/Fixtures/Index/tokenizer-golden.json. See tokenizer.mjs for the rules.
/// </summary>
internal static class ReferenceTokenizer
{
    private static readonly (int Lo, int Hi)[] CjkRanges =
    {
        (0x3005, 0x3005), (0x3007, 0x3007), (0x3021, 0x3029), (0x3038, 0x303b),
        (0x3041, 0x3096), (0x3099, 0x309f),
        (0x30a1, 0x30fa), (0x30fc, 0x30ff), (0x31f0, 0x31ff),
        (0x3400, 0x4dbf), (0x4e00, 0x9fff), (0xf900, 0xfaff),
        (0x1b000, 0x1b16f),
        (0x20000, 0x2a6df), (0x2a700, 0x2ebef), (0x2ebf0, 0x2ee5f), (0x2f800, 0x2fa1f),
        (0x30000, 0x3134f), (0x31350, 0x323af),
    };

    private enum Cls { Sep, Cjk, Word, Joiner, Mark, Ignored }

    public static bool IsCjk(int cp)
    {
        if (cp < 0x3005) return false;
        foreach (var (lo, hi) in CjkRanges)
        {
            if (cp < lo) return false;
            if (cp <= hi) return true;
        }
        return false;
    }

    private static bool IsVariationSelector(int cp) => cp is >= 0xfe00 and <= 0xfe0f or >= 0xe0100 and <= 0xe01ef;

    private static Cls Classify(Rune r)
    {
        int cp = r.Value;
        if (cp is 0x2d or 0x5f or 0x2e) return Cls.Joiner;
        if (cp < 0x80)
            return cp is >= 0x30 and <= 0x39 or >= 0x61 and <= 0x7a or >= 0x41 and <= 0x5a ? Cls.Word : Cls.Sep;
        if (IsVariationSelector(cp)) return Cls.Ignored;
        if (cp == 0x200b) return Cls.Sep; // zero-width space separates words
        if (IsCjk(cp)) return Cls.Cjk;
        switch (Rune.GetUnicodeCategory(r))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.OtherNumber:
                return Cls.Word;
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
                return Cls.Mark;
            case UnicodeCategory.Format:
                return Cls.Ignored;
            default:
                return Cls.Sep;
        }
    }

    /// <summary>Replaces lone UTF-16 surrogates (and U+FFFE) with U+FFFD: string.Normalize throws on them. Both are separators either way.</summary>
    internal static string ReplaceLoneSurrogates(string s)
    {
        StringBuilder? sb = null;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            bool lone;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    sb?.Append(c).Append(s[i + 1]);
                    i++;
                    continue;
                }
                lone = true;
            }
            else lone = char.IsLowSurrogate(c) || c == '\uFFFE'; // .NET's normalizer also rejects U+FFFE
            if (lone)
            {
                sb ??= new StringBuilder(s.Length).Append(s, 0, i);
                sb.Append('\uFFFD');
            }
            else sb?.Append(c);
        }
        return sb?.ToString() ?? s;
    }

    /// <summary>Tokenizes text into search terms, in document order, duplicates kept.</summary>
    public static List<string> Tokenize(string? text)
    {
        var output = new List<string>();
        Tokenize(text, output);
        return output;
    }

    /// <summary>Appends the terms of <paramref name="text"/> to <paramref name="output"/>.</summary>
    public static void Tokenize(string? text, List<string> output)
    {
        if (string.IsNullOrEmpty(text)) return;
        var s = ReplaceLoneSurrogates(text);
        if (!s.IsNormalized(NormalizationForm.FormKC)) s = s.Normalize(NormalizationForm.FormKC);

        var mode = Cls.Sep;
        var run = new List<Rune>();
        bool lastWasJoiner = false;

        void Flush()
        {
            if (mode == Cls.Cjk) EmitCjk(run, output);
            else if (mode == Cls.Word) EmitWord(run, output);
            run.Clear();
            mode = Cls.Sep;
            lastWasJoiner = false;
        }

        foreach (var raw in s.EnumerateRunes())
        {
            var ch = Lower(raw);
            switch (Classify(ch))
            {
                case Cls.Ignored:
                    break;
                case Cls.Cjk:
                    if (mode != Cls.Cjk) Flush();
                    mode = Cls.Cjk;
                    run.Add(ch);
                    break;
                case Cls.Word:
                    if (mode != Cls.Word) Flush();
                    mode = Cls.Word;
                    run.Add(ch);
                    lastWasJoiner = false;
                    break;
                case Cls.Joiner:
                    if (mode != Cls.Word) { Flush(); mode = Cls.Word; }
                    run.Add(ch);
                    lastWasJoiner = true;
                    break;
                case Cls.Mark:
                    if (mode == Cls.Word && run.Count > 0 && !lastWasJoiner) run.Add(ch);
                    break;
                default:
                    Flush();
                    break;
            }
        }
        Flush();
    }

    /// <summary>JS: first code point of <c>ch.toLowerCase()</c> (Unicode simple lowercase mapping).</summary>
    private static Rune Lower(Rune r) => r.Value == 0x130 ? new Rune('i') : Rune.ToLowerInvariant(r);

    private static bool IsJoiner(Rune r) => r.Value is 0x2d or 0x5f or 0x2e;

    private static void EmitCjk(List<Rune> run, List<string> output)
    {
        if (run.Count == 1) { output.Add(run[0].ToString()); return; }
        for (int i = 0; i + 1 < run.Count; i++) output.Add(run[i].ToString() + run[i + 1].ToString());
    }

    /// <summary>1 letter, 2 number, 0 anything else (marks continue the part they follow).</summary>
    private static int PartKind(Rune r) => Rune.GetUnicodeCategory(r) switch
    {
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => 2,
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => 1,
        _ => 0,
    };

    private static void EmitWord(List<Rune> run, List<string> output)
    {
        int s = 0, e = run.Count;
        while (s < e && IsJoiner(run[s])) s++;
        while (e > s && IsJoiner(run[e - 1])) e--;
        if (s >= e) return;
        var whole = new StringBuilder();
        var cur = new StringBuilder();
        var parts = new List<string>();
        int prevKind = 0;
        for (int i = s; i < e; i++)
        {
            var c = run[i];
            whole.Append(c.ToString());
            if (IsJoiner(c))
            {
                if (cur.Length > 0) parts.Add(cur.ToString());
                cur.Clear();
                prevKind = 0;
                continue;
            }
            int kind = PartKind(c);
            if (kind != 0)
            {
                if (prevKind != 0 && kind != prevKind && cur.Length > 0) { parts.Add(cur.ToString()); cur.Clear(); }
                prevKind = kind;
            }
            cur.Append(c.ToString());
        }
        if (cur.Length > 0) parts.Add(cur.ToString());
        var w = whole.ToString();
        output.Add(w);
        if (parts.Count == 1 && parts[0] == w) return;
        output.AddRange(parts);
    }

    /// <summary>True if the token is a single CJK code point.</summary>
    public static bool IsSingleCjk(string token) =>
        Rune.DecodeFromUtf16(token, out var r, out var n) == System.Buffers.OperationStatus.Done && n == token.Length && IsCjk(r.Value);
}
