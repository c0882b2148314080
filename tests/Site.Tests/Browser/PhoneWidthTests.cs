using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Site.Cli;
using Site.Core;
using Xunit;
using Xunit.Abstractions;

namespace Site.Tests.Browser;

/// <summary>
/// Every page at a 360 px phone viewport (headless chromium, phone-width.mjs): the document never scrolls
/// sideways, a code block's copy button and label never cover its code, display math scrolls inside its
/// block and inline math/code/links are never cut off at the screen edge. Over the sample site (input/)
/// and over Fixtures/Phone (long formulas, a long code line, a wide table, long links and words).
/// </summary>
public sealed class PhoneWidthTests(ITestOutputHelper output)
{
    public const int Width = 360;

    [BrowserFact]
    public void Sample_site_fits_a_360px_phone() => AssertFits(Path.Combine(BrowserEnv.RepoRoot, "input"), minPages: 12); // share pages redirect (meta refresh) and are not visited

    [BrowserFact]
    public void Wide_content_fits_a_360px_phone() => AssertFits(Path.Combine(BrowserEnv.RepoRoot, "tests", "Site.Tests", "Fixtures", "Phone"), minPages: 3);

    private void AssertFits(string input, int minPages)
    {
        var root = Path.Combine(Path.GetTempPath(), "kb-phone-" + Guid.NewGuid().ToString("N")[..10]);
        try
        {
            var site = Path.Combine(root, "site");
            // A copy: the build keeps the input's link registry (.kbsite/links.tsv) up to date, and must not write into the repository.
            var copy = Path.Combine(root, "input");
            foreach (var f in Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories))
            {
                var to = Path.Combine(copy, Path.GetRelativePath(input, f));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(f, to);
            }
            var log = new StringWriter();
            var r = SiteBuilder.Build(new BuildOptions
            {
                InputDir = copy, OutputDir = site, ThemeDir = BrowserEnv.ThemeDir, CacheDir = Path.Combine(root, ".cache"), SiteTitle = "Phone",
            }, log, quiet: true);
            Assert.True(r.ExitCode == 0, log.ToString());

            var psi = new ProcessStartInfo(BrowserEnv.Node!)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
            };
            foreach (var a in new[] { Path.Combine(BrowserEnv.RepoRoot, "tests", "Site.Tests", "Browser", "phone-width.mjs"),
                         "--site", site, "--theme", BrowserEnv.ThemeDir, "--chromium", BrowserEnv.Chromium, "--width", Width.ToString() })
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromSeconds(240)))
            {
                try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                Assert.Fail("phone-width.mjs timed out");
            }
            var json = stdout.GetAwaiter().GetResult().Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{'));
            Assert.True(json is not null, "no result from phone-width.mjs: " + stderr.GetAwaiter().GetResult());
            using var doc = JsonDocument.Parse(json!);
            var res = doc.RootElement;
            var pages = res.GetProperty("pages").GetInt32();
            output.WriteLine($"{pages} pages at {Width}px");
            Assert.True(pages >= minPages, $"only {pages} pages visited");
            var problems = new List<string>();
            foreach (var kind in new[] { "wide", "covered", "clipped" })
                foreach (var e in res.GetProperty(kind).EnumerateArray())
                    problems.Add($"{kind}: {e}");
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
