using System.ComponentModel;
using Site.Cli.Terminal;
using Spectre.Console.Cli;

namespace Site.Cli.Commands;

/// <summary>
/// <c>kbsite check</c>: every stage of a build — read, normalize, math, links, search, pages — and its diagnostics
/// and exit code, but nothing is written: not the output folder, not the cache. The pages go to a private staging
/// folder under the system temp folder that is deleted afterwards. For CI and editors.
/// </summary>
[Description("Build without writing anything: print diagnostics, exit 0 ok, 1 --strict and warnings, 2 failed")]
public sealed class CheckCommand : Command<SiteSettings>
{
    public override int Execute(CommandContext context, SiteSettings settings, CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateTempSubdirectory("kbsite-check-");
        try
        {
            var options = OptionsResolver.Resolve(settings, progress: Console.Error.WriteLine) with
            {
                OutputDir = Path.Combine(scratch.FullName, "site"),
                CacheDir = null,
                DryRun = true,
            };
            var result = BuildReport.Run(options, settings.Quiet, cancellationToken, verb: "Checking");
            BuildCommand.WriteStats(result, settings.StatsJson);
            return result.ExitCode;
        }
        finally
        {
            try { scratch.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
