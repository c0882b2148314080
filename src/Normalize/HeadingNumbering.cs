using System.Text.RegularExpressions;

namespace Site.Normalize;

/// <summary>How an author numbered a heading. Order is nesting rank: outer schemes first.</summary>
public enum NumberScheme
{
    None,
    /// <summary>第一章 / 第3节</summary>
    Chapter,
    /// <summary>【…】 or 「…」 wrapping the whole heading (no number, a part title).</summary>
    Bracket,
    /// <summary>一、 二, 三，</summary>
    Chinese,
    /// <summary>（一） (二)</summary>
    ChineseParen,
    /// <summary>1. 1． 1、 "1 " (number and space)</summary>
    Arabic,
    /// <summary>1.1, 3.3.2 (dotted, two or more parts)</summary>
    Decimal,
    /// <summary>(1) （2）</summary>
    ArabicParen,
}

/// <summary>A heading's numbering split from its text: "1.2 想要训练?" → Decimal [1,2] "1.2" + "想要训练?".</summary>
public readonly record struct HeadingNumber(NumberScheme Scheme, string Number, int[] Parts, string Rest)
{
    public bool IsNumbered => Scheme is not NumberScheme.None and not NumberScheme.Bracket;
    /// <summary>"1.2" → "1": the number of the parent a Decimal heading belongs to.</summary>
    public string ParentNumber => Parts.Length > 1 ? string.Join('.', Parts[..^1]) : "";
    public int Last => Parts.Length == 0 ? 0 : Parts[^1];
}

/// <summary>
/// The one owner of heading-numbering rules: recognising a number prefix (used by the plain-text
/// outliner to infer nesting) and stripping it plus decoration for display (used by the normalizer for
/// headings, note titles and file-name titles, so the page, TOC, sidebar and share pages agree).
/// The rules, first match wins (README "Heading numbers" repeats them):
/// <list type="number">
/// <item>第N章/节/篇/部/回/讲/课 — "第3章 优化器" → "优化器".</item>
/// <item>Chinese numeral + 、，,．. — "三、方法" → "方法"; （一） / (1) — "（二）实验" → "实验".</item>
/// <item>Dotted decimal, 0 allowed: "1.2 X", "0.1 X", "2.1如何", "1.2. X"; with a trailing dot anything
///   but a digit may follow ("2.2.RoPE" → "RoPE"); without one only a space, CJK, bracket, bold, code or
///   math — so "1.5B 模型" and "9.1F1B" are not decimals.</item>
/// <item>Single number + "." "．" "、" or space, 0 allowed ("0.引言" → "引言", "9.warmup" → "warmup"), or a
///   zero-padded sort prefix "04-" / "04_" ("04-AI算法" → "AI算法") — if what follows is text: a number
///   glued to letters or CJK is a name ("9.1F1B" → "1F1B", "3. 3D并行" → "3D并行"), a bare number means
///   the heading is ambiguous and is kept as written ("1. 2 Code" stays "1. 2 Code"), and "N.M" + one
///   unit letter is a quantity ("1.5B 模型" stays).</item>
/// <item>Numbers inside a name are never numbering: "3D并行", "ZeRO-3", "GPT-4", "2024年", "1F1B", "7B 模型".</item>
/// <item>Only one prefix is stripped; then 【】/「」 wrapping, bold markers and a trailing colon; a heading
///   that is only a number keeps it.</item>
/// </list>
/// </summary>
public static partial class HeadingNumbering
{
    private const string CnDigits = "零〇一二三四五六七八九十百两";

    [GeneratedRegex(@"^第\s*([零〇一二三四五六七八九十百两\d]{1,4})\s*([章节篇部回讲课])\s*[:：、.．]?\s*(?<rest>.*)$")]
    private static partial Regex ChapterRx();
    [GeneratedRegex(@"^(?<n>[零〇一二三四五六七八九十百两]{1,3})\s*[、，,．.]\s*(?<rest>.+)$")]
    private static partial Regex ChineseRx();
    [GeneratedRegex(@"^[（(]\s*(?<n>[一二三四五六七八九十]{1,3})\s*[）)]\s*(?<rest>.+)$")]
    private static partial Regex ChineseParenRx();
    [GeneratedRegex(@"^[（(]\s*(?<n>\d{1,2})\s*[）)]\s*(?<rest>.+)$")]
    private static partial Regex ArabicParenRx();
    // 1.2 / 1.2. / 3.3.1 / 0.1 — with a trailing dot anything but a digit may follow ("2.2.RoPE"); without one,
    // a space, CJK, a bracket, bold, code or math ("2.1如何" but not "1.5B", "9.1F1B").
    [GeneratedRegex(@"^(?<n>\d{1,2}(?:[.．]\d{1,2}){1,4})(?:[.．](?![\d.．])|(?=[\s\p{IsCJKUnifiedIdeographs}【「（(*`$]))\s*(?<rest>.+)$")]
    private static partial Regex DecimalRx();
    // 1. / 1． / 1、 / "1 " / 0-padded "04-" "04_" — not "2023 年", "3D", "1.5"; what follows is checked by FollowsAsText.
    [GeneratedRegex(@"^(?<n>\d{1,2})(?<sep>[.．]|、|\s+|(?<=^0\d)[-_])(?<space>\s*)(?<rest>.+)$")]
    private static partial Regex ArabicRx();
    [GeneratedRegex(@"^[【「](?<rest>[^【】「」]+)[】」]$")]
    private static partial Regex BracketRx();

    /// <summary>Splits a numbering prefix off <paramref name="text"/> (already trimmed plain text).</summary>
    public static HeadingNumber Parse(string text)
    {
        var t = text.Trim();
        Match m;
        if ((m = ChapterRx().Match(t)).Success && m.Groups["rest"].Value.Length > 0)
        {
            var n = ParseAnyInt(m.Groups[1].Value);
            return new(NumberScheme.Chapter, "第" + m.Groups[1].Value + m.Groups[2].Value, new[] { n }, m.Groups["rest"].Value.Trim());
        }
        if ((m = ChineseRx().Match(t)).Success)
            return new(NumberScheme.Chinese, m.Groups["n"].Value, new[] { ChineseToInt(m.Groups["n"].Value) }, m.Groups["rest"].Value.Trim());
        if ((m = ChineseParenRx().Match(t)).Success)
            return new(NumberScheme.ChineseParen, "(" + m.Groups["n"].Value + ")", new[] { ChineseToInt(m.Groups["n"].Value) }, m.Groups["rest"].Value.Trim());
        if ((m = ArabicParenRx().Match(t)).Success)
            return new(NumberScheme.ArabicParen, "(" + m.Groups["n"].Value + ")", new[] { int.Parse(m.Groups["n"].Value) }, m.Groups["rest"].Value.Trim());
        if ((m = DecimalRx().Match(t)).Success)
        {
            var parts = m.Groups["n"].Value.Split('.', '．').Select(int.Parse).ToArray();
            return new(NumberScheme.Decimal, string.Join('.', parts), parts, m.Groups["rest"].Value.Trim());
        }
        if ((m = ArabicRx().Match(t)).Success && FollowsAsText(m.Groups["rest"].Value, glued: m.Groups["sep"].Value is "." or "．" && m.Groups["space"].Length == 0))
        {
            var n = int.Parse(m.Groups["n"].Value);
            return new(NumberScheme.Arabic, n.ToString(), new[] { n }, m.Groups["rest"].Value.Trim());
        }
        if ((m = BracketRx().Match(t)).Success)
            return new(NumberScheme.Bracket, "", Array.Empty<int>(), m.Groups["rest"].Value.Trim());
        return new(NumberScheme.None, "", Array.Empty<int>(), t);
    }

    /// <summary>Units that make "1.5B", "0.5x", "2.5T" a quantity, not "1." + "5B".</summary>
    private const string QuantityUnits = "KMBTGkmbtgxX%";

    /// <summary>
    /// Whether what follows an Arabic number "N." / "N、" / "N " reads as the heading's text. Not when it
    /// starts with a bare number ("1. 2 Code", "0.864 0.841": ambiguous, kept as written); a number glued to
    /// letters or CJK is a name and is text ("9.1F1B" → "1F1B", "3. 3D并行" → "3D并行", "1. 2024年" → "2024年");
    /// but glued to the dot and followed by one unit letter it is a quantity ("1.5B 模型" stays whole).
    /// </summary>
    private static bool FollowsAsText(string rest, bool glued)
    {
        int i = 0;
        while (i < rest.Length && char.IsAsciiDigit(rest[i])) i++;
        if (i == 0) return true;
        if (i == rest.Length) return false;
        var c = rest[i];
        if (!char.IsLetter(c)) return false; // "2 Code", "2.3 x", "5%": a bare number
        if (glued && QuantityUnits.Contains(c) && (i + 1 == rest.Length || !char.IsAsciiLetterOrDigit(rest[i + 1]))) return false;
        return true;
    }

    /// <summary>
    /// Display form of a heading: numbering, 【】 wrapping, bold markers and a trailing colon removed.
    /// "1.2 想要训练?" → ("1.2", "想要训练?"); "三、【基础面 Plus】" → ("三", "基础面 Plus"); "低效的问题:" → ("", "低效的问题").
    /// A heading that is only a number keeps it as its title.
    /// </summary>
    public static (string Number, string Title) Clean(string text)
    {
        var t = StripBold(text.Trim());
        var p = Parse(t);
        var number = p.IsNumbered ? p.Number : "";
        var rest = p.IsNumbered || p.Scheme == NumberScheme.Bracket ? p.Rest : t;
        rest = StripBold(rest);
        var inner = Parse(rest);
        if (inner.Scheme == NumberScheme.Bracket) rest = inner.Rest;
        rest = rest.TrimEnd().TrimEnd(':', '：').TrimEnd();
        rest = StripBold(rest);
        if (rest.Length == 0) return ("", number.Length > 0 ? number : t);
        return (number, rest);
    }

    private static string StripBold(string s)
    {
        s = s.Trim();
        while (s.Length >= 4 && (s.StartsWith("**", StringComparison.Ordinal) && s.EndsWith("**", StringComparison.Ordinal)
                                 || s.StartsWith("__", StringComparison.Ordinal) && s.EndsWith("__", StringComparison.Ordinal)))
            s = s[2..^2].Trim();
        return s;
    }

    /// <summary>一 → 1, 十二 → 12, 二十 → 20, 九十九 → 99; digits parse as digits.</summary>
    public static int ChineseToInt(string s)
    {
        if (s.Length == 0) return 0;
        if (s.All(char.IsAsciiDigit)) return int.Parse(s);
        int Digit(char c) => c switch { '零' or '〇' => 0, '两' => 2, _ => "零一二三四五六七八九".IndexOf(c) };
        int total = 0, current = 0;
        foreach (var c in s)
        {
            if (c == '百') { total += Math.Max(1, current) * 100; current = 0; }
            else if (c == '十') { total += Math.Max(1, current) * 10; current = 0; }
            else { var d = Digit(c); if (d < 0) return 0; current = d; }
        }
        return total + current;
    }

    private static int ParseAnyInt(string s) => s.All(char.IsAsciiDigit) ? int.Parse(s) : ChineseToInt(s);

    internal static bool IsChineseNumeral(char c) => CnDigits.Contains(c);
}
