using System.Text.Json;
using Markdig;
using Site.Core;
using Site.Render;
using Site.Render.Mathematics;
using Xunit;
using Xunit.Abstractions;

namespace Site.Tests.MathTests;

/// <summary>Build-time KaTeX HTML + katex.css, typeset in headless Chromium; the screenshot lands in the test output folder.</summary>
public class MathBrowserTests(ITestOutputHelper output)
{
    private static readonly string Chromium = Site.Tests.Browser.BrowserEnv.Chromium;

    [ChromiumFact]
    public void Math_heavy_page_is_typeset_in_chromium()
    {
        var (ctx, writer, dir) = MathTestSupport.Context();
        try
        {
            var md = File.ReadAllText(MathTestSupport.Fixture("math-heavy.md"));
            var note = MathTestSupport.NoteFrom("math-heavy.md", md);
            new RenderMath(shareMemoryCache: false) { ProgressLine = output.WriteLine }.Execute(MathTestSupport.Notes(note), ctx);
            var results = ctx.Get<MathResults>("math");
            foreach (var d in ctx.Diagnostics.All) output.WriteLine(d.ToString());
            Assert.Equal(1, results.ErrorCount);   // the deliberately broken formula

            var body = MathHtml.ToHtml(note.Ast!, MarkdownSyntax.Pipeline, results);
            Assert.True(MathAssets.Copy(ctx));
            writer.WriteText("index.html",
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>math</title>" +
                $"<link rel=\"stylesheet\" href=\"{MathAssets.CssHref}\">" +
                "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:820px;margin:1rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em}</style>" +
                "</head><body>" + body + "</body></html>");
            Assert.DoesNotContain("<script", body);
            writer.Commit();

            var png = Path.Combine(AppContext.BaseDirectory, "artifacts", "math.png");
            Directory.CreateDirectory(Path.GetDirectoryName(png)!);
            var node = NodeTools.FindNode()!;
            var r = NodeTools.Run(node, new[] { MathTestSupport.Fixture("screenshot.mjs"), MathTestSupport.ThemeDir, writer.FinalDir, "index.html", png },
                dir, TimeSpan.FromMinutes(3));
            output.WriteLine(r.StdOut);
            output.WriteLine(r.StdErr);
            output.WriteLine("screenshot: " + png);
            Assert.True(r.ExitCode == 0, r.StdErr);

            using var info = JsonDocument.Parse(r.StdOut.Trim().Split('\n')[^1]);
            var root = info.RootElement;
            Assert.Equal(0, root.GetProperty("failed").GetArrayLength());                 // every font and the CSS loaded
            Assert.True(root.GetProperty("katexCount").GetInt32() >= 10);
            Assert.True(root.GetProperty("displayCount").GetInt32() >= 3);
            Assert.Equal(0, root.GetProperty("zeroWidth").GetInt32());                    // every formula has a width
            Assert.True(root.GetProperty("mathmlVisibleWidth").GetDouble() <= 1.0);     // MathML copy is visually hidden by katex.css
            Assert.True(root.GetProperty("fontCheck").GetBoolean());
            var families = root.GetProperty("loadedFamilies").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.Contains("KaTeX_Main", families);
            Assert.Contains("KaTeX_Math", families);
            Assert.StartsWith("KaTeX_Main", root.GetProperty("mainFamily").GetString());
            Assert.True(root.GetProperty("fracHeight").GetDouble() > 20);                // a stacked fraction, not a flat line
            Assert.Equal(1, root.GetProperty("errorBoxes").GetInt32());
            Assert.Equal(0, root.GetProperty("fallbacks").GetInt32());
            Assert.True(new FileInfo(png).Length > 10_000);
        }
        finally { writer.Dispose(); Directory.Delete(dir, true); }
    }
}

public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(Site.Tests.Browser.BrowserEnv.Chromium)) Skip = $"{Site.Tests.Browser.BrowserEnv.Chromium} is not installed: the KaTeX screenshot test needs headless Chromium";
        else if (!MathTestSupport.NodeAvailable) Skip = "Node.js or theme/node_modules/katex is missing";
        else if (!Directory.Exists(Path.Combine(MathTestSupport.ThemeDir, "node_modules", "playwright-core")))
            Skip = "theme/node_modules/playwright-core is missing: run `npm ci` in theme/";
    }
}
