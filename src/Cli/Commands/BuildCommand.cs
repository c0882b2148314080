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
        var result = BuildReport.Run(options, settings.Quiet, cancellationToken);
        if (settings.StatsJson is { } s) SiteBuilder.WriteStats(result, s);
        return result.ExitCode;
    }
}
