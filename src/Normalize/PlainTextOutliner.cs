using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Site.Normalize;

/// <summary>
/// Converts a plain-text note (forum page or PDF extract pasted as text) into Markdown: drops TOC,
/// page numbers, forum chrome and ads, turns tab-separated rows into pipe tables, keeps code fences and
/// $$ math verbatim, and infers headings and their nesting from numbering (see <see cref="OutlineBuilder"/>).
/// Heading text keeps its numbering ("## 1.1 想要训练…?"); <see cref="HeadingNormalizer"/> strips it.
/// With <c>markdownInput</c> the text is Markdown without headings: only heading lines are rewritten,
/// nothing is dropped or escaped and lines map 1:1.
/// </summary>
public sealed partial class PlainTextOutliner
{
    private readonly bool _markdownInput;

    public PlainTextOutliner(bool markdownInput = false) => _markdownInput = markdownInput;

    private enum Kind { Para, Bullet, Code, Math, Table, Other, Heading }

    private sealed class Block
    {
        public Kind Kind;
        public List<int> Src = new();
        public int Level;
        public string Text = "";
        public List<string>? TableLines;
    }

    [GeneratedRegex(@"^\s*[-*+•·▪●]\s+\S")]
    private static partial Regex BulletRx();
    [GeneratedRegex(@"^\s*[-*+•·▪●]\s+")]
    private static partial Regex BulletMarkRx();
    [GeneratedRegex(@"^(?<n>\d{1,3})[.．]\s*(?<rest>\S.*)$")]
    private static partial Regex OrderedRx();
    [GeneratedRegex(@"^(?<before>.*?[^\d.．\s*])\s*(?<h>(\*\*)?\d{1,2}[.．]\d{1,2}([.．]\d{1,2})?\s*[^\d.．\s].{0,60})$")]
    private static partial Regex GluedRx();
    [GeneratedRegex(@"^([=\-_*]\s*){3,}$|^=+$")]
    private static partial Regex RuleRx();

    public PlainTextResult Convert(string text)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var dropped = new string?[lines.Length];
        string? title = _markdownInput ? null : MarkNoise(lines, dropped);
        var blocks = SplitBlocks(lines, dropped);
        if (!_markdownInput && title is null) title = TakeTitle(lines, blocks, dropped);
        var outline = InferHeadings(lines, blocks);

        var (md, map) = _markdownInput ? EmitMarkdownInput(lines, outline) : Emit(lines, outline);
        return new PlainTextResult
        {
            Markdown = string.Join('\n', md),
            LineMap = map.ToImmutableArray(),
            Title = title,
            Dropped = Enumerable.Range(0, lines.Length).Where(i => dropped[i] is not null)
                .Select(i => new DroppedLine(i + 1, lines[i], dropped[i]!)).ToImmutableArray(),
            Headings = outline.Where(b => b.Kind == Kind.Heading)
                .Select(b => new InferredHeading(b.Src[0] + 1, b.Level, b.Text)).ToImmutableArray(),
        };
    }

    // ---------------------------------------------------------------- noise

    /// <summary>Marks dropped lines; returns the forum thread title if the text is a forum page.</summary>
    private static string? MarkNoise(string[] lines, string?[] dropped)
    {
        string? title = null;
        int poster = Array.FindIndex(lines, LineNoise.IsPosterLine);
        if (poster >= 0)
        {
            // Everything above the first post is page chrome, except the thread title right above it.
            int titleAt = -1;
            for (int i = poster - 1; i >= 0 && titleAt < 0; i--)
                if (lines[i].Trim().Length > 0 && HeadingShape.Width(lines[i].Trim()) <= 60) titleAt = i;
            for (int i = 0; i < poster; i++)
                if (lines[i].Trim().Length > 0) dropped[i] = i == titleAt ? DropReason.Title : DropReason.ForumChrome;
            if (titleAt >= 0) title = lines[titleAt].Trim();
            dropped[poster] = DropReason.ForumChrome;
            // Replies, comments and the site footer follow the first post's reply/report buttons.
            int tail = Array.FindIndex(lines, poster + 1, LineNoise.IsReplyChrome);
            if (tail >= 0)
                for (int i = tail; i < lines.Length; i++)
                    if (lines[i].Trim().Length > 0) dropped[i] = DropReason.ForumChrome;
        }

        bool inCode = false, inMath = false, inToc = false;
        string fence = "";
        for (int i = 0; i < lines.Length; i++)
        {
            if (dropped[i] is not null) continue;
            var t = lines[i].Trim();
            if (inCode) { if (t.StartsWith(fence, StringComparison.Ordinal)) inCode = false; continue; }
            if (IsFence(t, out var f)) { inCode = true; fence = f; inToc = false; continue; }
            if (inMath) { if (t.Contains("$$")) inMath = false; continue; }
            if (t.StartsWith("$$") && Count(t, "$$") % 2 == 1) { inMath = true; continue; }
            if (inToc)
            {
                if (t.Length == 0) continue;
                if (LineNoise.IsTocEntry(lines[i])) { dropped[i] = LineNoise.IsPageNumbers(t) ? DropReason.PageNumbers : DropReason.Toc; continue; }
                inToc = false;
            }
            if (t.Length == 0) continue;
            if (LineNoise.IsTocHeader(t)) { dropped[i] = DropReason.Toc; inToc = true; }
            else if (LineNoise.IsPageNumbers(t)) dropped[i] = DropReason.PageNumbers;
            else if (LineNoise.IsSiteFooter(t) || LineNoise.IsPosterLine(t)) dropped[i] = DropReason.ForumChrome;
            else if (LineNoise.IsAd(t)) dropped[i] = DropReason.Ad;
            else if (LineNoise.IsCaption(t)) dropped[i] = DropReason.Caption;
        }
        // An ad sentence broken over two lines: a short neighbour with an ad word belongs to it.
        for (int i = 0; i < lines.Length; i++)
        {
            if (dropped[i] != DropReason.Ad) continue;
            foreach (var dir in new[] { -1, 1 })
            {
                int j = i + dir;
                while (j >= 0 && j < lines.Length && lines[j].Trim().Length == 0) j += dir;
                if (j >= 0 && j < lines.Length && dropped[j] is null && LineNoise.AdScore(lines[j]) >= 1 && HeadingShape.Width(lines[j].Trim()) <= 20)
                    dropped[j] = DropReason.Ad;
            }
        }
        return title;
    }

    private static bool IsFence(string t, out string fence)
    {
        fence = t.StartsWith("```") ? "```" : t.StartsWith("~~~") ? "~~~" : "";
        return fence.Length > 0;
    }

    private static int Count(string s, string what)
    {
        int n = 0;
        for (int i = s.IndexOf(what, StringComparison.Ordinal); i >= 0; i = s.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    /// <summary>A PDF's first line ("大模型 LLMs面试宝典") is its title when short and not itself a heading.</summary>
    private static string? TakeTitle(string[] lines, List<Block> blocks, string?[] dropped)
    {
        if (blocks.Count < 2 || blocks[0].Kind != Kind.Para || blocks[0].Src.Count != 1) return null;
        int at = blocks[0].Src[0];
        var t = lines[at].Trim();
        if (!HeadingShape.IsWeak(t) || HeadingShape.Width(t) > 30 || HeadingShape.EndsWithQuestionMark(t)
            || t.EndsWith(':') || t.EndsWith('：') || HeadingShape.IsPartTitle(t)
            || HeadingNumbering.Parse(t).Scheme != NumberScheme.None)
            return null;
        dropped[at] = DropReason.Title;
        blocks.RemoveAt(0);
        return t;
    }

    // ---------------------------------------------------------------- blocks

    private List<Block> SplitBlocks(string[] lines, string?[] dropped)
    {
        var blocks = new List<Block>();
        Block? para = null;
        int i = 0, n = lines.Length;
        while (i < n)
        {
            var t = lines[i].Trim();
            if (dropped[i] is not null || t.Length == 0) { para = null; i++; continue; }
            if (IsFence(t, out var fence))
            {
                int j = i + 1;
                while (j < n && !lines[j].Trim().StartsWith(fence, StringComparison.Ordinal)) j++;
                int end = Math.Min(j, n - 1);
                blocks.Add(new Block { Kind = Kind.Code, Src = Enumerable.Range(i, end - i + 1).ToList() });
                para = null; i = end + 1; continue;
            }
            if (t.StartsWith("$$"))
            {
                int end = i;
                if (Count(t, "$$") % 2 == 1)
                {
                    end = i + 1;
                    while (end < n && !lines[end].Contains("$$")) end++;
                    end = Math.Min(end, n - 1);
                }
                blocks.Add(new Block { Kind = Kind.Math, Src = Enumerable.Range(i, end - i + 1).ToList() });
                para = null; i = end + 1; continue;
            }
            if (!_markdownInput && t.Contains('\t'))
            {
                int j = i;
                while (j < n && dropped[j] is null && lines[j].Trim().Contains('\t')) j++;
                if (j - i >= 2 && TabTable.ToPipeTable(lines[i..j]) is { } table)
                {
                    blocks.Add(new Block { Kind = Kind.Table, Src = Enumerable.Range(i, j - i).ToList(), TableLines = table });
                    para = null; i = j; continue;
                }
            }
            if (BulletRx().IsMatch(lines[i]))
            {
                blocks.Add(new Block { Kind = Kind.Bullet, Src = { i } });
                para = null; i++; continue;
            }
            if (_markdownInput && (t[0] is '|' or '>' or '<' or '#' || lines[i].StartsWith("    ")))
            {
                blocks.Add(new Block { Kind = Kind.Other, Src = { i } });
                para = null; i++; continue;
            }
            if (para is null) { para = new Block { Kind = Kind.Para }; blocks.Add(para); }
            para.Src.Add(i);
            i++;
        }
        return blocks;
    }

    // ---------------------------------------------------------------- headings

    private List<Block> InferHeadings(string[] lines, List<Block> blocks)
    {
        var builder = new OutlineBuilder();
        var result = new List<Block>();
        for (int k = 0; k < blocks.Count; k++)
        {
            var b = blocks[k];
            if (b.Kind != Kind.Para) { result.Add(b); continue; }
            var glued = SplitGluedHeading(lines, b, builder);
            int first = b.Src[0];
            var t = lines[first].Trim().Replace('\t', ' ');
            Kind? next = b.Src.Count > 1 ? Kind.Para : k + 1 < blocks.Count ? blocks[k + 1].Kind : null;
            var prev = k > 0 && result.Count > 0 && ReferenceEquals(result[^1], blocks[k - 1]) ? result[^1] : null;

            int? level = null;
            var headingText = t;
            var num = HeadingNumbering.Parse(t);
            if (num.Scheme == NumberScheme.Bracket)
                level = builder.Bracket(num.Rest);
            else if (num.IsNumbered)
            {
                if (!IsTightList(lines, b, num))
                {
                    var r = builder.TryNumbered(num, HeadingShape.IsStrong(num.Rest), HeadingShape.IsWeak(num.Rest),
                        () => prev is { Kind: Kind.Para, Src.Count: 1 } && HeadingShape.IsIntro(lines[prev.Src[0]]));
                    if (r is { } accepted)
                    {
                        level = accepted.Level;
                        if (accepted.IntroLevel is { } il && prev is not null)
                        {
                            prev.Kind = Kind.Heading;
                            prev.Level = il;
                            prev.Text = lines[prev.Src[0]].Trim();
                        }
                    }
                }
            }
            else if (!_markdownInput && (t.StartsWith("| ") || t.StartsWith('│')) && t.TrimStart('|', '│', ' ') is var bar
                     && HeadingShape.IsWeak(bar) && HeadingShape.Width(bar) <= 20)
            {
                level = builder.Label(bar);
                headingText = bar;
            }
            else if (HeadingShape.IsPoint(t)) level = builder.Point(t);
            else if (HeadingShape.IsPartTitle(t)) level = builder.Container(t);
            else if (HeadingShape.IsQuestion(t)) level = builder.Question(t);
            else if (HeadingShape.IsColonLabel(t) && next == Kind.Bullet) level = builder.Label(t);

            if (level is { } lv)
            {
                result.Add(new Block { Kind = Kind.Heading, Src = { first }, Level = lv, Text = headingText });
                if (b.Src.Count > 1) result.Add(new Block { Kind = Kind.Para, Src = b.Src.Skip(1).ToList() });
            }
            else result.Add(b);

            if (glued is not null && builder.TryNumbered(HeadingNumbering.Parse(glued), true, true) is { } g)
                result.Add(new Block { Kind = Kind.Heading, Src = { b.Src[^1] }, Level = g.Level, Text = glued });
        }
        return result;
    }

    /// <summary>
    /// PDF extraction sometimes glues the next heading to the end of a paragraph ("…精排4.3 RAG 如何优化索引结构?",
    /// "…要用PP**3.3 多节点多卡**"). When the tail continues an open 1.1-style sequence and looks like a heading,
    /// the line is cut (the array is our copy) and the heading text returned.
    /// </summary>
    private static string? SplitGluedHeading(string[] lines, Block b, OutlineBuilder builder)
    {
        int at = b.Src[^1];
        var m = GluedRx().Match(lines[at].Trim());
        if (!m.Success) return null;
        var raw = m.Groups["h"].Value;
        var h = HeadingShape.Unbold(raw);
        var num = HeadingNumbering.Parse(h);
        if (num.Scheme != NumberScheme.Decimal || !builder.Continues(num)) return null;
        if (!HeadingShape.IsStrong(num.Rest) && !(raw.StartsWith("**") && HeadingShape.IsWeak(num.Rest))) return null;
        lines[at] = m.Groups["before"].Value;
        return h;
    }

    /// <summary>"1. a" directly followed by "2. b" on the next line: a list, not two headings.</summary>
    private static bool IsTightList(string[] lines, Block b, HeadingNumber num)
    {
        if (b.Src.Count < 2 || num.Scheme == NumberScheme.Decimal) return false;
        var second = HeadingNumbering.Parse(lines[b.Src[1]].Trim());
        return second.Scheme == num.Scheme && second.Last == num.Last + 1;
    }

    // ---------------------------------------------------------------- output

    private static (List<string>, List<int>) Emit(string[] lines, List<Block> blocks)
    {
        var md = new List<string>();
        var map = new List<int>();
        void Add(string s, int src) { md.Add(s); map.Add(src + 1); }
        void Gap(int src) { if (md.Count > 0 && md[^1].Length > 0) Add("", src); }

        for (int k = 0; k < blocks.Count; k++)
        {
            var b = blocks[k];
            switch (b.Kind)
            {
                case Kind.Heading:
                    Gap(b.Src[0]);
                    Add(new string('#', Math.Min(6, b.Level + 1)) + " " + b.Text, b.Src[0]);
                    break;
                case Kind.Para:
                case Kind.Other:
                    Gap(b.Src[0]);
                    foreach (var s in b.Src) Add(EscapeLine(lines[s]), s);
                    break;
                case Kind.Bullet:
                {
                    int end = k;
                    while (end + 1 < blocks.Count && blocks[end + 1].Kind == Kind.Bullet) end++;
                    var items = blocks.Skip(k).Take(end - k + 1).Select(x => (Src: x.Src[0], Text: BulletMarkRx().Replace(lines[x.Src[0]], "").Trim())).ToList();
                    bool ordered = items.All(x => OrderedRx().IsMatch(x.Text));
                    Gap(items[0].Src);
                    foreach (var (src, txt) in items)
                    {
                        if (ordered)
                        {
                            var m = OrderedRx().Match(txt);
                            Add($"{m.Groups["n"].Value}. {EscapeLine(m.Groups["rest"].Value)}", src);
                        }
                        else Add("- " + EscapeLine(txt), src);
                    }
                    k = end;
                    break;
                }
                case Kind.Code:
                    Gap(b.Src[0]);
                    foreach (var s in b.Src)
                    {
                        var l = lines[s];
                        Add(l.TrimStart().StartsWith("```") || l.TrimStart().StartsWith("~~~") ? l.Trim() : l, s);
                    }
                    if (!IsFence(lines[b.Src[^1]].Trim(), out _) || b.Src.Count == 1) Add(lines[b.Src[0]].Trim()[..3], b.Src[^1]);
                    break;
                case Kind.Math:
                    Gap(b.Src[0]);
                    foreach (var s in b.Src) Add(lines[s].Trim(), s);
                    break;
                case Kind.Table:
                    Gap(b.Src[0]);
                    for (int r = 0; r < b.TableLines!.Count; r++)
                        Add(b.TableLines[r], b.Src[Math.Max(0, r - 1)]);
                    break;
            }
        }
        return (md, map);
    }

    private static (List<string>, List<int>) EmitMarkdownInput(string[] lines, List<Block> blocks)
    {
        var md = lines.ToList();
        foreach (var b in blocks.Where(b => b.Kind == Kind.Heading))
            md[b.Src[0]] = new string('#', Math.Min(6, b.Level + 1)) + " " + b.Text;
        return (md, Enumerable.Range(1, lines.Length).ToList());
    }

    /// <summary>Plain text must not turn into Markdown structure: leading #, &gt;, &lt;, |, rules and indentation are neutralised.</summary>
    internal static string EscapeLine(string line)
    {
        var t = line.Trim().Replace('\t', ' ');
        if (t.Length == 0) return t;
        if (t[0] is '#' or '>' or '<' or '|' or '+' || RuleRx().IsMatch(t)) return "\\" + t;
        return t;
    }
}
