using System.Collections.Immutable;
using Site.Cli.Commands;
using Site.Cli.Config;
using Site.Core;

namespace Site.Cli;

/// <summary>
/// Turns command-line settings into <see cref="BuildOptions"/>: a flag wins, then site.yml, then the default.
/// In a notes folder (the current folder holds site.yml and --input is not given) the input is the folder
/// itself and the output _site/; otherwise input/ → output/ as always.
/// </summary>
public static class OptionsResolver
{
    /// <summary>The default cache folder's name, beside the output: a name of its own, so an output in the home folder
    /// never puts the cache into ~/.cache (the XDG cache folder other programs share).</summary>
    public const string DefaultCacheName = ".kbsite-cache";

    public const string NotesFolderOutput = "_site";

    /// <summary>True when <paramref name="dir"/> is a notes folder made for this tool (it has a site.yml).</summary>
    public static bool IsNotesFolder(string dir) => File.Exists(Path.Combine(dir, SiteConfig.FileName));

    /// <summary>The build options; flag values are checked by <see cref="OptionsValidator"/> first (site.yml values by
    /// <see cref="SiteConfigReader"/>, as line diagnostics).</summary>
    /// <param name="port">The preview port to check, if any.</param>
    /// <exception cref="UsageException">A flag value is wrong (nothing was read or written).</exception>
    public static BuildOptions Resolve(SiteSettings s, string? currentDir = null, Action<string>? progress = null, int? port = null)
    {
        var flags = OptionsValidator.Validate(s.BaseUrl, s.SiteUrl, port, s.StatsJson);
        if (!flags.Ok) throw new UsageException(flags.Errors);
        currentDir ??= Directory.GetCurrentDirectory();
        var notesFolder = s.Input is null && IsNotesFolder(currentDir);
        var input = s.Input ?? (notesFolder ? "." : "input");
        var output = s.Output ?? (notesFolder ? NotesFolderOutput : "output");
        var inputFull = Path.Combine(currentDir, input);
        var (config, problems) = SiteConfigReader.ReadFolder(inputFull);
        var missing = config.Nav.Where(n => !Directory.Exists(Path.Combine(inputFull, n.Folder)))
            .Select(n => new Diagnostic(SiteConfig.FileName, n.Line, Severity.Warning, $"nav: there is no top-level folder '{n.Folder}' in the notes; the entry is ignored"));
        return new BuildOptions
        {
            InputDir = input,
            OutputDir = output,
            ThemeDir = s.Theme ?? ThemeLocator.Find(progress),
            BaseUrl = s.BaseUrl is not null || s.SiteUrl is not null && flags.BaseUrl != "/" ? flags.BaseUrl : config.BaseUrl ?? "/",
            SiteUrl = flags.SiteUrl ?? config.SiteUrl,
            SiteTitle = s.Title ?? config.Title ?? "Knowledge Base",
            SiteDescription = config.Description,
            Language = config.Language ?? "zh-CN",
            Strict = s.Strict || config.Strict == true,
            FixMath = s.FixMath || config.MathFix == true,
            IncludeDrafts = s.Drafts || config.Drafts == true,
            AllowHtml = s.AllowHtml,
            Nav = config.Nav.Select(n => n.Folder).ToImmutableArray(),
            MathEnabled = config.MathEnabled ?? true,
            SearchEnabled = config.SearchEnabled ?? true,
            CacheDir = s.NoCache ? null : s.CacheDir ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, DefaultCacheName),
            SettingsDiagnostics = problems.Concat(missing).ToList(),
        };
    }
}
