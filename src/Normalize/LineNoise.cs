using System.Text.RegularExpressions;

namespace Site.Normalize;

/// <summary>Why the outliner left a source line out of the Markdown.</summary>
public static class DropReason
{
    public const string Toc = "toc";
    public const string PageNumbers = "page-numbers";
    public const string ForumChrome = "forum-chrome";
    public const string Ad = "ad";
    public const string Caption = "caption";
    /// <summary>The line became the note title (forum thread title, PDF first line).</summary>
    public const string Title = "title";
}

/// <summary>
/// The one owner of "this line is not part of the note" rules for plain text copied from forums and
/// PDFs: page-number runs, table-of-contents blocks, forum chrome, ad lines and stray figure captions.
/// </summary>
public static partial class LineNoise
{
    [GeneratedRegex(@"^[\d\s]+$")]
    private static partial Regex DigitsRx();
    [GeneratedRegex(@"^(第\s*\d+\s*页(\s*[/，,]?\s*共\s*\d+\s*页)?|-\s*\d+\s*-|[Pp]age\s+\d+(\s+of\s+\d+)?|\d+\s*/\s*\d+)$")]
    private static partial Regex PageLabelRx();
    [GeneratedRegex(@"^(目\s*录|contents|table of contents)[:：]?$", RegexOptions.IgnoreCase)]
    private static partial Regex TocHeaderRx();
    [GeneratedRegex(@"(\.{3,}|…{2,}|·{3,}|\s{2,}|\t)\s*\d{1,4}\s*$")]
    private static partial Regex TocEntryRx();
    [GeneratedRegex(@"发表于\s*\d{4}-\d{1,2}-\d{1,2}")]
    private static partial Regex PostedAtRx();
    [GeneratedRegex(@"(显示全部楼层|阅读模式|只看该作者|楼主|电梯直达|沙发|板凳)")]
    private static partial Regex PosterWordsRx();
    [GeneratedRegex(@"^(回复|举报|收藏|分享|使用道具\s*举报|回复\s*支持\s*反对|支持\s*反对|精彩评论\s*\d*|高级模式|返回列表|发表回复|点评|评分)$")]
    private static partial Regex ReplyChromeRx();
    [GeneratedRegex(@"(Copyright\s*©|©\s*\d{4}|ICP备|公网安备|返回顶部|扫码关注|您需要登录后才可以回帖|登录\s*\|\s*免费注册|^•?\s*官方微信$|^•?\s*新浪微博$|^•?\s*智能客服$)", RegexOptions.IgnoreCase)]
    private static partial Regex SiteFooterRx();
    [GeneratedRegex(@"^(Figure|Fig\.?|图)\s*\d+(\.\d+)?\s*[:：.．]", RegexOptions.IgnoreCase)]
    private static partial Regex CaptionRx();

    private static readonly string[] AdWords =
    {
        "扫码", "扫描二维码", "二维码", "添加", "资料包", "公众号", "课件", "领取", "私信", "加微信", "进群", "加群",
        "免费获取", "免费分享", "发给你", "需要的朋友", "入门路线",
    };

    /// <summary>"58", "49 49 50", "484949494950", "第 3 页", "- 12 -".</summary>
    public static bool IsPageNumbers(string line)
    {
        var t = line.Trim();
        if (t.Length == 0) return false;
        return DigitsRx().IsMatch(t) || PageLabelRx().IsMatch(t);
    }

    public static bool IsTocHeader(string line) => TocHeaderRx().IsMatch(line.Trim());

    /// <summary>A line inside a TOC block: tab-separated entry, dot leaders + page number, or page numbers.</summary>
    public static bool IsTocEntry(string line) =>
        line.Contains('\t') || TocEntryRx().IsMatch(line) || IsPageNumbers(line);

    /// <summary>"someone 显示全部楼层 发表于 2024-6-28 14:01:01 |阅读模式 …": the line under a forum post's title.</summary>
    public static bool IsPosterLine(string line) => PostedAtRx().IsMatch(line) && PosterWordsRx().IsMatch(line);

    /// <summary>"回复", "使用道具 举报", "精彩评论3" …: where the replies under a forum post begin.</summary>
    public static bool IsReplyChrome(string line) => ReplyChromeRx().IsMatch(line.Trim());

    /// <summary>Site footer lines that never belong to a note (copyright, ICP licence, back-to-top, login links).</summary>
    public static bool IsSiteFooter(string line) => SiteFooterRx().IsMatch(line.Trim());

    public static bool IsCaption(string line) => CaptionRx().IsMatch(line.Trim());

    /// <summary>Number of distinct ad words ("扫码", "资料包", "课件" …) in a line.</summary>
    public static int AdScore(string line) => AdWords.Count(w => line.Contains(w, StringComparison.Ordinal));

    /// <summary>An ad line: at least two ad words in a short line ("PDF+课件资料包已备好", "扫码添加,我会发给你的").</summary>
    public static bool IsAd(string line)
    {
        var t = line.Trim();
        return t.Length is > 0 and <= 120 && AdScore(t) >= 2;
    }
}
