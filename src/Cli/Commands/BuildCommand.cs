using System.ComponentModel;
using Site.Cli.Terminal;
using Spectre.Console.Cli;

namespace Site.Cli.Commands;

/// <summary><c>kbsite build</c> (also the default command): notes in, site out. Exit 0 built, 1 --strict failed, 2 build failed.</summary>
[Description("Build a folder of notes into a static site")]
public sealed class BuildCommand : Command<SiteSettings>
{
    public override int Execute(CommandContext context, SiteSettings settings, CancellationToken cancellationToken)
    {
        var options = OptionsResolver.Resolve(settings, progress: Console.Error.WriteLine);
        if (options.SiteUrl is null && !settings.Quiet) Console.WriteLine(OptionsValidator.NoSiteUrlInfo);
        Site.Core.CpuShare.OptIn(); // the tool's process ends with the build: its threads may give way to KaTeX's Node
        var result = BuildReport.Run(options, settings.Quiet, cancellationToken);
        WriteStats(result, settings.StatsJson);
        return result.ExitCode;
    }

    /// <summary>--stats-json FILE (already checked writable); a failure is one error line, the build's exit code stands.</summary>
    public static void WriteStats(BuildResult result, string? path)
    {
        if (path is null) return;
        try { SiteBuilder.WriteStats(result, path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Console.Error.WriteLine($"{path}:1: error: cannot write the statistics: {e.Message}"); }
    }
}
