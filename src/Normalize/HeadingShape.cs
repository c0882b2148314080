using System.Text.RegularExpressions;

namespace Site.Normalize;

/// <summary>
/// What a heading line looks like, independent of numbering: short, no sentence ending, maybe a
/// question or a 篇/面 part title. List items are long sentences or "label: content" pairs.
/// </summary>
internal static partial class HeadingShape
{
    private static readonly string[] NotPartEndings =
        { "方面", "层面", "下面", "上面", "前面", "后面", "表面", "界面", "页面", "里面", "全面", "正面", "负面", "对面", "画面", "平面", "字面", "见面", "会面" };
    private static readonly string[] LeadIns = { "注", "例如", "比如", "譬如", "PS", "ps", "备注", "如下", "即" };
    private static readonly string[] LabelLeadInWords = { "如下", "以下", "包括", "例如", "比如", "譬如", "如:", "其中", "分别", "公式", "需要", "为:" };

    [GeneratedRegex(@"^痛点\s*\d+\s*[:：]\s*\S")]
    private static partial Regex PointRx();

    /// <summary>Display width: CJK counts 1, ASCII ½ (so "RAG (Retrieval-Augmented Generation) 面" is short).</summary>
    public static double Width(string s)
    {
        double w = 0;
        foreach (var c in s) w += c < 0x2E80 ? 0.5 : 1;
        return w;
    }

    public static string Unbold(string s)
    {
        s = s.Trim();
        while (s.Length >= 4 && s.StartsWith("**", StringComparison.Ordinal) && s.EndsWith("**", StringComparison.Ordinal)) s = s[2..^2].Trim();
        return s.Replace("**", "");
    }

    public static bool EndsWithQuestionMark(string s)
    {
        s = Unbold(s).TrimEnd();
        return s.EndsWith('?') || s.EndsWith('？');
    }

    private static bool StartsWithLeadIn(string t) =>
        LeadIns.Any(l => t.StartsWith(l, StringComparison.Ordinal) && t.Length > l.Length && t[l.Length] is ':' or '：' or ',' or '，' or ' ')
        || t.StartsWith("注:", StringComparison.Ordinal) || t.StartsWith("注：", StringComparison.Ordinal);

    /// <summary>Short, no sentence ending, no "label: content" shape. "8. 应用模式变更" yes; "1. 显存够用: 直接用" no.</summary>
    public static bool IsWeak(string text)
    {
        var t = Unbold(text);
        if (t.Length == 0 || Width(t) > 30) return false;
        if ("。.;；!！,，、".Contains(t[^1])) return false;
        if (t.Contains('。') || t.Contains('；')) return false;
        if (StartsWithLeadIn(t)) return false;
        var colon = t.IndexOfAny(new[] { ':', '：' });
        if (colon >= 0 && colon < t.Length - 1 && !EndsWithQuestionMark(t)) return false;
        return true;
    }

    /// <summary>Clearly a heading: a short question, or a short 篇/面 part title.</summary>
    public static bool IsStrong(string text)
    {
        var t = Unbold(text);
        if (t.Length == 0 || t.Contains('。') || StartsWithLeadIn(t)) return false;
        if (EndsWithQuestionMark(t)) return Width(t) <= 45;
        return IsPartTitle(t);
    }

    /// <summary>"WordPiece 篇", "大模型 (LLMs) 分布式训练面" — but not "算法层面".</summary>
    public static bool IsPartTitle(string text)
    {
        var t = Unbold(text);
        if (t.Length < 2 || Width(t) > 25 || !(t.EndsWith('篇') || t.EndsWith('面'))) return false;
        if (NotPartEndings.Any(e => t.EndsWith(e, StringComparison.Ordinal))) return false;
        return !t.Contains('。') && !t.Contains('，') && !t.Contains(':') && !t.Contains('：');
    }

    /// <summary>
    /// An unnumbered question heading: short, no "speaker: text" colon, and no clause before a comma
    /// (so "既然…, 那是否有其它方案?" inside an answer stays a sentence).
    /// </summary>
    public static bool IsQuestion(string text)
    {
        var t = Unbold(text);
        if (!EndsWithQuestionMark(t) || Width(t) > 40 || t.Contains('。') || StartsWithLeadIn(t)) return false;
        if (t.IndexOfAny(new[] { ':', '：' }) >= 0) return false;
        return !(t.Contains('，') || t.Contains(", ") || t.Contains(',')) || Width(t) <= 16;
    }

    /// <summary>"低效的令牌使用问题:" — a short noun phrase and a colon, no lead-in ("…包括:", "如下:").</summary>
    public static bool IsColonLabel(string text)
    {
        var t = Unbold(text);
        if (t.Length < 2 || !(t.EndsWith(':') || t.EndsWith('：'))) return false;
        var body = t[..^1].Trim();
        if (body.Length == 0 || Width(body) > 18) return false;
        if (body.IndexOfAny(new[] { ',', '，', '。', ';', '；', ':', '：', '、' }) >= 0) return false;
        return !LabelLeadInWords.Any(w => body.Contains(w, StringComparison.Ordinal)) && !StartsWithLeadIn(t);
    }

    public static bool IsPoint(string text) => PointRx().IsMatch(text.Trim()) && Width(text) <= 45;

    /// <summary>A line that may introduce a numbered sequence as its title: short, plain, no colon.</summary>
    public static bool IsIntro(string text)
    {
        var t = Unbold(text);
        return t.Length >= 2 && Width(t) <= 15 && IsWeak(t) && !t.EndsWith(':') && !t.EndsWith('：')
            && HeadingNumbering.Parse(t).Scheme == NumberScheme.None;
    }
}
