using Site.Render.Mathematics;
using System.Text;
using System.Text.RegularExpressions;

namespace Site.Emit;

/// <summary>Turns section text (with TeX) into readable plain text for descriptions: $\frac{a}{b}$ → a/b, \alpha → α.</summary>
public static partial class PlainText
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["alpha"] = "α", ["beta"] = "β", ["gamma"] = "γ", ["delta"] = "δ", ["epsilon"] = "ε", ["varepsilon"] = "ε", ["theta"] = "θ",
        ["lambda"] = "λ", ["mu"] = "μ", ["pi"] = "π", ["sigma"] = "σ", ["tau"] = "τ", ["phi"] = "φ", ["omega"] = "ω", ["eta"] = "η",
        ["Sigma"] = "Σ", ["sum"] = "Σ", ["prod"] = "Π", ["int"] = "∫", ["infty"] = "∞", ["times"] = "×", ["cdot"] = "·", ["in"] = "∈",
        ["leq"] = "≤", ["geq"] = "≥", ["neq"] = "≠", ["approx"] = "≈", ["to"] = "→", ["rightarrow"] = "→", ["leftarrow"] = "←",
        ["odot"] = "⊙", ["otimes"] = "⊗", ["partial"] = "∂", ["nabla"] = "∇", ["sqrt"] = "√", ["parallel"] = "‖", ["mathbb{R}"] = "ℝ",
    };

    [GeneratedRegex(@"\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}")] private static partial Regex Frac();
    [GeneratedRegex(@"\\(?:text|mathrm|mathbf|mathit|mathcal|operatorname|boldsymbol)\s*\{([^{}]*)\}")] private static partial Regex TextCmd();
    [GeneratedRegex(@"\\mathbb\{R\}")] private static partial Regex Reals();
    [GeneratedRegex(@"\\([A-Za-z]+)")] private static partial Regex Command();
    [GeneratedRegex(@"\\(left|right|big|Big|bigg|Bigg)\b")] private static partial Regex Sizing();
    [GeneratedRegex(@"\s+")] private static partial Regex Spaces();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> MathCache = new(StringComparer.Ordinal);

    /// <summary><see cref="ReadableMath"/>, remembered: notes repeat the same formulas (bounded: stops adding at 50,000).</summary>
    private static int _mathCount;

    public static string ReadableMathCached(string tex)
    {
        if (MathCache.TryGetValue(tex, out var r)) return r;
        r = ReadableMath(tex);
        // (ConcurrentDictionary.Count takes every lock: count additions instead.)
        if (Volatile.Read(ref _mathCount) < 50_000 && MathCache.TryAdd(tex, r)) Interlocked.Increment(ref _mathCount);
        return r;
    }

    /// <summary>\\frac{a}{b} → (a)/(b), \\alpha → α, \\text{x} → x, sizing commands dropped, braces and $ removed,
    /// whitespace collapsed. Hand-written passes, one per regex of <see cref="ReadableMathByRegex"/> (same result,
    /// tests/Site.Tests/Build/PlainTextTests.cs); falls back to the regexes where a word boundary next to a
    /// non-ASCII character would decide a match.</summary>
    public static string ReadableMath(string tex)
    {
        var s = tex.Replace("\\mathbb{R}", "ℝ", StringComparison.Ordinal);
        if (s.Contains('\\'))
        {
            for (int i = 0; i < 3; i++) s = FracPass(s);
            s = TextCmdPass(s);
            if (SizingPass(s) is not { } sized) return ReadableMathByRegex(tex);
            s = CommandPass(sized);
        }
        s = s.Replace("\\,", " ").Replace("\\;", " ").Replace("\\!", "").Replace("{", "").Replace("}", "").Replace("$", "");
        return CollapseSpaces(s);
    }

    /// <summary>Frac(): \\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\} → ($1)/($2), leftmost first, not overlapping.</summary>
    private static string FracPass(string s)
    {
        var at = s.IndexOf("\\frac", StringComparison.Ordinal);
        if (at < 0) return s;
        var sb = new StringBuilder(s.Length + 8);
        int copied = 0;
        for (; at >= 0; at = s.IndexOf("\\frac", at + 1, StringComparison.Ordinal))
        {
            if (at < copied) continue;
            int p = SkipSpaces(s, at + 5);
            if (!Group(s, ref p, out var a0, out var a1)) continue;
            p = SkipSpaces(s, p);
            if (!Group(s, ref p, out var b0, out var b1)) continue;
            sb.Append(s, copied, at - copied).Append('(').Append(s, a0, a1 - a0).Append(")/(").Append(s, b0, b1 - b0).Append(')');
            copied = p;
            at = p - 1;
        }
        return copied == 0 ? s : sb.Append(s, copied, s.Length - copied).ToString();
    }

    /// <summary>\{([^{}]*)\} at <paramref name="p"/>: the inside is [from, to); p moves past the '}'.</summary>
    private static bool Group(string s, ref int p, out int from, out int to)
    {
        from = to = 0;
        if (p >= s.Length || s[p] != '{') return false;
        int q = p + 1;
        while (q < s.Length && s[q] != '{' && s[q] != '}') q++;
        if (q >= s.Length || s[q] != '}') return false;
        from = p + 1; to = q; p = q + 1;
        return true;
    }

    private static int SkipSpaces(string s, int p)
    {
        while (p < s.Length && char.IsWhiteSpace(s[p])) p++;
        return p;
    }

    private static readonly string[] TextCommands = ["text", "mathrm", "mathbf", "mathit", "mathcal", "operatorname", "boldsymbol"];

    /// <summary>TextCmd(): \\(?:text|mathrm|…)\s*\{([^{}]*)\} → $1.</summary>
    private static string TextCmdPass(string s)
    {
        StringBuilder? sb = null;
        int copied = 0;
        for (int at = s.IndexOf('\\'); at >= 0; at = s.IndexOf('\\', at + 1))
        {
            foreach (var name in TextCommands)
            {
                if (at + 1 + name.Length > s.Length || string.CompareOrdinal(s, at + 1, name, 0, name.Length) != 0) continue;
                int p = SkipSpaces(s, at + 1 + name.Length);
                if (!Group(s, ref p, out var a0, out var a1)) continue;
                (sb ??= new StringBuilder(s.Length)).Append(s, copied, at - copied).Append(s, a0, a1 - a0);
                copied = p;
                at = p - 1;
                break;
            }
        }
        return sb is null ? s : sb.Append(s, copied, s.Length - copied).ToString();
    }

    private static readonly string[] SizingCommands = ["left", "right", "big", "Big", "bigg", "Bigg"];

    /// <summary>Sizing(): \\(left|right|big|Big|bigg|Bigg)\b → "". Null when a non-ASCII character follows a candidate
    /// (the caller falls back to the regexes rather than decide Unicode word characters here).</summary>
    private static string? SizingPass(string s)
    {
        StringBuilder? sb = null;
        int copied = 0;
        for (int at = s.IndexOf('\\'); at >= 0; at = s.IndexOf('\\', at + 1))
        {
            foreach (var name in SizingCommands)
            {
                var end = at + 1 + name.Length;
                if (end > s.Length || string.CompareOrdinal(s, at + 1, name, 0, name.Length) != 0) continue;
                if (end < s.Length)
                {
                    var c = s[end];
                    if (c >= 0x80) return null;
                    if (char.IsAsciiLetterOrDigit(c) || c == '_') continue; // no word boundary here
                }
                (sb ??= new StringBuilder(s.Length)).Append(s, copied, at - copied);
                copied = end;
                at = end - 1;
                break;
            }
        }
        return sb is null ? s : sb.Append(s, copied, s.Length - copied).ToString();
    }

    /// <summary>Command(): \\([A-Za-z]+) → its symbol, or nothing.</summary>
    private static string CommandPass(string s)
    {
        StringBuilder? sb = null;
        int copied = 0;
        var lookup = SymbolLookup;
        for (int at = s.IndexOf('\\'); at >= 0; at = s.IndexOf('\\', at + 1))
        {
            int end = at + 1;
            while (end < s.Length && char.IsAsciiLetter(s[end])) end++;
            if (end == at + 1) continue;
            (sb ??= new StringBuilder(s.Length)).Append(s, copied, at - copied);
            if (lookup.TryGetValue(s.AsSpan(at + 1, end - at - 1), out var sym)) sb.Append(sym);
            copied = end;
            at = end - 1;
        }
        return sb is null ? s : sb.Append(s, copied, s.Length - copied).ToString();
    }

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> SymbolLookup = Symbols.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Spaces().Replace(s, " ").Trim().</summary>
    private static string CollapseSpaces(string s)
    {
        int i = 0;
        bool clean = true;
        for (; i < s.Length; i++)
            if (char.IsWhiteSpace(s[i]) && (s[i] != ' ' || i == 0 || i == s.Length - 1 || char.IsWhiteSpace(s[i + 1]))) { clean = false; break; }
        if (clean) return s;
        var sb = new StringBuilder(s.Length);
        bool pending = false;
        foreach (var ch in s)
        {
            if (char.IsWhiteSpace(ch)) { pending = sb.Length > 0; continue; }
            if (pending) { sb.Append(' '); pending = false; }
            sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>The regex implementation of <see cref="ReadableMath"/> (the reference for tests).</summary>
    public static string ReadableMathByRegex(string tex)
    {
        var s = Reals().Replace(tex, "ℝ");
        for (int i = 0; i < 3; i++) s = Frac().Replace(s, "($1)/($2)");
        s = TextCmd().Replace(s, "$1");
        s = Sizing().Replace(s, "");
        s = Command().Replace(s, m => Symbols.TryGetValue(m.Groups[1].Value, out var v) ? v : "");
        s = s.Replace("\\,", " ").Replace("\\;", " ").Replace("\\!", "").Replace("{", "").Replace("}", "").Replace("$", "");
        return Spaces().Replace(s, " ").Trim();
    }


    /// <summary>Collapses whitespace, makes math readable and cuts at about <paramref name="max"/> chars on a word/character boundary.</summary>
    /// <remarks>Formulas are the ones the math parser finds (<see cref="DollarMathInlineParser.TryFindMath"/>), so
    /// "价格 $5 和 $10" stays as written. One pass that stops after max+1 characters of output; same result as
    /// <see cref="DescriptionReference"/> (tests/Site.Tests/Build/PlainTextTests.cs), which rewrites the whole text.</remarks>
    public static string Description(string text, int max = 150)
    {
        text ??= "";
        var w = new Writer(max <= 1024 ? stackalloc char[max + 2] : new char[max + 2], max);
        int pos = 0, literalFrom = 0;
        while (pos < text.Length && !w.Full)
        {
            var dollar = text.IndexOf('$', pos);
            if (dollar < 0) { w.Put(text.AsSpan(literalFrom, Math.Min(text.Length, literalFrom + 4 * max + 16) - literalFrom)); literalFrom = Math.Min(text.Length, literalFrom + 4 * max + 16); pos = literalFrom; continue; }
            if (!DollarMathInlineParser.TryFindMath(text, dollar, out var start, out var end, out var next)) { pos = next; continue; }
            w.Put(text.AsSpan(literalFrom, dollar - literalFrom));
            if (w.Full) break;
            w.Put(ReadableMathCached(text.AsSpan(start, end - start)));
            pos = literalFrom = next;
        }
        if (!w.Full && literalFrom < text.Length && pos >= text.Length) w.Put(text.AsSpan(literalFrom));
        var buf = w.Written;
        if (buf.Length <= max) return new string(buf);
        var cut = buf[..(max + 1)].LastIndexOf(' ');
        if (cut < max * 2 / 3) cut = max; // CJK text has no spaces: cut by characters
        if (char.IsHighSurrogate(buf[cut - 1])) cut--;
        return string.Concat(buf[..cut].TrimEnd(), "…");
    }

    /// <summary>Whitespace-collapsing output of <see cref="Description"/>: stops taking characters once it holds more than max.</summary>
    private ref struct Writer(Span<char> buf, int max)
    {
        private readonly Span<char> _buf = buf;
        private int _len;
        private bool _pendingSpace;
        public readonly bool Full => _len > max;
        public readonly ReadOnlySpan<char> Written => _buf[.._len];

        public void Put(ReadOnlySpan<char> part)
        {
            var buf = _buf;
            int len = _len;
            bool pending = _pendingSpace;
            foreach (var ch in part)
            {
                if (len > max) break; // enough to decide the cut
                if (char.IsWhiteSpace(ch)) { pending = len > 0; continue; }
                if (pending) { buf[len++] = ' '; pending = false; }
                buf[len++] = ch;
            }
            _len = len;
            _pendingSpace = pending;
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> MathLookup =
        MathCache.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary><see cref="ReadableMathCached(string)"/> for a slice: no substring when the formula was seen before.</summary>
    private static string ReadableMathCached(ReadOnlySpan<char> tex) =>
        MathLookup.TryGetValue(tex, out var r) ? r : ReadableMathCached(tex.ToString());

    /// <summary>The whole-text reference for <see cref="Description"/> (tests compare the two): every formula the math
    /// parser would find (<see cref="DollarMathInlineParser.TryFindMath"/>) made readable, then whitespace collapsed and cut.</summary>
    public static string DescriptionReference(string text, int max = 150)
    {
        text ??= "";
        var sb = new StringBuilder(text.Length);
        int pos = 0;
        while (pos < text.Length)
        {
            var dollar = text.IndexOf('$', pos);
            if (dollar < 0) { sb.Append(text, pos, text.Length - pos); break; }
            if (!DollarMathInlineParser.TryFindMath(text, dollar, out var from, out var to, out var next))
            {
                sb.Append(text, pos, next - pos);
                pos = next;
                continue;
            }
            sb.Append(text, pos, dollar - pos).Append(ReadableMathByRegex(text[from..to]));
            pos = next;
        }
        var s = sb.ToString();
        s = Spaces().Replace(s, " ").Trim();
        if (s.Length <= max) return s;
        var cut = s.LastIndexOf(' ', max);
        if (cut < max * 2 / 3) cut = max; // CJK text has no spaces: cut by characters
        if (char.IsHighSurrogate(s[cut - 1])) cut--;
        return s[..cut].TrimEnd() + "…";
    }
}
