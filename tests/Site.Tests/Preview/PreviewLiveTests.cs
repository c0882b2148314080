using System.Net;
using System.Text.Json;
using Site.Cli;
using Xunit;

namespace Site.Tests.Preview;

/// <summary>Edit → rebuild → reload, over the real server, watcher and SSE channel.</summary>
[Collection("Preview")]
public class PreviewLiveTests
{
    /// <summary>Waits for reload events until <paramref name="check"/> passes (a stray earlier build may arrive first).</summary>
    private static async Task ReloadUntilAsync(SseClient sse, Func<Task<bool>> check)
    {
        var deadline = DateTime.UtcNow + PreviewTestSite.Wait;
        while (true)
        {
            await sse.WaitForAsync("reload", timeout: deadline - DateTime.UtcNow);
            if (await check()) return;
            Assert.True(DateTime.UtcNow < deadline, "the page never showed the change");
        }
    }

    [Fact]
    public async Task Editing_a_note_sends_reload_and_the_page_has_the_new_content_with_only_that_note_rerendered()
    {
        await using var site = await PreviewTestSite.StartAsync();
        var before = await site.GetStringAsync("/alpha/");
        Assert.Contains("Alpha is the first fixture note", before);
        Assert.Contains("/__preview/reload.js", before);

        await using var sse = await SseClient.ConnectAsync(site.Url("/__preview/events"));
        var hello = await sse.WaitForAsync("hello");
        Assert.Equal(site.Server.Events.InstanceId, hello.GetProperty("instance").GetString());

        var text = File.ReadAllText(Path.Combine(site.Input, "alpha.md")).Replace("Some details about alpha.", "Freshly edited paragraph 7f3a.");
        site.WriteNote("alpha.md", text);
        await ReloadUntilAsync(sse, async () => (await site.GetStringAsync("/alpha/")).Contains("Freshly edited paragraph 7f3a."));

        var last = site.Server.Session.Last!;
        Assert.True(last.Committed);
        Assert.Equal(1, last.Reuse.RenderRan);                      // only alpha.md was rendered again …
        Assert.Equal(last.Reuse.Notes - 1, last.Reuse.RenderReused); // … every other note was reused
        // Reused notes still come out whole: beta's page and its links.
        var beta = await site.GetStringAsync("/beta/");
        Assert.Contains("Beta is the second fixture note", beta);
        Assert.Contains("href=\"/alpha/#details\"", beta);
    }

    [Fact]
    public async Task Deleting_a_note_removes_its_page_and_renaming_moves_it()
    {
        await using var site = await PreviewTestSite.StartAsync();
        Assert.Contains("Gamma exists", await site.GetStringAsync("/gamma/"));
        await using var sse = await SseClient.ConnectAsync(site.Url("/__preview/events"));
        await sse.WaitForAsync("hello");

        File.Move(Path.Combine(site.Input, "gamma.md"), Path.Combine(site.Input, "delta.md"));
        await ReloadUntilAsync(sse, async () => (await site.GetAsync("/delta/")).StatusCode == HttpStatusCode.OK);
        // The old URL is not a dead end: a redirect page to the renamed note (README "Links that last").
        Assert.Contains("content=\"0; url=/delta/\"", await site.GetStringAsync("/gamma/"));
        Assert.DoesNotContain("Gamma exists", await site.GetStringAsync("/gamma/"));

        File.Delete(Path.Combine(site.Input, "beta.md"));
        await ReloadUntilAsync(sse, async () => (await site.GetAsync("/beta/")).StatusCode == HttpStatusCode.NotFound);
        Assert.False(Directory.Exists(Path.Combine(site.Output, "beta")));
        // alpha links to beta: with beta gone, alpha is rendered again and its link reported (the cache must not hide it).
        var diags = site.Server.Session.Last!.Result.Diagnostics.Select(d => d.ToString()).ToList();
        Assert.Contains(diags, d => d.StartsWith("alpha.md:") && d.Contains("broken link: beta.md"));
    }

    [Fact]
    public async Task A_broken_note_sends_diagnostics_the_server_keeps_serving_and_fixing_it_clears_them()
    {
        await using var site = await PreviewTestSite.StartAsync();
        await using var sse = await SseClient.ConnectAsync(site.Url("/__preview/events"));
        await sse.WaitForAsync("hello");

        site.WriteNote("broken.md", "---\ntitle: [unclosed <b>\ntags: x\n---\n\n# Broken\n\nBody.\n");
        var diag = await sse.WaitForAsync("diagnostics", d => d.GetProperty("errors").GetInt32() > 0);
        var item = diag.GetProperty("items").EnumerateArray().First(i => i.GetProperty("path").GetString() == "broken.md");
        Assert.Equal("error", item.GetProperty("severity").GetString());
        Assert.Matches(@"^broken\.md:\d+: error: malformed front matter", item.GetProperty("text").GetString());
        Assert.True(item.GetProperty("line").GetInt32() >= 2);

        // Still serving, including the other notes.
        Assert.Contains("Alpha is the first fixture note", await site.GetStringAsync("/alpha/"));
        // A page that connects now gets the current diagnostics straight away (the overlay survives reloads).
        await using (var late = await SseClient.ConnectAsync(site.Url("/__preview/events")))
            Assert.True((await late.WaitForAsync("diagnostics")).GetProperty("errors").GetInt32() > 0);

        site.WriteNote("broken.md", "---\ntitle: Fixed\n---\n\n# Fixed\n\nBody.\n");
        await sse.WaitForAsync("diagnostics", d => d.GetProperty("errors").GetInt32() == 0);
        Assert.Contains("Body.", await site.GetStringAsync("/broken/"));
    }

    [Fact]
    public async Task A_burst_of_saves_is_coalesced_into_few_builds()
    {
        await using var site = await PreviewTestSite.StartAsync(debounce: TimeSpan.FromMilliseconds(150));
        var builds = 0;
        site.Server.BuildCompleted += _ => Interlocked.Increment(ref builds);
        await using var sse = await SseClient.ConnectAsync(site.Url("/__preview/events"));
        await sse.WaitForAsync("hello");

        for (int i = 0; i < 10; i++)
        {
            site.WriteNote("beta.md", $"---\ntitle: Beta\n---\n\n# Beta\n\nSave number {i}.\n");
            await Task.Delay(10);
        }
        await ReloadUntilAsync(sse, async () => (await site.GetStringAsync("/beta/")).Contains("Save number 9."));
        await Task.Delay(600); // a follow-up build, if one was queued, has time to run
        Assert.InRange(builds, 1, 2);
    }

    [Fact]
    public async Task Reload_script_is_served_and_reconnects_and_only_preview_pages_load_it()
    {
        await using var site = await PreviewTestSite.StartAsync();
        using var js = await site.GetAsync("/__preview/reload.js");
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.Equal("text/javascript; charset=utf-8", js.Content.Headers.ContentType?.ToString());
        var source = await js.Content.ReadAsStringAsync();
        Assert.Contains("new EventSource('/__preview/events')", source);
        Assert.Contains("location.reload()", source);
        Assert.Contains("setTimeout(connect", source);
        Assert.DoesNotContain("innerHTML", source); // diagnostics are drawn as text

        foreach (var page in Directory.EnumerateFiles(site.Output, "*.html", SearchOption.AllDirectories))
            if (Path.GetFileName(page) != "sidebar.html") // a fragment pages fetch, not a page
                Assert.Contains("<script src=\"/__preview/reload.js\"></script>", File.ReadAllText(page));

        // A normal build of the same notes never has it.
        var outDir = Path.Combine(site.Root, "real-build");
        var result = SiteBuilder.Build(PreviewTestSite.Options(site.Input, outDir, preview: false), TextWriter.Null, quiet: true);
        Assert.Equal(0, result.ExitCode);
        var pages = Directory.EnumerateFiles(outDir, "*.html", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(pages);
        foreach (var page in pages) Assert.DoesNotContain("__preview", File.ReadAllText(page));
    }

    [Fact]
    public async Task Under_a_base_url_the_site_is_served_below_it_and_the_script_stays_at_the_root()
    {
        await using var site = await PreviewTestSite.StartAsync(baseUrl: "/kb/");
        Assert.EndsWith("/kb/", site.Server.Url);
        Assert.Contains("Alpha is the first fixture note", await site.GetStringAsync("/kb/alpha/"));
        using (var root = await site.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.Found, root.StatusCode);
            Assert.Equal("/kb/", root.Headers.Location?.OriginalString);
        }
        using (var noSlash = await site.GetAsync("/kb"))
            Assert.Equal("/kb/", noSlash.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync("/alpha/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.GetAsync("/__preview/reload.js")).StatusCode);
        Assert.Contains("<script src=\"/__preview/reload.js\"></script>", await site.GetStringAsync("/kb/alpha/"));
    }

    [Fact]
    public async Task Stopping_the_server_ends_open_event_streams()
    {
        var site = await PreviewTestSite.StartAsync();
        await using var sse = await SseClient.ConnectAsync(site.Url("/__preview/events"));
        await sse.WaitForAsync("hello");
        var stop = Task.Run(async () => await site.DisposeAsync());
        await stop.WaitAsync(TimeSpan.FromSeconds(30));
        // The stream ends (the event channel completes) rather than hanging until a timeout.
        await Assert.ThrowsAsync<System.Threading.Channels.ChannelClosedException>(() => sse.WaitForAsync("reload", timeout: TimeSpan.FromSeconds(20)));
    }
}
