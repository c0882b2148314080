using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Site.Index;

/// <summary>Receives the terms of a text, in order, as spans into a scratch buffer (valid only during the call).</summary>
public interface ITokenSink
{
    void Token(ReadOnlySpan<char> token);
}

/// <summary>
/// The search tokenizer, a port of theme/search/tokenizer.mjs (the browser uses that one for queries;
/// the index is built with this one). Both are checked against the shared golden file
/// tests/Site.Tests/Fixtures/Index/tokenizer-golden.json. See tokenizer.mjs for the rules.
/// <para>
/// Performance: the state machine runs over UTF-16 with an ASCII table and a CJK shortcut (CJK code
/// points have no case mapping, so they skip lowercasing and the Unicode category lookup); runs are
/// collected in a reusable char buffer and handed to an <see cref="ITokenSink"/> as spans, so the index
/// builder interns terms without allocating a string per token. Pure-ASCII text skips the surrogate
/// scan and NFKC (ASCII is always NFKC-normal). <see cref="Tokenize(string?)"/> keeps the old
/// list-of-strings API on top.
/// </para>
/// </summary>
public static class Tokenizer
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

    private const byte Sep = 0, Cjk = 1, Word = 2, Joiner = 3, Mark = 4, Ignored = 5;

    /// <summary>Class of each ASCII character (after lowercasing, which does not change the class).</summary>
    private static readonly byte[] AsciiClass = BuildAsciiClass();

    private static byte[] BuildAsciiClass()
    {
        var t = new byte[128];
        for (int c = 0; c < 128; c++)
            t[c] = c is 0x2d or 0x5f or 0x2e ? Joiner
                : c is >= 0x30 and <= 0x39 or >= 0x61 and <= 0x7a or >= 0x41 and <= 0x5a ? Word : Sep;
        return t;
    }

    public static bool IsCjk(int cp)
    {
        if (cp < 0x3005) return false;
        if (cp is >= 0x4e00 and <= 0x9fff) return true; // the common case first
        foreach (var (lo, hi) in CjkRanges)
        {
            if (cp < lo) return false;
            if (cp <= hi) return true;
        }
        return false;
    }

    private static bool IsVariationSelector(int cp) => cp is >= 0xfe00 and <= 0xfe0f or >= 0xe0100 and <= 0xe01ef;

    private static byte Classify(Rune r)
    {
        int cp = r.Value;
        if (cp < 0x80) return AsciiClass[cp];
        if (IsVariationSelector(cp)) return Ignored;
        if (cp == 0x200b) return Sep; // zero-width space separates words
        if (IsCjk(cp)) return Cjk;
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
                return Word;
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
                return Mark;
            case UnicodeCategory.Format:
                return Ignored;
            default:
                return Sep;
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

    /// <summary>
    /// BMP code points that NFKC leaves alone in any context: assigned, canonical combining class 0,
    /// NFKC_Quick_Check = Yes (so they are not the second half of any composition and need no
    /// decomposition). A string made only of these is NFKC-normal. Conservative (generated from Unicode
    /// 14 data for the blocks notes use; anything else takes the ICU path) and checked against .NET's
    /// normalizer by FastPathTests.
    /// </summary>
    private static readonly (int Lo, int Hi)[] NfkcInertRanges =
    {
        (0x0000, 0x007f), (0x00a1, 0x00a7), (0x00a9, 0x00a9), (0x00ab, 0x00ae), (0x00b0, 0x00b1), (0x00b6, 0x00b7), (0x00bb, 0x00bb),
        (0x00bf, 0x0131), (0x0134, 0x013e), (0x0141, 0x0148), (0x014a, 0x017e), (0x0180, 0x01c3), (0x01cd, 0x01f0), (0x01f4, 0x024f),
        (0x0370, 0x0373), (0x0375, 0x0377), (0x037b, 0x037d), (0x037f, 0x037f), (0x0386, 0x0386), (0x0388, 0x038a), (0x038c, 0x038c),
        (0x038e, 0x03a1), (0x03a3, 0x03cf), (0x03d7, 0x03ef), (0x03f3, 0x03f3), (0x03f6, 0x03f8), (0x03fa, 0x0482), (0x048a, 0x04ff),
        (0x200b, 0x2010), (0x2012, 0x2016), (0x2018, 0x2023), (0x2027, 0x202e), (0x2030, 0x2032), (0x2035, 0x2035), (0x2038, 0x203b),
        (0x203d, 0x203d), (0x203f, 0x2046), (0x204a, 0x2056), (0x2058, 0x205e), (0x2060, 0x2064), (0x2066, 0x206f), (0x20a0, 0x20a7),
        (0x20a9, 0x20c0), (0x2104, 0x2104), (0x2108, 0x2108), (0x2114, 0x2114), (0x2117, 0x2118), (0x211e, 0x211f), (0x2123, 0x2123),
        (0x2125, 0x2125), (0x2127, 0x2127), (0x2129, 0x2129), (0x212e, 0x212e), (0x2132, 0x2132), (0x213a, 0x213a), (0x2141, 0x2144),
        (0x214a, 0x214f), (0x2180, 0x2188), (0x218a, 0x218b), (0x2190, 0x222b), (0x222e, 0x222e), (0x2231, 0x2328), (0x232b, 0x23ff),
        (0x24eb, 0x27bf), (0x3001, 0x3029), (0x3030, 0x3035), (0x3037, 0x3037), (0x303b, 0x303f), (0x3041, 0x3096), (0x309d, 0x309e),
        (0x30a0, 0x30fe), (0x3400, 0x4dbf), (0x4e00, 0x9fff), (0xac00, 0xd7a3),
    };

    private static readonly ulong[] NfkcInert = BuildInert();

    private static ulong[] BuildInert()
    {
        var bits = new ulong[1024];
        foreach (var (lo, hi) in NfkcInertRanges)
            for (int c = lo; c <= hi; c++) bits[c >> 6] |= 1UL << (c & 63);
        return bits;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsNfkcInert(char c) => (NfkcInert[c >> 6] & (1UL << (c & 63))) != 0;

    /// <summary>
    /// The NFKC form of a single BMP character that maps to one inert ASCII character (full-width
    /// ASCII, ideographic space, no-break space), or 0. Such a string position normalizes on its own:
    /// the result is an inert starter and its neighbours are inert too (else the ICU path runs).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static char NfkcSimpleMap(char c) =>
        c is >= '\uff01' and <= '\uff5e' ? (char)(c - 0xfee0) : c is '\u3000' or '\u00a0' ? ' ' : '\0';

    /// <summary>
    /// The text the state machine runs over: lone surrogates replaced, NFKC-normalized. Text made only
    /// of inert characters and those <see cref="NfkcSimpleMap"/> handles is returned as it is: the
    /// tokenizer applies the simple mappings itself (<see cref="FillBmpCache"/>), which is the same
    /// because NFKC output never contains those characters.
    /// </summary>
    [MethodImpl(Site.Core.HotLoop.Options)]
    internal static string Prepare(string text)
    {
        int i = text.AsSpan().IndexOfAnyExceptInRange('\0', '\u007f'); // ASCII prefix, vectorized
        if (i < 0) return text;
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (!IsNfkcInert(c) && NfkcSimpleMap(c) == 0) return PrepareSlow(text);
        }
        return text;
    }

    private static string PrepareSlow(string text)
    {
        var s = ReplaceLoneSurrogates(text);
        if (!s.IsNormalized(NormalizationForm.FormKC)) s = s.Normalize(NormalizationForm.FormKC);
        return s;
    }

    /// <summary>Tokenizes text into search terms, in document order, duplicates kept.</summary>
    public static List<string> Tokenize(string? text)
    {
        var output = new List<string>();
        Tokenize(text, output);
        return output;
    }

    private sealed class ListSink : ITokenSink
    {
        public List<string> Output = null!;
        public void Token(ReadOnlySpan<char> token) => Output.Add(new string(token));
    }

    [ThreadStatic] private static Scratch? t_scratch;
    [ThreadStatic] private static ListSink? t_listSink;

    /// <summary>Appends the terms of <paramref name="text"/> to <paramref name="output"/>.</summary>
    public static void Tokenize(string? text, List<string> output)
    {
        var sink = t_listSink ??= new ListSink();
        sink.Output = output;
        Tokenize(text, sink, t_scratch ??= new Scratch());
        sink.Output = null!;
    }

    /// <summary>Reusable buffers of one tokenizing thread.</summary>
    public sealed class Scratch
    {
        internal char[] Run = new char[256];
        /// <summary>Start offsets of the code points of a CJK run in <see cref="Run"/> (plus the end).</summary>
        internal int[] CjkStarts = new int[129];
    }

    /// <summary>Hands the terms of <paramref name="text"/> to <paramref name="sink"/> in document order, duplicates kept.</summary>
    [MethodImpl(Site.Core.HotLoop.Options)]
    public static void Tokenize<TSink>(string? text, TSink sink, Scratch scratch) where TSink : ITokenSink
    {
        if (string.IsNullOrEmpty(text)) return;
        var s = Prepare(text);

        var run = scratch.Run;
        var starts = scratch.CjkStarts;
        int runLen = 0, cjkCount = 0;
        byte mode = Sep;
        bool lastWasJoiner = false;

        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            byte cls;
            int cp;
            int n = 1;
            if (c < 0x80)
            {
                cls = AsciiClass[c];
                cp = c is >= 'A' and <= 'Z' ? c + 32 : c;
            }
            else if (!char.IsSurrogate(c) && c is >= '\u4e00' and <= '\u9fff')
            {
                cls = Cjk; // no case mapping
                cp = c;
            }
            else if (!char.IsSurrogate(c))
            {
                int e = BmpCache[c];
                if (e == 0) e = FillBmpCache(c);
                cls = (byte)(e & 0xff);
                cp = e >> 8;
            }
            else
            {
                Rune.DecodeFromUtf16(s.AsSpan(i), out var raw, out n); // valid: lone surrogates were replaced
                if (IsCjk(raw.Value)) { cls = Cjk; cp = raw.Value; }
                else
                {
                    var lower = Lower(raw);
                    cls = Classify(lower);
                    cp = lower.Value;
                }
            }
            i += n;

            switch (cls)
            {
                case Ignored:
                    break;
                case Cjk:
                    if (mode != Cjk)
                    {
                        Flush(sink, run, runLen, starts, cjkCount, mode);
                        runLen = 0; cjkCount = 0; lastWasJoiner = false;
                        mode = Cjk;
                    }
                    if (cjkCount + 2 > starts.Length) starts = scratch.CjkStarts = Grow(starts, cjkCount + 2);
                    starts[cjkCount++] = runLen;
                    Append(ref run, ref runLen, cp, scratch);
                    break;
                case Word:
                case Joiner:
                    if (mode != Word)
                    {
                        Flush(sink, run, runLen, starts, cjkCount, mode);
                        runLen = 0; cjkCount = 0;
                        mode = Word;
                    }
                    Append(ref run, ref runLen, cp, scratch);
                    lastWasJoiner = cls == Joiner;
                    break;
                case Mark:
                    if (mode == Word && runLen > 0 && !lastWasJoiner) Append(ref run, ref runLen, cp, scratch);
                    break;
                default:
                    Flush(sink, run, runLen, starts, cjkCount, mode);
                    runLen = 0; cjkCount = 0; lastWasJoiner = false;
                    mode = Sep;
                    break;
            }
        }
        Flush(sink, run, runLen, starts, cjkCount, mode);
    }

    private static int[] Grow(int[] a, int min)
    {
        var b = new int[Math.Max(min, a.Length * 2)];
        a.CopyTo(b, 0);
        return b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Append(ref char[] run, ref int runLen, int cp, Scratch scratch)
    {
        if (runLen + 2 > run.Length)
        {
            var b = new char[run.Length * 2];
            run.AsSpan(0, runLen).CopyTo(b);
            run = scratch.Run = b;
        }
        if (cp < 0x10000) run[runLen++] = (char)cp;
        else
        {
            new Rune(cp).EncodeToUtf16(run.AsSpan(runLen));
            runLen += 2;
        }
    }

    [MethodImpl(Site.Core.HotLoop.Options)]
    private static void Flush<TSink>(TSink sink, char[] run, int runLen, int[] starts, int cjkCount, byte mode) where TSink : ITokenSink
    {
        if (mode == Cjk)
        {
            if (cjkCount == 0) return;
            starts[cjkCount] = runLen;
            if (cjkCount == 1) { sink.Token(run.AsSpan(0, runLen)); return; }
            for (int k = 0; k + 1 < cjkCount; k++)
                sink.Token(run.AsSpan(starts[k], starts[k + 2] - starts[k]));
        }
        else if (mode == Word) EmitWord(sink, run.AsSpan(0, runLen));
    }

    private static bool IsJoinerChar(char c) => c is '-' or '_' or '.';

    /// <summary>
    /// A trimmed word run yields itself, then (when it has more than one) its parts: cut at joiners and
    /// at letter↔number boundaries (\p{L} next to \p{N}; marks stay with what they follow), so
    /// "chatglm2" also gives chatglm and 2, as "ChatGLM-2" does.
    /// </summary>
    [MethodImpl(Site.Core.HotLoop.Options)]
    private static void EmitWord<TSink>(TSink sink, ReadOnlySpan<char> run) where TSink : ITokenSink
    {
        int s = 0, e = run.Length;
        while (s < e && IsJoinerChar(run[s])) s++;
        while (e > s && IsJoinerChar(run[e - 1])) e--;
        if (s >= e) return;
        var whole = run[s..e];
        sink.Token(whole);
        if (!HasParts(whole)) return;
        int start = 0, prevKind = 0;
        for (int k = 0; k < whole.Length;)
        {
            char c = whole[k];
            if (IsJoinerChar(c))
            {
                if (k > start) sink.Token(whole[start..k]);
                start = k + 1;
                prevKind = 0;
                k++;
                continue;
            }
            int kind = PartKind(whole, k, out int n);
            if (kind != 0)
            {
                if (prevKind != 0 && kind != prevKind && k > start) { sink.Token(whole[start..k]); start = k; }
                prevKind = kind;
            }
            k += n;
        }
        if (whole.Length > start) sink.Token(whole[start..]);
    }

    /// <summary>True if a trimmed word run has a joiner or a letter↔number boundary.</summary>
    private static bool HasParts(ReadOnlySpan<char> word)
    {
        int prevKind = 0;
        for (int k = 0; k < word.Length;)
        {
            if (IsJoinerChar(word[k])) return true;
            int kind = PartKind(word, k, out int n);
            if (kind != 0)
            {
                if (prevKind != 0 && kind != prevKind) return true;
                prevKind = kind;
            }
            k += n;
        }
        return false;
    }

    /// <summary>1 letter, 2 number, 0 anything else (marks) for the code point at <paramref name="at"/>; <paramref name="n"/> its UTF-16 length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PartKind(ReadOnlySpan<char> word, int at, out int n)
    {
        char c = word[at];
        n = 1;
        if (c < 0x80) return c is >= '0' and <= '9' ? 2 : 1; // word runs hold only letters, digits and joiners from ASCII
        Rune r;
        if (char.IsHighSurrogate(c) && at + 1 < word.Length) { r = new Rune(c, word[at + 1]); n = 2; }
        else r = new Rune(c);
        return Rune.GetUnicodeCategory(r) switch
        {
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => 2,
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => 1,
            _ => 0,
        };
    }

    /// <summary>
    /// Lowercased code point (bits 8+) and class (bits 0–7) of BMP non-surrogate characters, filled on
    /// first use (0 = not yet): the ICU case mapping and category lookup run once per distinct character.
    /// Racing threads store the same value.
    /// </summary>
    private static readonly int[] BmpCache = new int[0x10000];

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int FillBmpCache(char c)
    {
        char raw0 = c;
        char m = NfkcSimpleMap(c); // the NFKC form of this character, which the text was not normalized to (see Prepare)
        if (m != 0) c = m;
        var raw = new Rune(c);
        int e;
        if (IsCjk(c)) e = (c << 8) | Cjk;
        else
        {
            var lower = Lower(raw);
            e = (lower.Value << 8) | Classify(lower);
        }
        BmpCache[raw0] = e; // never 0: c >= 0x80, so the code point bits are non-zero unless it lowercases to U+0000 (none does)
        return e;
    }

    /// <summary>JS: first code point of <c>ch.toLowerCase()</c> (Unicode simple lowercase mapping).</summary>
    private static Rune Lower(Rune r) => r.Value == 0x130 ? new Rune('i') : Rune.ToLowerInvariant(r);

    /// <summary>True if the token is a single CJK code point.</summary>
    public static bool IsSingleCjk(string token) =>
        Rune.DecodeFromUtf16(token, out var r, out var n) == System.Buffers.OperationStatus.Done && n == token.Length && IsCjk(r.Value);
}
