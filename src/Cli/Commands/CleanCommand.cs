using System.ComponentModel;
using Site.Cli.Cleaning;
using Site.Core;
using Spectre.Console.Cli;

namespace Site.Cli.Commands;

/// <summary>
/// <c>kbsite clean</c>: deletes the output folder and the build cache — only when <see cref="ToolMade"/> recognises
/// them as this tool's and <see cref="CleanGuard"/> finds nothing protected inside. Anything else is refused with
/// the reason and left untouched. Exit 0 cleaned (or nothing there), 2 refused.
/// </summary>
[Description("Delete the output folder and build cache this tool made (refuses anything else)")]
public sealed class CleanCommand : Command<SiteSettings>
{
    public override int Execute(CommandContext context, SiteSettings settings, CancellationToken cancellationToken)
    {
        var o = OptionsResolver.Resolve(settings, progress: null);
        var protectedDirs = new List<(string, string)> { (o.InputDir, "the notes folder"), (o.ThemeDir, "the theme folder") };
        var refused = false;
        refused |= !Clean(o.OutputDir, "output", dir => OutputGuard.Check(dir, SiteBuilder.ProtectedFor(o)) ?? ToolMade.WhyNotSite(dir), protectedDirs);
        if (o.CacheDir is { } cache) refused |= !Clean(cache, "cache", ToolMade.WhyNotCache, protectedDirs);
        return refused ? 2 : 0;
    }

    /// <summary>Deletes <paramref name="dir"/> if it is ours; false when it was refused.</summary>
    public static bool Clean(string dir, string what, Func<string, string?> whyNotOurs, IEnumerable<(string, string)> protectedDirs)
    {
        if (File.Exists(dir))
        {
            Console.Error.WriteLine($"{dir}:1: error: clean: not deleting the {what} {dir}: it is a file, not a folder kbsite made");
            return false;
        }
        if (!Directory.Exists(dir))
        {
            Console.WriteLine($"clean: no {what} folder at {dir}");
            return true;
        }
        var why = CleanGuard.WhyProtected(dir, protectedDirs) ?? whyNotOurs(dir);
        if (why is not null)
        {
            Console.Error.WriteLine($"{dir}:1: error: clean: not deleting the {what} folder {dir}: {why}");
            return false;
        }
        Directory.Delete(dir, recursive: true);
        Console.WriteLine($"clean: deleted the {what} folder {dir}");
        return true;
    }
}
