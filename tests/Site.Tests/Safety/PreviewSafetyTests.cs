using System.Net;
using System.Net.Sockets;
using Site.Cli;
using Site.Core;
using Site.Preview;
using Site.Tests.Preview;
using Xunit;

namespace Site.Tests.Safety;

public sealed class LoopbackHostTests
{
    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST:5000", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.1:8080", true)]
    [InlineData("[::1]", true)]
    [InlineData("[::1]:5000", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("evil.example", false)]
    [InlineData("evil.example:5000", false)]
    [InlineData("localhost.evil.example", false)]
    [InlineData("127.0.0.1.nip.io", false)]
    [InlineData("localhost:50x0", false)]
    [InlineData("[::1", false)]
    [InlineData("0.0.0.0", false)]
    public void Only_loopback_names_are_accepted(string? host, bool ok) => Assert.Equal(ok, LoopbackHost.IsAllowed(host));
}

/// <summary>The preview cannot be read through DNS rebinding, checks its port first, survives a deleted input folder.</summary>
[Collection("Preview")]
public sealed class PreviewSafetyTests
{
    [Theory]
    [InlineData("evil.example", HttpStatusCode.MisdirectedRequest)]
    [InlineData("rebind.attacker.test:{port}", HttpStatusCode.MisdirectedRequest)]
    [InlineData("localhost:{port}", HttpStatusCode.OK)]
    [InlineData("[::1]:{port}", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    public async Task Requests_for_other_host_names_get_421(string host, HttpStatusCode expected)
    {
        await using var site = await PreviewTestSite.StartAsync();
        foreach (var path in new[] { "/", "/search/meta.json" })
        {
            using var req = new HttpRequestMessage(HttpMethod.Get, site.Url(path));
            req.Headers.Host = host.Replace("{port}", site.Server.Port.ToString());
            using var res = await site.Http.SendAsync(req);
            Assert.Equal(expected, res.StatusCode);
        }
    }

    [Fact]
    public async Task A_busy_port_fails_before_the_output_folder_is_rebuilt()
    {
        var root = Directory.CreateTempSubdirectory("kb-port-").FullName;
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "in"));
            File.WriteAllText(Path.Combine(root, "in", "a.md"), "# A\n\ntext\n");
            var options = PreviewTestSite.Options(Path.Combine(root, "in"), Path.Combine(root, "out"), preview: false);
            Assert.Equal(0, SiteBuilder.Build(options, TextWriter.Null, quiet: true).ExitCode);
            File.WriteAllText(Path.Combine(root, "out", "sentinel.txt"), "a rebuild would swap this folder away");
            var port = ((IPEndPoint)busy.LocalEndpoint).Port;
            await Assert.ThrowsAnyAsync<IOException>(() => PreviewServer.StartAsync(options with { Preview = true }, port, TextWriter.Null));
            Assert.True(File.Exists(Path.Combine(root, "out", "sentinel.txt")));
        }
        finally
        {
            busy.Stop();
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Deleting_and_recreating_the_input_folder_shows_the_error_then_rebuilds_and_watches_again()
    {
        await using var site = await PreviewTestSite.StartAsync();
        var builds = System.Threading.Channels.Channel.CreateUnbounded<PreviewBuild>();
        site.Server.BuildCompleted += b => builds.Writer.TryWrite(b);
        var deadline = DateTime.UtcNow + PreviewTestSite.Wait;

        Directory.Delete(site.Input, recursive: true);
        PreviewBuild failed;
        do failed = await builds.Reader.ReadAsync(new CancellationTokenSource(deadline - DateTime.UtcNow).Token);
        while (failed.Failure is null || !failed.Failure.Contains("does not exist"));
        Assert.Equal(HttpStatusCode.OK, (await site.GetAsync("/")).StatusCode); // the last site is still served

        site.WriteNote("fresh.md", "# Fresh\n\nnew after recreate\n");
        await UntilPageContains(site, "/fresh/", "new after recreate", deadline);
        site.WriteNote("fresh.md", "# Fresh\n\nedited again\n");
        await UntilPageContains(site, "/fresh/", "edited again", deadline);
    }

    private static async Task UntilPageContains(PreviewTestSite site, string path, string text, DateTime deadline)
    {
        while (true)
        {
            using (var r = await site.GetAsync(path))
                if (r.StatusCode == HttpStatusCode.OK && (await r.Content.ReadAsStringAsync()).Contains(text)) return;
            Assert.True(DateTime.UtcNow < deadline, $"{path} never showed \"{text}\"\n{site.Log}");
            await Task.Delay(100);
        }
    }
}
