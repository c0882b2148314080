using System.Collections.Immutable;
using System.Text;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Site.Normalize;

/// <summary>A suspicious thing found while normalizing; Line is 1-based in the source file.</summary>
public sealed record NormalizeWarning(int Line, string Message);

public sealed record NormalizeResult(ImmutableArray<Section> Sections, ImmutableArray<NormalizeWarning> Warnings, string Preamble);

/// <summary>
/// Turns a parsed note's headings into normalized sections, editing the AST in place:
/// drops a first heading that repeats the note title and a heading that repeats its parent (content kept),
/// repairs skipped levels, makes the shallowest level 1 (rendered &lt;h2&gt;), strips numbering/decoration
/// from the displayed text (number kept in <see cref="Section.Number"/>), and assigns page-unique
/// readable ids (or the {#custom} id) plus stable share ids.
/// </summary>
public static class HeadingNormalizer
{
    public const int MaxWarnings = 5;

    public static NormalizeResult Normalize(MarkdownDocument doc, string noteKey, string? noteTitle, Func<int, int>? sourceLineOf = null)
    {
        sourceLineOf ??= l => l + 1;
        var warnings = new List<NormalizeWarning>();
        void Warn(int line, string msg) { if (warnings.Count < MaxWarnings) warnings.Add(new(line, msg)); }

        var heads = doc.OfType<HeadingBlock>().Select(h => new Head(h)).ToList();
        Collapse(doc, heads, noteTitle);

        // Repair levels: a heading is one deeper than the nearest shallower heading before it.
        // One warning for skipped levels (the first, with a count): a note that always skips should not spam.
        var stack = new Stack<Head>();
        int skips = 0, skipWarning = -1;
        foreach (var h in heads)
        {
            while (stack.Count > 0 && stack.Peek().RawLevel >= h.RawLevel) stack.Pop();
            h.Level = stack.Count == 0 ? 1 : Math.Min(6, stack.Peek().Level + 1);
            if (stack.Count > 0 && h.RawLevel - stack.Peek().RawLevel > 1 && skips++ == 0 && warnings.Count < MaxWarnings)
            {
                skipWarning = warnings.Count;
                Warn(sourceLineOf(h.Block.Line), $"heading level skipped (h{stack.Peek().RawLevel} → h{h.RawLevel}); nested one level below \"{stack.Peek().Title}\"");
            }
            h.Block.Level = Math.Min(6, h.Level + 1);
            stack.Push(h);
        }
        if (skips > 1 && skipWarning >= 0)
            warnings[skipWarning] = warnings[skipWarning] with { Message = warnings[skipWarning].Message + $" ({skips - 1} more skipped levels in this note)" };

        // Ids: custom {#id} anchors are pinned first, then readable slugs in document order.
        var slugger = new Slugger();
        foreach (var h in heads)
        {
            var custom = h.Block.TryGetAttributes()?.Id;
            if (string.IsNullOrEmpty(custom)) continue;
            if (!slugger.Reserve(custom)) Warn(sourceLineOf(h.Block.Line), $"duplicate heading id \"{custom}\"");
            h.Id = custom;
        }
        foreach (var h in heads)
        {
            h.Id ??= slugger.Unique(h.Title);
            h.Block.GetAttributes().Id = h.Id;
            StripDisplay(h);
        }

        // Paths, share ids, own text.
        var sections = ImmutableArray.CreateBuilder<Section>(heads.Count);
        var path = new List<(int Level, string Title, string Text, Dictionary<string, int> Seen)>();
        var rootSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        var texts = OwnTexts(doc, out var preamble);
        foreach (var h in heads)
        {
            while (path.Count > 0 && path[^1].Level >= h.Level) path.RemoveAt(path.Count - 1);
            var seen = path.Count == 0 ? rootSeen : path[^1].Seen;
            var ordinal = seen.GetValueOrDefault(h.Title);
            seen[h.Title] = ordinal + 1;
            var ancestors = path.Select(p => p.Title).ToImmutableArray();
            sections.Add(new Section
            {
                Level = h.Level,
                Number = h.Number,
                Title = h.Text,
                Id = h.Id!,
                ShareId = ShareIds.Compute(noteKey, ancestors.Append(h.Title), ordinal), // keyed on the TeX, as before
                Path = path.Select(p => p.Text).ToImmutableArray(),
                SourceLine = sourceLineOf(h.Block.Line),
                Text = texts[sections.Count],
            });
            path.Add((h.Level, h.Title, h.Text, new Dictionary<string, int>(StringComparer.Ordinal)));
        }
        return new NormalizeResult(sections.ToImmutable(), warnings.ToImmutableArray(), preamble);
    }

    private sealed class Head
    {
        public Head(HeadingBlock b)
        {
            Block = b;
            RawLevel = b.Level;
            Plain = MarkdownText.Collapse(MarkdownText.Inline(b.Inline));
            (Number, Title) = HeadingNumbering.Clean(Plain);
            Text = MarkdownText.TitleText(Title, Site.Emit.PlainText.ReadableMathCached);
        }
        /// <summary>What <see cref="SameText"/> compares, made on first use.</summary>
        public string Key => _key ??= SameTextKey(Plain);
        private string? _key;
        public HeadingBlock Block { get; }
        public int RawLevel { get; }
        public string Plain { get; }
        public string Number { get; }
        /// <summary>The title as written, formulas as TeX: ids and share ids are keyed on it.</summary>
        public string Title { get; }
        /// <summary>The title as read: formulas as text ("R_{t}" → "R_t", "\alpha" → "α"); Section.Title and Section.Path.</summary>
        public string Text { get; }
        public int Level { get; set; }
        public string? Id { get; set; }
    }

    /// <summary>Same heading text, ignoring case, width and whitespace ("langchain面" = "langchain 面").</summary>
    public static bool SameText(string? a, string? b)
    {
        if (a is null || b is null) return false;
        var ka = SameTextKey(a);
        return ka.Length > 0 && ka == SameTextKey(b);
    }

    /// <summary>What <see cref="SameText"/> compares: the cleaned title, NFKC, lower case, without whitespace.</summary>
    private static string SameTextKey(string s)
    {
        var (_, t) = HeadingNumbering.Clean(s);
        var sb = new StringBuilder(t.Length);
        foreach (var c in t.Normalize(NormalizationForm.FormKC)) if (!char.IsWhiteSpace(c)) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }

    private static void Collapse(MarkdownDocument doc, List<Head> heads, string? noteTitle)
    {
        if (heads.Count > 0 && noteTitle is not null && heads[0].Key.Length > 0 && heads[0].Key == SameTextKey(noteTitle)
            && heads[0].RawLevel == heads.Min(h => h.RawLevel))
        {
            doc.Remove(heads[0].Block);
            heads.RemoveAt(0);
        }
        for (int i = 1; i < heads.Count; i++)
        {
            // Only a heading directly under the previous one (its parent) can repeat it. Checked in this order,
            // cheap tests first, so 40,000 headings stay linear (the doc's IndexOf is a scan).
            var h = heads[i];
            var parent = heads[i - 1];
            if (parent.RawLevel >= h.RawLevel) continue;
            if (h.Key.Length == 0 || h.Key != parent.Key) continue; // SameText(h.Plain, parent.Plain), each key made once
            if (doc.IndexOf(h.Block) != doc.IndexOf(parent.Block) + 1) continue; // something between them: not a mere repeat
            doc.Remove(h.Block);
            heads.RemoveAt(i);
            i--;
        }
    }

    /// <summary>Own text of each top-level heading in document order (up to the next heading of any level) and the
    /// text before the first heading.</summary>
    private static List<string> OwnTexts(MarkdownDocument doc, out string preamble)
    {
        var result = new List<string>();
        bool inHeading = false;
        var sb = new StringBuilder();
        preamble = "";
        foreach (var block in doc)
        {
            if (block is HeadingBlock)
            {
                if (!inHeading) preamble = MarkdownText.Collapse(sb);
                else result.Add(MarkdownText.Collapse(sb));
                inHeading = true;
                sb.Clear();
                continue;
            }
            MarkdownText.AppendBlock(sb, block);
            sb.Append(' ');
        }
        if (!inHeading) preamble = MarkdownText.Collapse(sb);
        else result.Add(MarkdownText.Collapse(sb));
        return result;
    }

    // ------------------------------------------------------------ display text

    /// <summary>Removes the numbering/decoration from the rendered heading so it shows <see cref="Head.Title"/>.</summary>
    private static void StripDisplay(Head h)
    {
        var inline = h.Block.Inline;
        if (inline is null || h.Title == h.Plain) { UnwrapBold(inline); return; }
        var raw = MarkdownText.Inline(inline);
        var (start, length) = Find(raw, h.Title);
        if (start < 0) { UnwrapBold(inline); return; }
        int end = raw.Length - start - length;
        TrimStart(inline, start);
        TrimEnd(inline, end);
        UnwrapBold(inline);
    }

    /// <summary>Where <paramref name="title"/> (whitespace collapsed) is in <paramref name="raw"/>, where a run of
    /// whitespace may stand for one space ("1 随机  优先级" holds "随机 优先级"); (-1, 0) when it is not.</summary>
    internal static (int Start, int Length) Find(string raw, string title)
    {
        var exact = raw.IndexOf(title, StringComparison.Ordinal);
        if (exact >= 0) return (exact, title.Length);
        for (int s = 0; s < raw.Length; s++)
        {
            int i = s, j = 0;
            while (i < raw.Length && j < title.Length)
            {
                if (char.IsWhiteSpace(title[j]) && char.IsWhiteSpace(raw[i]))
                {
                    while (i < raw.Length && char.IsWhiteSpace(raw[i])) i++;
                    j++;
                }
                else if (raw[i] == title[j]) { i++; j++; }
                else break;
            }
            if (j == title.Length) return (s, i - s);
        }
        return (-1, 0);
    }

    private static int TrimStart(ContainerInline container, int n)
    {
        while (n > 0 && container.FirstChild is { } child)
        {
            if (child is LiteralInline lit)
            {
                var s = lit.Content.ToString();
                if (s.Length <= n) { n -= s.Length; lit.Remove(); continue; }
                lit.Content = new Markdig.Helpers.StringSlice(s[n..]);
                return 0;
            }
            if (child is ContainerInline inner and not LinkInline)
            {
                n = TrimStart(inner, n);
                if (inner.FirstChild is not null) return n; // stopped at code/math inside: leave the rest
                inner.Remove();
                continue;
            }
            break; // code, math, links: never cut into them
        }
        return n;
    }

    private static int TrimEnd(ContainerInline container, int n)
    {
        while (n > 0 && container.LastChild is { } child)
        {
            if (child is LiteralInline lit)
            {
                var s = lit.Content.ToString();
                if (s.Length <= n) { n -= s.Length; lit.Remove(); continue; }
                lit.Content = new Markdig.Helpers.StringSlice(s[..^n]);
                return 0;
            }
            if (child is ContainerInline inner and not LinkInline)
            {
                n = TrimEnd(inner, n);
                if (inner.LastChild is not null) return n; // stopped at code/math inside: leave the rest
                inner.Remove();
                continue;
            }
            break;
        }
        return n;
    }

    /// <summary>"## **Title**" renders as "Title": a bold wrapper around the whole heading is decoration.</summary>
    private static void UnwrapBold(ContainerInline? inline)
    {
        if (inline?.FirstChild is EmphasisInline { DelimiterCount: 2 } em && em.NextSibling is null)
        {
            var children = new List<Inline>();
            for (var c = em.FirstChild; c is not null; c = c.NextSibling) children.Add(c);
            em.Remove();
            foreach (var c in children) { c.Remove(); inline.AppendChild(c); }
        }
    }
}
