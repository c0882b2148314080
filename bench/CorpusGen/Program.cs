using System.Globalization;
using System.Text;
using CorpusGen;

// CorpusGen: writes N deterministic Chinese + English ML notes for the Hugo-vs-ours benchmark.
//   dotnet run --project bench/CorpusGen -- --notes N --seed S --out DIR [--profile real|small]
// --profile real (default) is calibrated to real public note collections: ~20 KB, ~16 sections and
// ~17 formulas per note, with inline math touching Chinese characters (是$x$的). --profile small is the
// earlier 3-7 KB note (kept so older benchmark tables can be reproduced).
// --distinct-math P: percent of formulas drawn from open-ended templates (each one new) rather than a fixed pool of
// ~60. Default 45 in the real profile: in five public Chinese ML collections 36-67% of formulas are distinct
// (the generator before 2026-12-02 gave ~8%, so KaTeX did a fifth of real notes' work; pass 0 for that corpus).

int notes = 100;
ulong seed = 1;
string? outDir = null;
var profile = Profile.Real;
int? distinctMath = null;

for (int i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"missing value for {args[i]}");
    switch (args[i])
    {
        case "--notes" or "-n": notes = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--seed" or "-s": seed = ulong.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--out" or "-o": outDir = Value(); break;
        case "--profile" or "-p":
            var pv = Value();
            profile = pv switch { "real" => Profile.Real, "small" => Profile.Small, _ => throw new ArgumentException($"--profile must be real or small, not {pv}") };
            break;
        case "--distinct-math":
            distinctMath = int.Parse(Value(), CultureInfo.InvariantCulture);
            if (distinctMath is < 0 or > 100) throw new ArgumentException("--distinct-math is a percentage (0-100)");
            break;
        case "--help" or "-h":
            Console.WriteLine("usage: CorpusGen --notes N --seed S --out DIR [--profile real|small] [--distinct-math PERCENT]");
            return 0;
        default:
            Console.Error.WriteLine($"unknown argument: {args[i]} (usage: CorpusGen --notes N --seed S --out DIR)");
            return 2;
    }
}
if (outDir is null || notes < 1)
{
    Console.Error.WriteLine("usage: CorpusGen --notes N --seed S --out DIR   (N >= 1)");
    return 2;
}

var metas = NoteWriter.Plan(notes, seed);
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
long bytes = 0;
var writer = new NoteWriter(metas, seed, profile, distinctMath ?? (profile == Profile.Real ? 45 : 0));
for (int i = 0; i < metas.Count; i++)
{
    string text = writer.Write(i);
    string path = Path.Combine(outDir, metas[i].RelPath.Replace('/', Path.DirectorySeparatorChar));
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    byte[] data = utf8.GetBytes(text);
    File.WriteAllBytes(path, data);
    bytes += data.Length;
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"CorpusGen: wrote {notes} notes ({bytes / 1024.0:F0} KiB, avg {bytes / 1024.0 / notes:F1} KiB/note, profile {profile.ToString().ToLowerInvariant()}, distinct math {writer.DistinctMath}%) to {outDir} (seed {seed})"));
return 0;

public enum Profile { Real, Small }

public sealed record NoteMeta(int Index, Concept Concept, string Title, string RelPath);

public sealed class NoteWriter
{
    private readonly IReadOnlyList<NoteMeta> _metas;
    private readonly ulong _seed;
    private readonly Profile _profile;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <param name="distinctMath">Percent of formulas from open-ended templates; 0: the pre-2026-12-02 generator (a fixed pool
    /// plus templates with few parameters, ~8% distinct).</param>
    public NoteWriter(IReadOnlyList<NoteMeta> metas, ulong seed, Profile profile = Profile.Real, int distinctMath = 0)
    { _metas = metas; _seed = seed; _profile = profile; DistinctMath = distinctMath; }
    public int DistinctMath { get; }
    private bool Real => _profile == Profile.Real;
    /// <summary>Percent of inline-math slots that hold a formula in the real profile (the rest hold a noun).</summary>
    private const int MathShare = 4;

    /// <summary>Titles and paths for all notes first, so notes can link to each other.</summary>
    public static List<NoteMeta> Plan(int n, ulong seed)
    {
        var list = new List<NoteMeta>(n);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            var r = Rng.For(seed ^ 0xA5A5A5A5UL, i);
            var c = r.Pick(Lexicon.Concepts);
            string title = r.Next(3) switch
            {
                0 => $"{c.Zh}{r.Pick(Lexicon.TitleSuffixZh)}",
                1 => $"{c.Zh}（{c.En}）{r.Pick(Lexicon.TitleSuffixZh)}",
                _ => $"{c.En}：{c.Zh}与{r.Pick(Lexicon.Concepts).Zh}",
            };
            string unique = title;
            for (int k = 2; !seen.Add(unique); k++) unique = $"{title}（{k}）";
            string rel = $"{c.Folder}/{i:D5}-{c.Slug}.md";
            list.Add(new NoteMeta(i, c, unique, rel));
        }
        return list;
    }

    public string Write(int index)
    {
        var meta = _metas[index];
        var r = Rng.For(_seed, index);
        var ctx = new Ctx(r, meta, _metas);
        var sb = new StringBuilder(8192);

        // Front matter.
        var date = new DateTime(2019, 1, 1).AddDays(r.Next(6 * 365));
        var tags = r.PickDistinct(Lexicon.Tags, r.Range(1, 4));
        sb.Append("---\n");
        sb.Append("title: \"").Append(meta.Title.Replace("\"", "\\\"")).Append("\"\n");
        sb.Append("date: ").Append(date.ToString("yyyy-MM-dd", Inv)).Append('\n');
        sb.Append("tags: [").Append(string.Join(", ", tags.Select(t => $"\"{t}\""))).Append("]\n");
        sb.Append("---\n\n");

        // Intro.
        Paragraph(ctx, sb, r.Range(2, 4));

        int target = Real ? r.Range(16000, 24000) : r.Range(3000, 7000);
        bool numbered = r.Chance(50);
        var mandatory = new Queue<Action<StringBuilder>>(new Action<StringBuilder>[]
        {
            s => DisplayMath(ctx, s), s => Bullets(ctx, s), s => Table(ctx, s),
            s => Code(ctx, s), s => Numbered(ctx, s),
        }.OrderBy(_ => r.Next(1000)).ToList());

        int h2 = 0;
        var sectionTitles = r.PickDistinct(Lexicon.SectionTitlesZh, Lexicon.SectionTitlesZh.Length);
        while (Utf8Len(sb) < target - 400 || mandatory.Count > 0)
        {
            h2++;
            string t2 = h2 <= sectionTitles.Count ? sectionTitles[h2 - 1] : r.Pick(Lexicon.SectionTitlesEn);
            if (r.Chance(20)) t2 = $"{t2} {r.Pick(Lexicon.SectionTitlesEn)}";
            Heading(sb, 2, numbered ? $"{h2} {t2}" : t2);
            Paragraph(ctx, sb, Real ? r.Range(13, 20) : r.Range(2, 4));
            Block(ctx, sb, mandatory);

            int subs = r.Range(0, 3);
            for (int h3 = 1; h3 <= subs && (Utf8Len(sb) < target || mandatory.Count > 0); h3++)
            {
                string t3 = r.Chance(60) ? $"{ctx.C.Zh}的{r.Pick(Lexicon.SectionTitlesZh)}" : $"{r.Pick(Lexicon.Concepts).En} {r.Pick(Lexicon.SectionTitlesEn)}";
                Heading(sb, 3, numbered ? $"{h2}.{h3} {t3}" : t3);
                Paragraph(ctx, sb, Real ? r.Range(8, 13) : r.Range(1, 3));
                if (r.Chance(50)) Block(ctx, sb, mandatory);
                if (r.Chance(25))
                {
                    Heading(sb, 4, numbered ? $"{h2}.{h3}.1 {r.Pick(Lexicon.SectionTitlesZh)}" : r.Pick(Lexicon.SectionTitlesZh));
                    Paragraph(ctx, sb, r.Range(1, 2));
                }
            }
        }

        // Related notes: plain relative Markdown links to other notes.
        Heading(sb, 2, numbered ? $"{h2 + 1} 相关笔记" : "相关笔记");
        int links = Math.Min(r.Range(2, 4), _metas.Count - 1);
        foreach (var other in PickOthers(r, index, links))
            sb.Append("- [").Append(other.Title).Append("](").Append(RelLink(meta.RelPath, other.RelPath)).Append(")\n");
        sb.Append('\n');
        return sb.ToString();
    }

    // ---- blocks -------------------------------------------------------------------------

    private sealed class Ctx
    {
        public Ctx(Rng r, NoteMeta meta, IReadOnlyList<NoteMeta> metas) { R = r; Meta = meta; Metas = metas; C = meta.Concept; }
        public Rng R { get; }
        public NoteMeta Meta { get; }
        public IReadOnlyList<NoteMeta> Metas { get; }
        public Concept C { get; }
    }

    private static int Utf8Len(StringBuilder sb)
    {
        int n = 0;
        foreach (var chunk in sb.GetChunks()) n += Encoding.UTF8.GetByteCount(chunk.Span);
        return n;
    }

    private static void Heading(StringBuilder sb, int level, string text) =>
        sb.Append('#', level).Append(' ').Append(text).Append("\n\n");

    private void Block(Ctx ctx, StringBuilder sb, Queue<Action<StringBuilder>> mandatory)
    {
        if (mandatory.Count > 0) { mandatory.Dequeue()(sb); return; }
        switch (ctx.R.Next(6))
        {
            case 0: DisplayMath(ctx, sb); break;
            case 1: Bullets(ctx, sb); break;
            case 2: Numbered(ctx, sb); break;
            case 3: if (ctx.R.Chance(40)) Table(ctx, sb); else Paragraph(ctx, sb, 2); break;
            case 4: if (ctx.R.Chance(40)) Code(ctx, sb); else DisplayMath(ctx, sb); break;
            default: Paragraph(ctx, sb, 2); break;
        }
    }

    private void Paragraph(Ctx ctx, StringBuilder sb, int sentences)
    {
        var r = ctx.R;
        for (int i = 0; i < sentences; i++)
        {
            string tpl = r.Chance(75) ? r.Pick(Lexicon.SentencesZh) : r.Pick(Lexicon.SentencesEn);
            var filled = Fill(ctx, tpl);
            // "第 $i$ 个样本": with --distinct-math, as often an index of its own (real notes index many things).
            if (DistinctMath > 0 && filled.Contains("$i$", StringComparison.Ordinal) && r.Chance(DistinctMath))
                filled = filled.Replace("$i$", "$" + r.Pick(Lexicon.Vars) + "_{" + r.Range(1, 999).ToString(Inv) + "}^{(" + r.Pick(Lexicon.Vars) + ")}$", StringComparison.Ordinal);
            sb.Append(filled);
            if (tpl == Lexicon.SentencesEn[0] || !tpl.EndsWith('。')) sb.Append(' ');
        }
        if (r.Chance(15) && ctx.Metas.Count > 1)
        {
            var other = PickOthers(r, ctx.Meta.Index, 1).First();
            sb.Append("详见[").Append(other.Title).Append("](").Append(RelLink(ctx.Meta.RelPath, other.RelPath)).Append(")。");
        }
        TrimEnd(sb);
        sb.Append("\n\n");
    }

    private void Bullets(Ctx ctx, StringBuilder sb)
    {
        var r = ctx.R;
        int n = r.Range(3, 6);
        for (int i = 0; i < n; i++)
        {
            sb.Append("- ").Append(Fill(ctx, r.Pick(Lexicon.BulletItems))).Append('\n');
            if (r.Chance(15)) sb.Append("  - ").Append(Fill(ctx, r.Pick(Lexicon.BulletItems))).Append('\n');
        }
        sb.Append('\n');
    }

    private void Numbered(Ctx ctx, StringBuilder sb)
    {
        var r = ctx.R;
        int n = r.Range(3, 6);
        for (int i = 1; i <= n; i++)
            sb.Append(i.ToString(Inv)).Append(". ").Append(Fill(ctx, r.Pick(Lexicon.StepItems))).Append('\n');
        sb.Append('\n');
    }

    private void Table(Ctx ctx, StringBuilder sb)
    {
        var r = ctx.R;
        int cols = r.Range(3, 5);
        sb.Append("| ").Append(string.Join(" | ", Lexicon.TableHeadersZh.Take(cols))).Append(" |\n");
        sb.Append('|').Append(string.Concat(Enumerable.Repeat(" --- |", cols))).Append('\n');
        foreach (var c in r.PickDistinct(Lexicon.Concepts, r.Range(3, 6)))
        {
            var cells = new List<string> { r.Chance(50) ? c.En : c.Zh, (DistinctMath > 0 && r.Chance(DistinctMath) ? "$" + DistinctComplexity(r) + "$" : r.Pick(Lexicon.Complexities)), r.Pick(Lexicon.MemoryNotes), r.Pick(Lexicon.YesNo), Fill(ctx, "{adj}") };
            sb.Append("| ").Append(string.Join(" | ", cells.Take(cols))).Append(" |\n");
        }
        sb.Append('\n');
    }

    private void Code(Ctx ctx, StringBuilder sb)
    {
        var r = ctx.R;
        bool shell = r.Chance(20);
        string tpl = shell ? r.Pick(Lexicon.ShellSnippets) : r.Pick(Lexicon.PythonSnippets);
        string code = tpl
            .Replace("{Cls}", ctx.C.En.Replace(" ", "").Replace("-", "") + r.Pick(Lexicon.ClassNames))
            .Replace("{fn}", r.Pick(Lexicon.FnNames) + "_" + ctx.C.Slug.Replace('-', '_'))
            .Replace("{D}", (64 << r.Next(5)).ToString(Inv))
            .Replace("{P}", r.Range(1, 5).ToString(Inv))
            .Replace("{LR}", r.Pick(new[] { "1e-3", "3e-4", "5e-5", "0.01" }))
            .Replace("{B}", r.Pick(new[] { "0.9", "0.95", "0.99" }))
            .Replace("{ACC}", r.Range(2, 8).ToString(Inv))
            .Replace("{G}", r.Pick(new[] { "2", "4", "8" }))
            .Replace("{slug}", ctx.C.Slug);
        sb.Append("```").Append(shell ? "bash" : "python").Append('\n').Append(code).Append("```\n\n");
    }

    private void DisplayMath(Ctx ctx, StringBuilder sb)
    {
        var r = ctx.R;
        string tex = DistinctMath > 0 ? (r.Chance(DistinctMath) ? DistinctDisplay(r) : r.Pick(Lexicon.DisplayMath))
            : r.Chance(70) ? r.Pick(Lexicon.DisplayMath) : UniqueDisplay(r);
        sb.Append("$$\n").Append(tex).Append("\n$$\n\n");
    }

    private static string UniqueInline(Rng r)
    {
        string v = r.Pick(Lexicon.Vars), g = r.Pick(Lexicon.Greek);
        int k = r.Range(1, 12);
        return r.Next(3) switch
        {
            0 => $@"{v}_{{{k}}} = {g} {v}_{{{k - 1}}} + (1 - {g}) \hat{{{v}}}",
            1 => $@"{g} = {r.Range(1, 99).ToString(Inv)} \times 10^{{-{r.Range(2, 6).ToString(Inv)}}}",
            _ => $@"\sum_{{i=1}}^{{{k}}} {v}_i^2 \leq {g}",
        };
    }

    /// <summary>An inline formula from templates with enough parameters that repeats are rare (--distinct-math).</summary>
    private static string DistinctInline(Rng r)
    {
        string v = r.Pick(Lexicon.Vars), w = r.Pick(Lexicon.Vars), g = r.Pick(Lexicon.Greek);
        int k = r.Range(1, 999), c = r.Range(2, 99);
        return r.Next(4) switch
        {
            0 => $@"{v}_{{{k}}} = {g} {v}_{{{k - 1}}} + (1 - {g}) \hat{{{w}}}_{{{k}}}",
            1 => $@"{g} = {c.ToString(Inv)} \times 10^{{-{r.Range(2, 9).ToString(Inv)}}}, \; {v} \in \mathbb{{R}}^{{{k}}}",
            2 => $@"\sum_{{i=1}}^{{{k}}} {v}_i^{{{c}}} \leq {g} {w}",
            _ => $@"\|{v} - {w}\|_{{{c % 3 + 1}}} < {k}{g}",
        };
    }

    /// <summary>A table cell's complexity with its own exponents (--distinct-math).</summary>
    private static string DistinctComplexity(Rng r) =>
        $@"O(n^{{{r.Range(1, 4).ToString(Inv)}}} d_{{{r.Range(1, 999).ToString(Inv)}}} \log {r.Pick(Lexicon.Vars)})";

    /// <summary>A display formula from templates with enough parameters that repeats are rare (--distinct-math).</summary>
    private static string DistinctDisplay(Rng r)
    {
        string v = r.Pick(Lexicon.Vars), g = r.Pick(Lexicon.Greek), g2 = r.Pick(Lexicon.Greek);
        int n = r.Range(2, 999), m = r.Range(1, 64);
        return r.Next(4) switch
        {
            0 => $@"\mathcal{{L}}_{{{n}}} = \frac{{1}}{{{n}}} \sum_{{i=1}}^{{{n}}} \left( {v}_i - \hat{{{v}}}_i \right)^{{{m}}} + {g} \|{v}\|^2",
            1 => $@"{v}^{{(t+{m})}} = {v}^{{(t)}} - {g} \frac{{\partial \mathcal{{L}}_{{{n}}}}}{{\partial {v}^{{(t)}}}} + {g2} \left( {v}^{{(t)}} - {v}^{{(t-{m})}} \right)",
            2 => $@"\prod_{{k=1}}^{{{n}}} \left( 1 - {g}^{{k/{m}}} \right) \approx \exp\left( -\sum_{{k=1}}^{{{n}}} {g}^{{k/{m}}} \right)",
            _ => "\\begin{aligned}\n" + $@"{v}_{{{n}}} &= {g} {v}_{{{n - 1}}} + {g2} \\" + "\n" + $@"{v}_{{{n + m}}} &= \frac{{{v}_{{{n}}}}}{{{m} + {g}}}" + "\n\\end{aligned}",
        };
    }

    private static string UniqueDisplay(Rng r)
    {
        string v = r.Pick(Lexicon.Vars), g = r.Pick(Lexicon.Greek), g2 = r.Pick(Lexicon.Greek);
        int n = r.Range(2, 64);
        return r.Next(3) switch
        {
            0 => $@"\mathcal{{L}}_{{{n}}} = \frac{{1}}{{{n}}} \sum_{{i=1}}^{{{n}}} \left( {v}_i - \hat{{{v}}}_i \right)^2 + {g} \|{v}\|^2",
            1 => $@"{v}^{{(t+1)}} = {v}^{{(t)}} - {g} \frac{{\partial \mathcal{{L}}}}{{\partial {v}^{{(t)}}}} + {g2} \left( {v}^{{(t)}} - {v}^{{(t-{n % 5 + 1})}} \right)",
            _ => $@"\prod_{{k=1}}^{{{n}}} \left( 1 - {g}^{{k}} \right) \approx \exp\left( -\sum_{{k=1}}^{{{n}}} {g}^{{k}} \right)",
        };
    }

    private string Fill(Ctx ctx, string tpl)
    {
        var r = ctx.R;
        var sb = new StringBuilder(tpl.Length * 2);
        for (int i = 0; i < tpl.Length; i++)
        {
            if (tpl[i] != '{') { sb.Append(tpl[i]); continue; }
            int end = tpl.IndexOf('}', i);
            string key = tpl.Substring(i + 1, end - i - 1);
            i = end;
            if (Real && key is "m" or "m2" && !r.Chance(MathShare))
            {
                sb.Append(r.Pick(Lexicon.NounsZh)); // real notes: ~17 formulas in ~20 KB
                continue;
            }
            if (Real && key is "m" or "m2" && r.Chance(70))
            {
                // Real notes write inline math touching Chinese: 设$x$，是$f(i-j)$位置.
                if (sb.Length >= 2 && sb[^1] == ' ' && IsCjk(sb[^2])) sb.Length--;
                if (i + 2 < tpl.Length && tpl[i + 1] == ' ' && IsCjk(tpl[i + 2])) i++;
            }
            sb.Append(key switch
            {
                "c" => ctx.C.Zh,
                "e" => ctx.C.En,
                "c2" => r.Pick(Lexicon.Concepts).Zh,
                "e2" => r.Pick(Lexicon.Concepts).En,
                "n" or "n2" or "n3" => r.Pick(Lexicon.NounsZh),
                "en" => r.Pick(Lexicon.EnNouns),
                "op" => r.Pick(Lexicon.OpsZh),
                "adj" => r.Pick(Lexicon.AdjZh),
                "m" or "m2" => "$" + (DistinctMath > 0 ? (r.Chance(DistinctMath) ? DistinctInline(r) : r.Pick(Lexicon.InlineMath))
                    : r.Chance(75) ? r.Pick(Lexicon.InlineMath) : UniqueInline(r)) + "$",
                _ => "{" + key + "}",
            });
        }
        return sb.ToString();
    }

    private static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3000' and <= '\u303f' or >= '\uff00' and <= '\uffef';

    private static void TrimEnd(StringBuilder sb)
    {
        while (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
    }

    private IEnumerable<NoteMeta> PickOthers(Rng r, int self, int k)
    {
        var picked = new List<int>();
        while (picked.Count < k)
        {
            int j = r.Next(_metas.Count);
            if (j != self && !picked.Contains(j)) picked.Add(j);
        }
        return picked.Select(j => _metas[j]);
    }

    /// <summary>Relative link from one note file to another, e.g. "../../nlp/llm/00012-rag.md".</summary>
    private static string RelLink(string from, string to)
    {
        var f = from.Split('/');
        var t = to.Split('/');
        int common = 0;
        while (common < f.Length - 1 && common < t.Length - 1 && f[common] == t[common]) common++;
        var parts = Enumerable.Repeat("..", f.Length - 1 - common).Concat(t.Skip(common));
        return string.Join('/', parts);
    }
}
