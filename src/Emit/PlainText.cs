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
    public static string ReadableMathCached(string tex)
    {
        if (MathCache.TryGetValue(tex, out var r)) return r;
        r = ReadableMath(tex);
        if (MathCache.Count < 50_000) MathCache.TryAdd(tex, r);
        return r;
    }

    public static string ReadableMath(string tex)
    {
        var s = Reals().Replace(tex, "ℝ");
        for (int i = 0; i < 3; i++) s = Frac().Replace(s, "($1)/($2)");
        s = TextCmd().Replace(s, "$1");
        s = Sizing().Replace(s, "");
        s = Command().Replace(s, m => Symbols.TryGetValue(m.Groups[1].Value, out var v) ? v : "");
        s = s.Replace("\\,", " ").Replace("\\;", " ").Replace("\\!", "").Replace("{", "").Replace("}", "").Replace("$", "");
        return Spaces().Replace(s, " ").Trim();
    }

    [GeneratedRegex(@"\$\$([\s\S]+?)\$\$|\$([^$\n]+?)\$")] private static partial Regex MathSpan();

    /// <summary>Collapses whitespace, makes math readable and cuts at about <paramref name="max"/> chars on a word/character boundary.</summary>
    /// <remarks>One pass that stops after max+1 characters of output; same result as <see cref="DescriptionByRegex"/>
    /// (tests/Site.Tests/Build/PlainTextTests.cs), which rewrote the whole text.</remarks>
    public static string Description(string text, int max = 150)
    {
        text ??= "";
        var sb = new StringBuilder(Math.Min(text.Length, max + 2));
        bool pendingSpace = false;
        void Put(ReadOnlySpan<char> part)
        {
            foreach (var ch in part)
            {
                if (sb.Length > max) return; // enough to decide the cut
                if (char.IsWhiteSpace(ch)) { pendingSpace = sb.Length > 0; continue; }
                if (pendingSpace) { sb.Append(' '); pendingSpace = false; }
                sb.Append(ch);
            }
        }
        int pos = 0, literalFrom = 0;
        while (pos < text.Length && sb.Length <= max)
        {
            var dollar = text.IndexOf('$', pos);
            if (dollar < 0) { Put(text.AsSpan(literalFrom, Math.Min(text.Length, literalFrom + 4 * max + 16) - literalFrom)); literalFrom = Math.Min(text.Length, literalFrom + 4 * max + 16); pos = literalFrom; continue; }
            // The regex: \$\$([\s\S]+?)\$\$ | \$([^$\n]+?)\$ tried at this '$'.
            int start = -1, end = -1, next = -1;
            if (dollar + 1 < text.Length && text[dollar + 1] == '$')
            {
                var close = dollar + 3 <= text.Length ? text.IndexOf("$$", dollar + 3, StringComparison.Ordinal) : -1;
                if (close >= 0) { start = dollar + 2; end = close; next = close + 2; }
            }
            else
            {
                int j = dollar + 1;
                while (j < text.Length && text[j] != '$' && text[j] != '\n') j++;
                if (j < text.Length && text[j] == '$' && j > dollar + 1) { start = dollar + 1; end = j; next = j + 1; }
            }
            if (start < 0) { pos = dollar + 1; continue; } // a lone '$': literal text, keep scanning
            Put(text.AsSpan(literalFrom, dollar - literalFrom));
            if (sb.Length > max) break;
            Put(ReadableMathCached(text[start..end]));
            pos = literalFrom = next;
        }
        if (sb.Length <= max && literalFrom < text.Length && pos >= text.Length) Put(text.AsSpan(literalFrom));
        var s = sb.ToString();
        if (s.Length <= max) return s;
        var cut = s.LastIndexOf(' ', max);
        if (cut < max * 2 / 3) cut = max; // CJK text has no spaces: cut by characters
        if (char.IsHighSurrogate(s[cut - 1])) cut--;
        return s[..cut].TrimEnd() + "…";
    }

    /// <summary>The original regex implementation of <see cref="Description"/> (kept as the reference for tests).</summary>
    public static string DescriptionByRegex(string text, int max = 150)
    {
        var s = MathSpan().Replace(text ?? "", m => ReadableMath(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value));
        s = Spaces().Replace(s, " ").Trim();
        if (s.Length <= max) return s;
        var cut = s.LastIndexOf(' ', max);
        if (cut < max * 2 / 3) cut = max; // CJK text has no spaces: cut by characters
        if (char.IsHighSurrogate(s[cut - 1])) cut--;
        return s[..cut].TrimEnd() + "…";
    }
}
