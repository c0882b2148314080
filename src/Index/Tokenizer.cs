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

    /// <summary>The text the state machine runs over: lone surrogates replaced, NFKC-normalized.</summary>
    private static string Prepare(string text)
    {
        if (Ascii.IsValid(text)) return text;
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
                    if (mode != Word)
                    {
                        Flush(sink, run, runLen, starts, cjkCount, mode);
                        runLen = 0; cjkCount = 0;
                        mode = Word;
                    }
                    Append(ref run, ref runLen, cp, scratch);
                    lastWasJoiner = false;
                    break;
                case Joiner:
                    if (mode != Word)
                    {
                        Flush(sink, run, runLen, starts, cjkCount, mode);
                        runLen = 0; cjkCount = 0;
                        mode = Word;
                    }
                    Append(ref run, ref runLen, cp, scratch);
                    lastWasJoiner = true;
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

    private static void EmitWord<TSink>(TSink sink, ReadOnlySpan<char> run) where TSink : ITokenSink
    {
        int s = 0, e = run.Length;
        while (s < e && IsJoinerChar(run[s])) s++;
        while (e > s && IsJoinerChar(run[e - 1])) e--;
        if (s >= e) return;
        var whole = run[s..e];
        sink.Token(whole);
        if (whole.IndexOfAny('-', '_', '.') < 0) return;
        // trimmed of joiners at both ends and containing one: at least two non-empty parts
        int start = 0;
        for (int k = 0; k <= whole.Length; k++)
        {
            if (k < whole.Length && !IsJoinerChar(whole[k])) continue;
            if (k > start) sink.Token(whole[start..k]);
            start = k + 1;
        }
    }

    /// <summary>JS: first code point of <c>ch.toLowerCase()</c> (Unicode simple lowercase mapping).</summary>
    private static Rune Lower(Rune r) => r.Value == 0x130 ? new Rune('i') : Rune.ToLowerInvariant(r);

    /// <summary>True if the token is a single CJK code point.</summary>
    public static bool IsSingleCjk(string token) =>
        Rune.DecodeFromUtf16(token, out var r, out var n) == System.Buffers.OperationStatus.Done && n == token.Length && IsCjk(r.Value);
}
