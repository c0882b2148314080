using Xunit;
using Xunit.Abstractions;

namespace Site.Tests.Browser;

/// <summary>
/// The reading experience in a real browser (Debian chromium via playwright-core, one launch for all
/// checks): clean pages, copy-link → clipboard, copy code, dark mode, phone drawer, scroll-spy, screenshots.
/// </summary>
[Collection(BrowserSiteCollection.Name)]
public sealed class BrowserTests
{
    private readonly BrowserSiteFixture _site;
    private readonly ITestOutputHelper _out;

    public BrowserTests(BrowserSiteFixture site, ITestOutputHelper output)
    {
        _site = site;
        _out = output;
    }

    private void AssertChecks(params string[] names)
    {
        Assert.True(_site.Result.ExitCode == 0, "fixture site did not build:\n" + _site.BuildLog);
        var run = _site.Run;
        _out.WriteLine($"browser session: {run.Seconds:0.0}s; {run.Log}");
        Assert.True(run.Completed, run.Log);
        var failures = new List<string>();
        foreach (var name in names)
        {
            var c = run.Checks.FirstOrDefault(c => c.Name == name);
            if (c is null) failures.Add($"[{name}] did not run; its step stopped early: " + string.Join("; ", run.Checks.Where(x => x.Detail.StartsWith("threw:")).Select(x => $"{x.Name}: {x.Detail.Split('\n')[0]}")));
            else if (!c.Ok) failures.Add($"[{name}] {c.Detail}");
            else _out.WriteLine($"ok [{name}] {c.Detail}");
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [BrowserFact]
    public void Every_page_loads_without_console_errors_or_failed_requests() =>
        AssertChecks("every page loads cleanly");

    [BrowserFact]
    public void Interactions_cause_no_console_errors()
    {
        AssertChecks("dark mode survives reload", "phone drawer opens and closes");
        var noisy = _site.Run.Checks.Where(c => c.Name.EndsWith("without console errors") && !c.Ok).ToList();
        Assert.True(noisy.Count == 0, string.Join("\n", noisy.Select(c => $"[{c.Name}] {c.Detail}")));
    }

    [BrowserFact]
    public void Copy_link_puts_the_absolute_share_url_on_the_clipboard_and_confirms() =>
        AssertChecks("copy-link copies the share URL", "copy-link shows a confirmation", "copied share URL resolves");

    [BrowserFact]
    public void Code_blocks_have_a_copy_button() => AssertChecks("code copy button");

    [BrowserFact]
    public void Dark_mode_toggle_survives_a_reload() => AssertChecks("dark mode survives reload", "light mode survives reload");

    [BrowserFact]
    public void Phone_drawer_opens_and_closes_at_390px() =>
        AssertChecks("phone drawer opens and closes", "phone drawer moves focus in and back", "phone page does not scroll sideways");

    [BrowserFact]
    public void Sidebar_marks_the_current_note_and_toc_follows_scrolling() =>
        AssertChecks("sidebar marks the current note", "scroll-spy follows the reader");

    [BrowserFact]
    public void Big_sites_fetch_the_sidebar_once_and_mark_the_current_note() => AssertChecks("lazy sidebar loads once");

    [BrowserFact]
    public void Print_rules_hide_the_site_chrome() => AssertChecks("print hides the chrome");

    [BrowserFact]
    public void Search_modules_load_on_first_focus_not_with_every_page() => AssertChecks("search modules load on first focus");

    [BrowserFact]
    public void On_phones_the_sidebar_is_fetched_when_the_drawer_first_opens() => AssertChecks("lazy sidebar waits for the drawer on phones");

    [BrowserFact]
    public void Screenshots_of_a_note_are_saved_as_artifacts()
    {
        AssertChecks("phone drawer opens and closes");
        foreach (var name in new[] { "note-390.png", "note-1280.png" })
        {
            var f = new FileInfo(Path.Combine(_site.Artifacts, name));
            Assert.True(f.Exists && f.Length > 5_000, $"{f.FullName} missing or empty");
            _out.WriteLine($"screenshot: {f.FullName} ({f.Length / 1024} KB)");
        }
    }
}
