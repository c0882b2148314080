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
    public static string Description(string text, int max = 150)
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
