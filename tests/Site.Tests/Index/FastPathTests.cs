using System.Globalization;
using System.Text;
using Site.Index;
using Xunit;

namespace Site.Tests.Index;

/// <summary>
/// The optimised code paths against straightforward references: the span tokenizer against the
/// original rune-list port (<see cref="ReferenceTokenizer"/>), the byte number formatter against
/// <see cref="JsCompat.NumberToJson"/>, and the parallel site build against the sequential builder.
/// </summary>
public class FastPathTests
{
    private static readonly string[] Pieces =
    {
        "a", "Z", "0", "9", "-", "_", ".", " ", "\t", "\n", "张", "量", "并", "行", "ア", "ー", "ｶ", "〇", "々", "𠮷", "𝔘",
        "é", "e\u0301", "\u0301", "İ", "Σ", "ß", "ﬁ", "①", "Ａ", "－", "，", "。", "\u200b", "\u200d", "\ufe0f", "🤖", "👨‍👩‍👧",
        "\ud800", "\udc00", "\uffff", "\ufeff", "K", "\u212a", "ǅ", "Ω", "ω", "ｇｐｕ", "ZeRO-3", "v1.2.3", "snake_case",
        "--", "..", "a.b", "中-文", "\u0903", "क", "ि", "ـ", "ㄱ", "가", "ॐ", "\u00ad", "x\u0301-", "1e-4",
    };

    [Fact]
    public void Tokenizer_matches_the_reference_port_on_random_text()
    {
        var rng = new Random(20240601);
        for (int n = 0; n < 20000; n++)
        {
            var sb = new StringBuilder();
            int len = rng.Next(0, 14);
            for (int i = 0; i < len; i++) sb.Append(Pieces[rng.Next(Pieces.Length)]);
            var s = sb.ToString();
            Assert.Equal(ReferenceTokenizer.Tokenize(s), Tokenizer.Tokenize(s));
        }
    }

    [Fact]
    public void Tokenizer_matches_the_reference_port_on_every_code_point()
    {
        var sb = new StringBuilder();
        for (int cp = 0; cp <= 0x323AF; cp++)
        {
            if (cp is >= 0xD800 and <= 0xDFFF) continue;
            var ch = char.ConvertFromUtf32(cp);
            foreach (var s in new[] { ch, "a" + ch + "b", "中" + ch, ch + "中", ch + ch + "-" + ch })
                if (!ReferenceTokenizer.Tokenize(s).SequenceEqual(Tokenizer.Tokenize(s)))
                    sb.Append($"U+{cp:X4} in [{s}]: ref [{string.Join(' ', ReferenceTokenizer.Tokenize(s))}] new [{string.Join(' ', Tokenizer.Tokenize(s))}]\n");
        }
        Assert.True(sb.Length == 0, sb.ToString());
    }

    private static List<char> InertChars() =>
        Enumerable.Range(0, 0x10000).Select(i => (char)i).Where(Tokenizer.IsNfkcInert).ToList();

    private static List<char> MappedChars() =>
        Enumerable.Range(0, 0x10000).Select(i => (char)i).Where(c => Tokenizer.NfkcSimpleMap(c) != 0).ToList();

    [Fact]
    public void Nfkc_inert_characters_are_left_alone_by_the_normalizer()
    {
        var bad = new List<string>();
        foreach (var c in InertChars())
        {
            if (char.IsSurrogate(c)) { bad.Add($"U+{(int)c:X4} is a surrogate"); continue; }
            var s = c.ToString();
            foreach (var t in new[] { s, "a" + s, s + "a", "张" + s + s, "\u00e9" + s, "\u3042" + s })
                if (t.Normalize(NormalizationForm.FormKC) != t) bad.Add($"U+{(int)c:X4} in [{t}]");
        }
        foreach (var c in MappedChars())
        {
            var m = Tokenizer.NfkcSimpleMap(c);
            if (m >= 0x80 || !Tokenizer.IsNfkcInert(m)) bad.Add($"U+{(int)c:X4} maps to non-ASCII/non-inert U+{(int)m:X4}");
            if (c.ToString().Normalize(NormalizationForm.FormKC) != m.ToString()) bad.Add($"U+{(int)c:X4} does not normalize to U+{(int)m:X4}");
        }
        Assert.True(bad.Count == 0, string.Join("\n", bad.Take(50)));
    }

    [Fact]
    public void Text_of_inert_and_mapped_characters_normalizes_like_the_fast_path()
    {
        var inert = InertChars();
        var mapped = MappedChars();
        var rng = new Random(31337);
        for (int n = 0; n < 20000; n++)
        {
            var sb = new StringBuilder();
            var expect = new StringBuilder();
            int len = rng.Next(1, 12);
            for (int i = 0; i < len; i++)
            {
                char c = rng.Next(4) == 0 ? mapped[rng.Next(mapped.Count)] : inert[rng.Next(inert.Count)];
                sb.Append(c);
                char m = Tokenizer.NfkcSimpleMap(c);
                expect.Append(m != 0 ? m : c);
            }
            var s = sb.ToString();
            Assert.Equal(s.Normalize(NormalizationForm.FormKC), expect.ToString());
            Assert.Same(s, Tokenizer.Prepare(s));
            Assert.Equal(ReferenceTokenizer.Tokenize(s), Tokenizer.Tokenize(s));
        }
    }

    [Fact]
    public void Tokenizer_handles_long_runs()
    {
        var s = new string('张', 5000) + " " + new string('a', 5000) + "-" + string.Concat(Enumerable.Repeat("𠮷", 3000));
        Assert.Equal(ReferenceTokenizer.Tokenize(s), Tokenizer.Tokenize(s));
    }

    [Fact]
    public void Byte_number_formatter_matches_NumberToJson()
    {
        var rng = new Random(7);
        var values = new List<double> { 0, -0.0, 1, -1, 0.001, -0.001, 0.5, 1e12, 1e12 - 0.001, 999999999999.999, 1e21, 1e-7, 123456789.123,
            double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.Epsilon, 4.35, 0.1 + 0.2 };
        for (int i = 0; i < 200000; i++)
        {
            double score = rng.NextDouble() * Math.Pow(10, rng.Next(-4, 14)) * (rng.Next(4) == 0 ? -1 : 1);
            values.Add(JsCompat.Round(score * 1000) / 1000);
            values.Add(score);
        }
        var buf = new byte[64];
        foreach (var v in values)
        {
            int n = JsCompat.FormatJsonNumber(v, buf);
            Assert.Equal(JsCompat.NumberToJson(v), Encoding.ASCII.GetString(buf, 0, n));
        }
    }

    [Fact]
    public void Parallel_site_build_equals_the_sequential_builder()
    {
        var rng = new Random(99);
        string Text(int words) => string.Join(rng.Next(3) == 0 ? "，" : " ", Enumerable.Range(0, words).Select(_ => rng.Next(5) switch
        {
            0 => "张量并行"[..rng.Next(1, 5)],
            1 => "w" + rng.Next(3000).ToString(CultureInfo.InvariantCulture),
            2 => rng.Next(50).ToString(CultureInfo.InvariantCulture),
            3 => "ZeRO-" + rng.Next(4),
            _ => "学习率调度"[rng.Next(4)..],
        }));
        var docs = Enumerable.Range(0, 1500).Select(i => new SearchDoc(i / 7, $"n{i / 7}/", Text(3), i % 7 == 0 ? "" : Text(2), i % 7 == 0 ? "" : "s" + i,
            System.Collections.Immutable.ImmutableArray.Create(Text(2)), Text(rng.Next(0, 120)),
            System.Collections.Immutable.ImmutableArray.Create("t" + (i % 5)))).ToList();

        var b = new LunrIndexBuilder();
        foreach (var (name, boost) in BuildSearchIndex.FieldBoosts) b.Field(name, boost);
        var texts = new string?[4];
        for (int i = 0; i < docs.Count; i++)
        {
            BuildSearchIndex.FieldTexts(docs[i], texts);
            b.Add(i.ToString(CultureInfo.InvariantCulture), new Dictionary<string, string?> { ["title"] = texts[0], ["path"] = texts[1], ["body"] = texts[2], ["tags"] = texts[3] });
        }
        var sequential = b.Build().ToJson();
        foreach (int p in new[] { 1, 2, 4 })
        {
            using var index = new JsonOut();
            using var docsJson = new JsonOut();
            BuildSearchIndex.Write(docs, index, docsJson, p);
            Assert.Equal(sequential, Encoding.UTF8.GetString(index.WrittenSpan));
            Assert.Equal(BuildSearchIndex.DocsJson(docs), Encoding.UTF8.GetString(docsJson.WrittenSpan));
        }
        // and through a stream
        using var ms = new MemoryStream();
        using (var o = new JsonOut(ms)) BuildSearchIndex.Write(docs, o, new JsonOut(), 2);
        Assert.Equal(sequential, Encoding.UTF8.GetString(ms.ToArray()));
    }
}
