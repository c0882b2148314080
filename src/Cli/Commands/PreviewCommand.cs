using System.ComponentModel;
using System.Diagnostics;
using Site.Core;
using Site.Preview;
using Spectre.Console.Cli;

namespace Site.Cli.Commands;

/// <summary>
/// <c>preview [--port 5000] [--open]</c>: builds, serves the output folder on http://127.0.0.1:PORT/, rebuilds on
/// every change to the input or theme folder and reloads open pages (see src/Preview). Ctrl-C stops.
/// </summary>
[Description("Build, serve on 127.0.0.1, rebuild on change and reload open pages")]
public sealed class PreviewCommand : AsyncCommand<PreviewSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, PreviewSettings settings, CancellationToken cancellationToken) =>
        Run(OptionsResolver.Resolve(settings, progress: Console.Error.WriteLine, port: settings.Port), settings, cancellationToken);

    private static Task<int> Run(BuildOptions options, PreviewSettings settings, CancellationToken ct)
    {
        if (options.SiteUrl is null && !settings.Quiet) Console.WriteLine(OptionsValidator.NoSiteUrlInfo);
        return RunAsync(options, settings.Port, ct, settings.Open);
    }

    public static async Task<int> RunAsync(BuildOptions options, int port, CancellationToken ct, bool open = false)
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
            if (open) OpenBrowser(server.Url);
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { }
            Console.WriteLine("preview: stopping");
            await server.StopAsync();
        }
        return 0;
    }

    /// <summary>Hands the (127.0.0.1) URL to the desktop's opener; a failure is one line, never fatal.</summary>
    private static void OpenBrowser(string url)
    {
        try
        {
            var psi = OperatingSystem.IsWindows() ? new ProcessStartInfo(url) { UseShellExecute = true }
                : new ProcessStartInfo(OperatingSystem.IsMacOS() ? "open" : "xdg-open") { UseShellExecute = false, ArgumentList = { url } };
            using var _ = Process.Start(psi);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Console.Error.WriteLine($"preview: cannot open a browser ({ex.Message}); open {url} yourself");
        }
    }
}
