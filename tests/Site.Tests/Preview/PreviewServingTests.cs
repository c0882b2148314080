using System.Net;
using System.Net.Sockets;
using System.Text;
using Site.Preview;
using Xunit;

namespace Site.Tests.Preview;

/// <summary>One server for the read-only serving tests.</summary>
public sealed class ServedSite : IAsyncLifetime
{
    public PreviewTestSite Site { get; private set; } = null!;
    public const string Secret = "TOP-SECRET-5b9e";

    public async Task InitializeAsync()
    {
        Site = await PreviewTestSite.StartAsync();
        // A file next to the output folder that no request may ever reach.
        File.WriteAllText(Path.Combine(Site.Root, "secret.txt"), Secret);
        File.WriteAllText(Path.Combine(Site.Root, "input", "secret.txt"), Secret); // an input asset no note uses: not published
        // A big file to abort downloads of (an asset a note links to, so the emit copies it).
        var big = new byte[12 * 1024 * 1024];
        new Random(7).NextBytes(big);
        File.WriteAllBytes(Path.Combine(Site.Input, "images", "big.png"), big);
        Site.WriteNote("big.md", "# Big\n\n![big](images/big.png)\n");
        var built = new TaskCompletionSource();
        Site.Server.BuildCompleted += b => { if (File.Exists(Path.Combine(Site.Output, "images", "big.png"))) built.TrySetResult(); };
        Site.Server.RequestRebuild("test setup");
        await built.Task.WaitAsync(PreviewTestSite.Wait);
    }

    public async Task DisposeAsync() => await Site.DisposeAsync();
}

[Collection("Preview")]
public class PreviewServingTests(ServedSite fixture) : IClassFixture<ServedSite>
{
    private PreviewTestSite Site => fixture.Site;
    private int Port => Site.Server.Port;

    [Theory]
    [InlineData("/../secret.txt")]
    [InlineData("/../../../../etc/passwd")]
    [InlineData("/%2e%2e/secret.txt")]
    [InlineData("/%2E%2E/secret.txt")]
    [InlineData("/..%2fsecret.txt")]
    [InlineData("/%2e%2e%2fsecret.txt")]
    [InlineData("/alpha/%2e%2e/%2e%2e/secret.txt")]
    [InlineData("/%5c..%5csecret.txt")]
    [InlineData("/..\\secret.txt")]
    [InlineData("/alpha\\..\\..\\secret.txt")]
    [InlineData("/%252e%252e/secret.txt")]
    [InlineData("/%00")]
    [InlineData("/alpha/%00/index.html")]
    [InlineData("/%c0%ae%c0%ae/secret.txt")]
    [InlineData("/C:/secret.txt")]
    [InlineData("//etc/passwd")]
    [InlineData("/secret.txt")]
    [InlineData("/images/../../secret.txt")]
    public async Task Traversal_attempts_never_leave_the_output_folder(string target)
    {
        var r = await RawHttp.GetAsync(Port, target);
        Assert.True(r.Status is 400 or 404, $"{target} → {r.Status}");
        Assert.DoesNotContain(ServedSite.Secret, r.Text);
        Assert.DoesNotContain("root:x:0:0", r.Text);
    }

    [Theory]
    [InlineData("/../secret.txt")]
    [InlineData("/%2e%2e/secret.txt")]
    [InlineData("/..%2fsecret.txt")]
    [InlineData("/%5c..%5csecret.txt")]
    public void Resolver_rejects_traversal_outright(string target) =>
        Assert.Equal(PathKind.Bad, StaticFiles.Resolve(target, Site.Output, "/").Kind);

    [Theory]
    [InlineData("/", "text/html; charset=utf-8")]
    [InlineData("/alpha/", "text/html; charset=utf-8")]
    [InlineData("/alpha/index.html", "text/html; charset=utf-8")]
    [InlineData("/assets/site.css", "text/css; charset=utf-8")]
    [InlineData("/assets/site.js", "text/javascript; charset=utf-8")]
    [InlineData("/assets/search/search-core.mjs", "text/javascript; charset=utf-8")]
    [InlineData("/assets/favicon.svg", "image/svg+xml; charset=utf-8")]
    [InlineData("/topics.json", "application/json; charset=utf-8")]
    [InlineData("/sitemap.xml", "application/xml; charset=utf-8")]
    [InlineData("/robots.txt", "text/plain; charset=utf-8")]
    [InlineData("/images/pixel.png", "image/png")]
    public async Task Files_are_served_with_their_content_type_and_no_store(string path, string contentType)
    {
        using var r = await Site.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(contentType, r.Content.Headers.ContentType?.ToString());
        Assert.Equal("no-store", r.Headers.CacheControl?.ToString());
        var expected = File.ReadAllBytes(Path.Combine(Site.Output, path.TrimStart('/').EndsWith('/') || path == "/" ? Path.Combine(path.Trim('/'), "index.html") : path.TrimStart('/')));
        Assert.Equal(expected, await r.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("x.woff2", "font/woff2")]
    [InlineData("x.jpg", "image/jpeg")]
    [InlineData("x.JPEG", "image/jpeg")]
    [InlineData("x.mjs", "text/javascript; charset=utf-8")]
    [InlineData("x.bin", "application/octet-stream")]
    public void Content_type_table(string file, string expected) => Assert.Equal(expected, StaticFiles.ContentType(file));

    [Fact]
    public async Task Percent_encoded_chinese_paths_are_served()
    {
        var html = await Site.GetStringAsync("/%E5%BC%A0%E9%87%8F/%E5%B9%B6%E8%A1%8C/");
        Assert.Contains("把一个矩阵乘法切分到多张卡上", html);
        using var r = await Site.GetAsync("/%E5%BC%A0%E9%87%8F/%E5%B9%B6%E8%A1%8C");
        Assert.Equal(HttpStatusCode.Found, r.StatusCode);
        Assert.Equal("/%E5%BC%A0%E9%87%8F/%E5%B9%B6%E8%A1%8C/", r.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Directories_redirect_to_the_slash_form_and_keep_the_query()
    {
        using var r = await Site.GetAsync("/alpha?x=1");
        Assert.Equal(HttpStatusCode.Found, r.StatusCode);
        Assert.Equal("/alpha/?x=1", r.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Missing_pages_get_the_sites_404_page_and_folders_are_never_listed()
    {
        using var r = await Site.GetAsync("/no/such/page/");
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Equal("text/html; charset=utf-8", r.Content.Headers.ContentType?.ToString());
        Assert.Equal(File.ReadAllText(Path.Combine(Site.Output, "404.html")), await r.Content.ReadAsStringAsync());

        using var dir = await Site.GetAsync("/assets/"); // a folder without index.html
        Assert.Equal(HttpStatusCode.NotFound, dir.StatusCode);
        Assert.Equal(File.ReadAllText(Path.Combine(Site.Output, "404.html")), await dir.Content.ReadAsStringAsync()); // the 404 page, not a listing
    }

    [Fact]
    public async Task Only_get_and_head()
    {
        using var post = await Site.Http.PostAsync(Site.Url("/alpha/"), new StringContent("x"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        var head = await RawHttp.GetAsync(Port, "/alpha/", "HEAD");
        Assert.Equal(200, head.Status);
        Assert.Empty(head.Body);
    }

    [Fact]
    public async Task Two_hundred_concurrent_requests_all_succeed()
    {
        var paths = new[] { "/", "/alpha/", "/beta/", "/assets/site.css", "/%E5%BC%A0%E9%87%8F/%E5%B9%B6%E8%A1%8C/", "/topics.json" };
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 200, PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = PreviewTestSite.Wait };
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            using var r = await http.GetAsync(Site.Url(paths[i % paths.Length]));
            var body = await r.Content.ReadAsByteArrayAsync();
            return (r.StatusCode, body.Length);
        })).ToList();
        var results = await Task.WhenAll(tasks);
        Assert.All(results, r => { Assert.Equal(HttpStatusCode.OK, r.StatusCode); Assert.True(r.Length > 0); });
    }

    [Fact]
    public async Task Clients_that_abort_mid_response_do_not_hurt_the_server()
    {
        for (int i = 0; i < 20; i++)
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", Port);
            var s = tcp.GetStream();
            await s.WriteAsync(Encoding.ASCII.GetBytes("GET /images/big.png HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            var buf = new byte[4096];
            var n = await s.ReadAsync(buf);
            Assert.StartsWith("HTTP/1.1 200", Encoding.ASCII.GetString(buf, 0, n));
            if (i % 2 == 0) tcp.Client.LingerState = new LingerOption(true, 0); // RST instead of FIN
            tcp.Close();
        }
        // Half-sent requests and event streams dropped mid-way, too.
        for (int i = 0; i < 5; i++)
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", Port);
            await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(i % 2 == 0 ? "GET /alpha/ HTT" : "GET /__preview/events HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            await Task.Delay(50);
        }

        using var r = await Site.GetAsync("/images/big.png");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(12 * 1024 * 1024, (await r.Content.ReadAsByteArrayAsync()).Length);
        Assert.Contains("Alpha", await Site.GetStringAsync("/alpha/"));
        // Dropped event streams unsubscribe.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Site.Server.Events.SubscriberCount > 0 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(0, Site.Server.Events.SubscriberCount);
    }

    [Fact]
    public void Server_listens_on_127_0_0_1_only()
    {
        Assert.StartsWith("http://127.0.0.1:", Site.Server.Url);
        var active = System.Net.NetworkInformation.IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners()
            .Where(e => e.Port == Port).ToList();
        Assert.NotEmpty(active);
        Assert.All(active, e => Assert.Equal(IPAddress.Loopback, e.Address));
    }
}
