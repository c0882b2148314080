using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Site.Core;
using Site.Preview;
using Xunit;

namespace Site.Tests.Preview;

/// <summary>Preview tests start servers, watch folders and build sites: run them one at a time.</summary>
[CollectionDefinition("Preview", DisableParallelization = true)]
public sealed class PreviewCollection { }

/// <summary>A temp copy of the fixture notes, served by an in-process preview server on a free port.</summary>
public sealed class PreviewTestSite : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(90); // generous: CI boxes are shared and slow

    private PreviewTestSite(string root) { Root = root; }

    public string Root { get; }
    public string Input => Path.Combine(Root, "input");
    public string Output => Path.Combine(Root, "output");
    public PreviewServer Server { get; private set; } = null!;
    public HttpClient Http { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = 256 }) { Timeout = Wait };
    public StringWriter Log { get; } = new();

    public static async Task<PreviewTestSite> StartAsync(string baseUrl = "/", TimeSpan? debounce = null)
    {
        var site = new PreviewTestSite(Path.Combine(Path.GetTempPath(), "site-preview-test-" + Guid.NewGuid().ToString("N")[..10]));
        CopyDir(FixtureDir(), site.Input);
        var options = Options(site.Input, site.Output, preview: true) with { BaseUrl = baseUrl };
        site.Server = await PreviewServer.StartAsync(options, 0, site.Log, new PreviewServerSettings { Debounce = debounce ?? TimeSpan.FromMilliseconds(50) });
        return site;
    }

    public static BuildOptions Options(string input, string output, bool preview) => new()
    {
        InputDir = input,
        OutputDir = output,
        ThemeDir = Path.Combine(RepoRoot(), "theme"),
        CacheDir = null,
        Preview = preview,
        Parallelism = 2,
    };

    public string Url(string path) => Server.Origin + path;

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(Url(path));

    public async Task<string> GetStringAsync(string path)
    {
        using var r = await GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, r.StatusCode);
        return await r.Content.ReadAsStringAsync();
    }

    public void WriteNote(string rel, string text)
    {
        var full = Path.Combine(Input, rel);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        try { Directory.Delete(Root, true); } catch { }
    }

    public static string FixtureDir()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Preview", "site");
        return Directory.Exists(copied) ? copied : Path.Combine(RepoRoot(), "tests", "Site.Tests", "Fixtures", "Preview", "site");
    }

    /// <summary>The folder with Site.csproj (see <see cref="Support.TempSite.RepoRoot"/>).</summary>
    public static string RepoRoot() => Support.TempSite.RepoRoot;

    public static void CopyDir(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var d in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, d)));
        foreach (var f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(f, Path.Combine(to, Path.GetRelativePath(from, f)), overwrite: true);
    }
}

/// <summary>A Server-Sent Events client over HttpClient streaming.</summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _cts = new();
    private readonly Channel<(string Name, string Data)> _events = Channel.CreateUnbounded<(string, string)>();
    private Task _pump = Task.CompletedTask;

    public static async Task<SseClient> ConnectAsync(string url)
    {
        var c = new SseClient();
        var response = await c._http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, c._cts.Token);
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/event-stream", response.Content.Headers.ContentType?.ToString());
        var stream = await response.Content.ReadAsStreamAsync(c._cts.Token);
        c._pump = Task.Run(() => c.PumpAsync(stream));
        return c;
    }

    private async Task PumpAsync(Stream stream)
    {
        try
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            string? name = null;
            var data = new StringBuilder();
            while (await reader.ReadLineAsync(_cts.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (name is not null || data.Length > 0) _events.Writer.TryWrite((name ?? "message", data.ToString()));
                    name = null; data.Clear();
                }
                else if (line.StartsWith("event: ")) name = line[7..];
                else if (line.StartsWith("data: ")) { if (data.Length > 0) data.Append('\n'); data.Append(line[6..]); }
            }
        }
        catch (Exception) { }
        finally { _events.Writer.TryComplete(); }
    }

    /// <summary>Waits for the next event called <paramref name="name"/> whose JSON data satisfies <paramref name="match"/>; earlier events are skipped.</summary>
    public async Task<JsonElement> WaitForAsync(string name, Func<JsonElement, bool>? match = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? PreviewTestSite.Wait);
        try
        {
            while (true)
            {
                var (n, data) = await _events.Reader.ReadAsync(cts.Token);
                if (n != name) continue;
                var json = JsonDocument.Parse(data).RootElement.Clone();
                if (match is null || match(json)) return json;
            }
        }
        catch (OperationCanceledException) { throw new TimeoutException($"no '{name}' event within {(timeout ?? PreviewTestSite.Wait).TotalSeconds:0}s"); }
    }

    public async ValueTask DisposeAsync()
    {
        _cts.Cancel();
        try { await _pump.WaitAsync(TimeSpan.FromSeconds(5)); } catch { }
        _http.Dispose();
        _cts.Dispose();
    }
}

/// <summary>HTTP/1.1 over a raw socket, so request targets reach the server exactly as written (no client-side normalization).</summary>
public static class RawHttp
{
    public sealed record Response(int Status, string Headers, byte[] Body)
    {
        public string Text => Encoding.UTF8.GetString(Body);
    }

    public static async Task<Response> GetAsync(int port, string target, string method = "GET")
    {
        using var tcp = new TcpClient();
        using var cts = new CancellationTokenSource(PreviewTestSite.Wait);
        await tcp.ConnectAsync("127.0.0.1", port, cts.Token);
        var stream = tcp.GetStream();
        var req = Encoding.UTF8.GetBytes($"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(req, cts.Token);
        var ms = new MemoryStream();
        await stream.CopyToAsync(ms, cts.Token);
        var all = ms.ToArray();
        var text = Encoding.Latin1.GetString(all);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = end < 0 ? text : text[..end];
        var statusLine = head.Split("\r\n")[0];
        var status = int.Parse(statusLine.Split(' ')[1]);
        var body = end < 0 ? Array.Empty<byte>() : all[(end + 4)..];
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)) body = Dechunk(body);
        return new Response(status, head, body);
    }

    private static byte[] Dechunk(byte[] body)
    {
        var output = new MemoryStream();
        int i = 0;
        while (i < body.Length)
        {
            int lineEnd = Array.IndexOf(body, (byte)'\r', i);
            if (lineEnd < 0) break;
            var size = Convert.ToInt32(Encoding.ASCII.GetString(body, i, lineEnd - i).Split(';')[0].Trim(), 16);
            if (size == 0) break;
            output.Write(body, lineEnd + 2, Math.Min(size, body.Length - lineEnd - 2));
            i = lineEnd + 2 + size + 2;
        }
        return output.ToArray();
    }
}
