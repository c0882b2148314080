using System.Text;

namespace Site.Render.Mathematics;

/// <summary>
/// One suspected lost backslash escape inside a formula. <see cref="Index"/>/<see cref="Length"/> is the range of the
/// TeX that <see cref="Replacement"/> repairs; <see cref="Found"/>/<see cref="Suggested"/> are what the message shows.
/// </summary>
public sealed record MathLintFinding(int Index, int Length, string Replacement, string Found, string Suggested, char? ControlChar)
{
    public string Message => ControlChar is char c && Found.Length == 0
        ? $"math: stray U+{(int)c:X4} control character (a lost \"{Suggested}…\" escape?); run with --fix-math to remove it"
        : ControlChar is char cc
        ? $"math: \"{Found}\" after a U+{(int)cc:X4} control character looks like a corrupted \"{Suggested}\" (the backslash escape became a control character); run with --fix-math to repair"
        : $"math: \"{Found}\" looks like a corrupted \"{Suggested}\" (the backslash escape was lost); run with --fix-math to repair";
}

/// <summary>
/// Finds TeX macros whose backslash was eaten on the way through JSON or a PDF extract: "\f" became a form feed, so
/// <c>\frac{</c> reads <c>rac{</c>; "\b" → <c>eta</c>, "\r" → <c>ight]</c>, "\a" → <c>pprox</c>, "\t" → <c>ext{</c>,
/// "\n" → <c>abla</c>, "\v" → <c>ec{</c>, and the variants where the control character itself survived.
/// Only ever run on math content. Conservative: a token must be a whole letter run, not after a backslash
/// or a letter (so <c>\beta</c>, <c>\zeta</c>, <c>\eta</c>, <c>\frac</c> are fine), some need a following "{" or a
/// delimiter, short ambiguous ones (au, ho, eq, ot, ec, eg) are not reported in sub/superscripts, and nothing is
/// reported inside \text{…}-like arguments. A lost "\n" before "u" (\nu) is never reported: "u" alone is too common.
/// </summary>
public static class MathLinter
{
    private enum Follow { NonLetter, Brace, FracLike, Delimiter }

    private sealed record Rule(string Token, char Escape, Follow Follow, bool Ambiguous = false);

    private static readonly Rule[] Rules =
    {
        // \f → form feed
        new("rac", 'f', Follow.FracLike), new("orall", 'f', Follow.NonLetter),
        // \b → backspace
        new("eta", 'b', Follow.NonLetter), new("egin", 'b', Follow.Brace), new("ar", 'b', Follow.Brace),
        new("oldsymbol", 'b', Follow.NonLetter), new("inom", 'b', Follow.Brace), new("ullet", 'b', Follow.NonLetter),
        new("igl", 'b', Follow.Delimiter), new("igr", 'b', Follow.Delimiter), new("iggl", 'b', Follow.Delimiter), new("iggr", 'b', Follow.Delimiter),
        new("ig", 'b', Follow.Delimiter), new("igg", 'b', Follow.Delimiter),
        // \r → carriage return
        new("ight", 'r', Follow.Delimiter), new("ightarrow", 'r', Follow.NonLetter), new("ho", 'r', Follow.NonLetter, Ambiguous: true),
        // \a → bell
        new("pprox", 'a', Follow.NonLetter), new("lpha", 'a', Follow.NonLetter), new("ngle", 'a', Follow.NonLetter),
        // \t → tab
        new("ext", 't', Follow.Brace), new("extbf", 't', Follow.Brace), new("extit", 't', Follow.Brace), new("extrm", 't', Follow.Brace),
        new("imes", 't', Follow.NonLetter), new("heta", 't', Follow.NonLetter), new("au", 't', Follow.NonLetter, Ambiguous: true),
        new("ilde", 't', Follow.NonLetter), new("anh", 't', Follow.NonLetter),
        // \n → newline ("u" for \nu deliberately left out)
        new("abla", 'n', Follow.NonLetter), new("eq", 'n', Follow.NonLetter, Ambiguous: true), new("ot", 'n', Follow.NonLetter, Ambiguous: true),
        new("eg", 'n', Follow.NonLetter, Ambiguous: true),
        // \v → vertical tab
        new("ec", 'v', Follow.Brace), new("ec", 'v', Follow.NonLetter, Ambiguous: true), new("arepsilon", 'v', Follow.NonLetter),
        new("arphi", 'v', Follow.NonLetter),
    };

    private static readonly Dictionary<string, Rule[]> ByToken =
        Rules.GroupBy(r => r.Token, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    /// <summary>Control characters that never belong in TeX and what escape letter they were.</summary>
    private static char? EscapeOfControl(char c) => c switch
    {
        '\a' => 'a', '\b' => 'b', '\v' => 'v', '\f' => 'f', _ => null,
    };

    private static readonly string[] TextLikeMacros =
        { "text", "textrm", "textbf", "textit", "textsf", "texttt", "mbox", "mathrm", "operatorname", "hbox" };

    public static IReadOnlyList<MathLintFinding> Lint(string tex)
    {
        var findings = new List<MathLintFinding>();
        if (string.IsNullOrEmpty(tex)) return findings;
        var textRanges = TextArgumentRanges(tex);
        int i = 0;
        while (i < tex.Length)
        {
            var c = tex[i];
            if (EscapeOfControl(c) is char esc)
            {
                int s = i + 1, e = s;
                while (e < tex.Length && IsLetter(tex[e])) e++;
                var run = tex[s..e];
                var suffix = e < tex.Length && tex[e] == '{' ? "{" : "";
                if (run.Length == 0)
                    findings.Add(new MathLintFinding(i, 1, " ", "", "\\" + esc, c));
                else
                    findings.Add(new MathLintFinding(i, 1 + run.Length, "\\" + esc + run, run + suffix, "\\" + esc + run + suffix, c));
                i = Math.Max(e, i + 1);
                continue;
            }
            if (!IsLetter(c)) { i++; continue; }
            int start = i;
            while (i < tex.Length && IsLetter(tex[i])) i++;
            var word = tex[start..i];
            if (!ByToken.TryGetValue(word, out var rules)) continue;
            var prev = start > 0 ? tex[start - 1] : '\0';
            if (prev == '\\' || prev == '@') continue;                 // a real macro (\eta) or internal name
            if (InRanges(textRanges, start)) continue;                 // prose inside \text{…}
            var next = i < tex.Length ? tex[i] : '\0';
            foreach (var rule in rules)
            {
                if (!FollowOk(rule.Follow, next, tex, i)) continue;
                if (rule.Ambiguous && !AmbiguousPositionOk(tex, start)) continue;
                var shownSuffix = rule.Follow == Follow.NonLetter || next == '\0' || char.IsWhiteSpace(next) ? "" : next.ToString();
                findings.Add(new MathLintFinding(start, word.Length, "\\" + rule.Escape + word,
                    word + shownSuffix, "\\" + rule.Escape + word + shownSuffix, null));
                break;
            }
        }
        return findings;
    }

    /// <summary>The TeX with every finding repaired (e.g. <c>rac{1}{2}</c> → <c>\frac{1}{2}</c>).</summary>
    public static string Repair(string tex, IReadOnlyList<MathLintFinding> findings)
    {
        if (findings.Count == 0) return tex;
        var sb = new StringBuilder(tex.Length + findings.Count * 2);
        int pos = 0;
        foreach (var f in findings.OrderBy(f => f.Index))
        {
            if (f.Index < pos) continue;
            sb.Append(tex, pos, f.Index - pos).Append(f.Replacement);
            pos = f.Index + f.Length;
        }
        sb.Append(tex, pos, tex.Length - pos);
        return sb.ToString();
    }

    public static string Repair(string tex) => Repair(tex, Lint(tex));

    private static bool IsLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    private static bool FollowOk(Follow f, char next, string tex, int at) => f switch
    {
        Follow.NonLetter => !IsLetter(next),
        Follow.Brace => next == '{' || (next == ' ' && at + 1 < tex.Length && tex[at + 1] == '{' ),
        Follow.FracLike => next is '{' or ' ' or '\\' || char.IsAsciiDigit(next),
        Follow.Delimiter => next is ')' or ']' or '}' or '|' or '.' or '/' or '\\' or '(' or '[' or '<' or '>',
        _ => false,
    };

    /// <summary>Short tokens only count where a macro is plausible: not a subscript/superscript name (x_{eq}) and not after a digit.</summary>
    private static bool AmbiguousPositionOk(string tex, int start)
    {
        var p = start - 1;
        if (p < 0) return true;
        var c = tex[p];
        if (c is '_' or '^' || char.IsAsciiDigit(c)) return false;
        if (c == '{')
        {
            var q = p - 1;
            while (q >= 0 && tex[q] == ' ') q--;
            if (q >= 0 && tex[q] is '_' or '^') return false;
        }
        return true;
    }

    private static bool InRanges(List<(int Start, int End)> ranges, int index)
    {
        foreach (var (s, e) in ranges) if (index >= s && index < e) return true;
        return false;
    }

    /// <summary>Index ranges of the brace arguments of \text{…}, \mathrm{…}, \operatorname{…} and friends.</summary>
    private static List<(int Start, int End)> TextArgumentRanges(string tex)
    {
        var ranges = new List<(int, int)>();
        for (int i = 0; i < tex.Length; i++)
        {
            if (tex[i] != '\\') continue;
            int s = i + 1, e = s;
            while (e < tex.Length && IsLetter(tex[e])) e++;
            if (e == s) { i++; continue; } // \\ \{ etc.: skip the escaped char
            var name = tex[s..e];
            i = e - 1;
            if (Array.IndexOf(TextLikeMacros, name) < 0) continue;
            var b = e;
            while (b < tex.Length && tex[b] == ' ') b++;
            if (b >= tex.Length || tex[b] != '{') continue;
            int depth = 0, k = b;
            for (; k < tex.Length; k++)
            {
                if (tex[k] == '\\') { k++; continue; }
                if (tex[k] == '{') depth++;
                else if (tex[k] == '}' && --depth == 0) break;
            }
            ranges.Add((b + 1, Math.Min(k, tex.Length)));
        }
        return ranges;
    }
}
