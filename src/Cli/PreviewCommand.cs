using Site.Core;

namespace Site.Cli;

/// <summary>Placeholder until the preview server lands: builds once.</summary>
public static class PreviewCommand
{
    public static Task<int> RunAsync(BuildOptions options, int port, CancellationToken ct) =>
        Task.FromResult(SiteBuilder.Build(options, Console.Out).ExitCode);
}
