// Math benchmark: generates a corpus of notes full of formulas, runs RenderMath cold (empty cache) and warm
// (same cache folder, fresh process state), and prints formulas/second and total math time.
// usage: dotnet run --project bench/math-bench -c Release -- [notes=200] [formulasPerNote=50] [themeDir=theme]
using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using Markdig;
using Site.Core;
using Site.Render.Mathematics;

int notesCount = args.Length > 0 ? int.Parse(args[0]) : 200;
int perNote = args.Length > 1 ? int.Parse(args[1]) : 50;
string theme = Path.GetFullPath(args.Length > 2 ? args[2] : "theme");

string[] templates =
{
    @"x_{{{0}}}^2 + y_{{{0}}}^2 = z^{{{0}}}",
    @"\frac{{a_{{{0}}} + b}}{{\sqrt{{c^2 + {0}}}}}",
    @"\sum_{{i=1}}^{{{0}}} \log \frac{{e^{{z_i}}}}{{\sum_j e^{{z_j}}}}",
    @"\mathcal{{L}}_{{\text{{DPO}}}} = -\mathbb{{E}}\left[ \log \sigma \left( \beta \log \frac{{\pi_{{{0}}}(y_w|x)}}{{\pi_{{ref}}(y_w|x)}} \right) \right]",
    @"\begin{{aligned}} y &= \gamma \left( \frac{{x - \mu}}{{\sqrt{{\sigma^2 + \epsilon}}}} \right) + \beta_{{{0}}} \\ z &= W_2\,\text{{ReLU}}(W_1 x + b_{{{0}}}) \end{{aligned}}",
    @"D_{{KL}}(P \parallel Q) = \sum_x P(x) \log \frac{{P(x)}}{{Q_{{{0}}}(x)}}",
    @"\text{{GeLU}}(x) \approx 0.5x\left(1+\tanh\left(\sqrt{{2/\pi}}(x+0.0447{0}x^3)\right)\right)",
    @"M \in \mathbb{{R}}^{{a\times {0}}}",
};

var dir = Path.Combine(Path.GetTempPath(), "math-bench-" + Environment.ProcessId);
var cache = Path.Combine(dir, "cache");
Directory.CreateDirectory(dir);
try
{
    var notes = ImmutableArray.CreateBuilder<Note>();
    int k = 0;
    for (int n = 0; n < notesCount; n++)
    {
        var sb = new StringBuilder($"# Note {n}\n\n");
        for (int f = 0; f < perNote; f++, k++)
        {
            var tex = string.Format(templates[k % templates.Length], k);
            // One formula in ten repeats an earlier one (shared notation across notes).
            if (k % 10 == 9) tex = string.Format(templates[0], k % 97);
            sb.Append(f % 3 == 0 ? $"Paragraph {f} with ${tex}$ inline.\n\n" : $"$$\n{tex}\n$$\n\n");
        }
        var body = sb.ToString();
        notes.Add(new Note { SourcePath = $"n{n}.md", FullPath = Path.Combine(dir, $"n{n}.md"), Body = body, Text = body, Ast = Markdown.Parse(body, MarkdownSyntax.Pipeline) });
    }
    var corpus = notes.ToImmutable();
    Console.WriteLine($"corpus: {notesCount} notes × {perNote} formulas = {notesCount * perNote} formulas (node {Site.Render.NodeTools.GetNodeVersion(Site.Render.NodeTools.FindNode() ?? "node")}, KaTeX {KatexRenderer.ReadKatexVersion(theme)})");

    foreach (var run in new[] { "cold", "warm" })
    {
        using var output = new OutputWriter(Path.Combine(dir, "out-" + run));
        var ctx = new BuildContext(new BuildOptions { ThemeDir = theme, CacheDir = cache, OutputDir = Path.Combine(dir, "out-" + run) }, output);
        var module = new RenderMath(shareMemoryCache: false);
        var sw = Stopwatch.StartNew();
        module.Execute(corpus, ctx);
        var secs = sw.Elapsed.TotalSeconds;
        var s = module.LastStats;
        Console.WriteLine($"{run,-5}: {s.Occurrences} formulas ({s.Distinct} distinct) in {secs:0.000}s = {s.Occurrences / secs:0} formulas/s; " +
                          $"node rendered {s.NodeRenders} in {s.Batches} batches ({s.NodeSeconds:0.000}s incl. start-up), cache hits {s.CacheHits}, errors {s.Errors}, warnings {ctx.Diagnostics.WarningCount}");
    }
}
finally { Directory.Delete(dir, true); }
