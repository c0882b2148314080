using Site.Core;
using Site.Preview;

namespace Site.Cli;

/// <summary>
/// <c>preview [--port 5000]</c>: builds, serves the output folder on http://127.0.0.1:PORT/, rebuilds on
/// every change to the input or theme folder and reloads open pages (see src/Preview). Ctrl-C stops.
/// </summary>
public static class PreviewCommand
{
    public static async Task<int> RunAsync(BuildOptions options, int port, CancellationToken ct)
    {
        // The output must be ours before anything is served or rebuilt (a missing input is fine: it may come back).
        if (OutputGuard.Check(options.OutputDir, SiteBuilder.ProtectedFor(options)) is { } refused)
        {
            Console.Error.WriteLine($"{options.OutputDir}:1: error: {refused}; nothing was written");
            return 2;
        }
        PreviewServer server;
        try
        {
            server = await PreviewServer.StartAsync(options with { Preview = true }, port, Console.Out, ct: ct);
        }
        catch (OperationCanceledException) { return 130; }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"preview: cannot listen on 127.0.0.1:{port}: {ex.Message} (try --port {port + 1}, or --port 0 for any free port)");
            return 2;
        }
        await using (server)
        {
            Console.WriteLine($"Preview: {server.Url}  (watching {options.InputDir} and {options.ThemeDir}; Ctrl-C to stop)");
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { }
            Console.WriteLine("preview: stopping");
            await server.StopAsync();
        }
        return 0;
    }
}
