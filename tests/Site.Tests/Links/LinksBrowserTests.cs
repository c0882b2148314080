using System.Diagnostics;
using System.Text.Json;
using Site.Tests.Browser;
using Xunit;

namespace Site.Tests.Links;

/// <summary>In Chromium: an old note URL with an old anchor, after the note moved and the heading was renamed,
/// ends at the renamed heading (redirect page keeps the hash; site.js maps the old anchor); without JavaScript
/// the reader still lands on the note.</summary>
public sealed class LinksBrowserTests
{
    [BrowserFact]
    public void Old_note_url_and_old_anchor_end_at_the_renamed_heading()
    {
        using var g = new GitNotes();
        var filler = string.Join("\n\n", Enumerable.Range(1, 40).Select(i => $"Filler paragraph {i} about tensors and gradients so the page scrolls."));
        var text = "---\ntitle: Guide\n---\n\n## Intro\n\n" + filler + "\n\n## Old heading\n\nThe part readers link to in chats, with enough words to be recognised.\n\n## Outro\n\n" + filler + "\n";
        g.Write("guide.md", text);
        Assert.Equal(0, g.BuildAndCommit("v1").ExitCode);
        g.Move("guide.md", "docs/guide.md");
        g.Write("docs/guide.md", text.Replace("## Old heading", "## Renamed heading"));
        Assert.Equal(0, g.BuildAndCommit("move and rename").ExitCode);
        var (r, output, _) = g.BuildFreshClone(strict: true);
        Assert.True(r.ExitCode == 0, string.Join("\n", r.Diagnostics));

        var psi = new ProcessStartInfo(BrowserEnv.Node!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(BrowserEnv.RepoRoot, "tests", "Site.Tests", "Links", "links-browser.mjs"), "--site", output,
                     "--theme", BrowserEnv.ThemeDir, "--chromium", BrowserEnv.Chromium, "--from", "guide/#old-heading", "--expect", "docs/guide/#renamed-heading" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(entireProcessTree: true); Assert.Fail("browser script timed out"); }
        var json = stdout.Result.Trim();
        Assert.True(p.ExitCode == 0 && json.Length > 0, "browser script failed: " + stderr.Result);
        using var doc = JsonDocument.Parse(json);
        var js = doc.RootElement.GetProperty("js");
        Assert.Equal(js.GetProperty("want").GetString(), js.GetProperty("url").GetString());
        var heading = js.GetProperty("heading");
        Assert.Equal(JsonValueKind.Object, heading.ValueKind);
        Assert.Contains("Renamed heading", heading.GetProperty("text").GetString());
        // Scrolled to it: 40 paragraphs above it, and it is in the 700 px viewport (late layout can shift it a little).
        Assert.InRange(heading.GetProperty("top").GetInt32(), -5, 660);
        var nojs = doc.RootElement.GetProperty("nojs");
        Assert.StartsWith(nojs.GetProperty("want").GetString()!, nojs.GetProperty("url").GetString());
    }
}
