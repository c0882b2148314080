using System.Text.Json;
using Site.Render;
using Site.Render.Mathematics;
using Xunit;
using Xunit.Abstractions;

namespace Site.Tests.MathTests;

/// <summary>KaTeX markup compaction (theme/katex/compact.mjs + compact-styles.json, KatexCompaction.cs): common inline
/// styles become classes whose rules the site's katex.min.css carries, and the page lays out exactly as before.</summary>
public class KatexCompactionTests(ITestOutputHelper output)
{
    [Fact]
    public void The_theme_table_is_valid_and_names_each_declaration_once()
    {
        var raw = File.ReadAllText(Path.Combine(MathTestSupport.ThemeDir, KatexCompaction.TableFile));
        using var doc = JsonDocument.Parse(raw);
        var entries = doc.RootElement.EnumerateObject().Select(p => (p.Name, Decl: p.Value.GetString()!)).ToList();
        var table = KatexCompaction.Read(MathTestSupport.ThemeDir);
        Assert.Equal(entries.Count, table.Count);                 // every entry valid
        Assert.True(table.Count >= 200, $"{table.Count} entries");
        Assert.Equal(table.Count, table.Select(e => e.Declaration).Distinct().Count());
        Assert.All(table, e => Assert.DoesNotContain(";", e.Declaration));
    }

    [Theory]
    [InlineData("k0", "height:2.7em", true)]
    [InlineData("k6x", "margin-left:-0.0813em", true)]
    [InlineData("mord", "height:1em", false)]                     // not a compaction class: could collide with KaTeX's
    [InlineData("k0", "height:1em;top:0", false)]                 // one declaration per class
    [InlineData("k0", "height:1em}body{display:none", false)]     // no CSS injection through the table
    [InlineData("k0", "color:red!important", false)]
    [InlineData("k0", "background:url(\"x\")", false)]
    public void Entries_are_checked_before_they_reach_the_stylesheet(string cls, string decl, bool valid) =>
        Assert.Equal(valid, KatexCompaction.IsValid(cls, decl));

    [Fact]
    public void The_stylesheet_gets_one_important_rule_per_entry()
    {
        var css = KatexCompaction.Css([("k0", "height:2.7em"), ("k1", "margin-right:0.05em")]);
        Assert.Equal(".katex .k0{height:2.7em!important}\n.katex .k1{margin-right:0.05em!important}\n", css);
    }

    [Fact]
    public void A_different_table_is_a_different_katex_cache_key()
    {
        var a = MathTestSupport.TempDir("compact-a");
        var b = MathTestSupport.TempDir("compact-b");
        try
        {
            Directory.CreateDirectory(Path.Combine(a, "katex"));
            Directory.CreateDirectory(Path.Combine(b, "katex"));
            File.WriteAllText(Path.Combine(a, KatexCompaction.TableFile), "{\"k0\": \"height:2.7em\"}");
            File.WriteAllText(Path.Combine(b, KatexCompaction.TableFile), "{\"k0\": \"height:3em\"}");
            using var ra = new KatexRenderer(a);
            using var rb = new KatexRenderer(b);
            using var ra2 = new KatexRenderer(a);
            Assert.NotEqual(ra.CacheKey("x", false), rb.CacheKey("x", false));
            Assert.Equal(ra.CacheKey("x", false), ra2.CacheKey("x", false));
            Assert.NotEqual(KatexCompaction.Fingerprint(a), KatexCompaction.Fingerprint(Path.Combine(a, "none")));
        }
        finally { Directory.Delete(a, true); Directory.Delete(b, true); }
    }

    [SkippableNodeFact]
    public void The_server_writes_classes_for_common_declarations_and_no_mathml_xmlns()
    {
        using var r = new KatexRenderer(MathTestSupport.ThemeDir);
        var res = r.Render(@"x^2 + \frac{a}{b} \quad \sum_{i=1}^n f(x_i)", true);
        Assert.True(res.Ok, res.Error);
        Assert.DoesNotContain("xmlns=\"http://www.w3.org/1998/Math/MathML\"", res.Html);
        Assert.Contains("<math display=\"block\">", res.Html);
        Assert.Contains("class=\"pstrut k2\"", res.Html);            // height:2.7em, the commonest KaTeX style
        Assert.DoesNotContain("style=\"height:2.7em;\"", res.Html);
        Assert.Contains("<annotation encoding=\"application/x-tex\">", res.Html); // the TeX source stays
    }

    [ChromiumFact]
    public void Compacted_markup_lays_out_exactly_like_katex_inline_styles()
    {
        var (ctx, writer, dir) = MathTestSupport.Context();
        try
        {
            Assert.True(MathAssets.Copy(ctx));
            writer.Commit();
            var node = NodeTools.FindNode()!;
            var r = NodeTools.Run(node, new[] { MathTestSupport.Fixture("compaction-geometry.mjs"), MathTestSupport.ThemeDir, writer.FinalDir,
                MathTestSupport.Fixture("compaction-formulas.txt") }, dir, TimeSpan.FromMinutes(3));
            output.WriteLine(r.StdOut);
            output.WriteLine(r.StdErr);
            Assert.True(r.ExitCode == 0, r.StdErr);
            using var info = JsonDocument.Parse(r.StdOut.Trim().Split('\n')[^1]);
            var root = info.RootElement;
            Assert.Equal(0, root.GetProperty("failed").GetArrayLength());             // the stylesheet and every font loaded
            Assert.True(root.GetProperty("formulas").GetInt32() >= 25);
            Assert.True(root.GetProperty("elements").GetInt32() >= 2000, "elements compared: " + root.GetProperty("elements"));
            Assert.True(root.GetProperty("moved").GetInt32() >= 500, "declarations moved to classes: " + root.GetProperty("moved"));
            Assert.True(root.GetProperty("mismatches").GetArrayLength() == 0, root.GetProperty("mismatches").ToString());
        }
        finally { writer.Dispose(); Directory.Delete(dir, true); }
    }
}
