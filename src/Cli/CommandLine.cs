using System.CommandLine;
using Site.Core;

namespace Site.Cli;

/// <summary>
/// <c>dotnet run --project Site.csproj</c> builds input/ → output/.
/// <c>build --input DIR --output DIR [--base-url /p/] [--strict] …</c> builds any folder of notes.
/// </summary>
public static class CommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var input = new Option<string>("--input", "-i") { Description = "Folder of notes to read", DefaultValueFactory = _ => "input" };
        var output = new Option<string>("--output", "-o") { Description = "Folder to write the site to (replaced atomically)", DefaultValueFactory = _ => "output" };
        var theme = new Option<string?>("--theme") { Description = "Theme folder (default: theme/ next to Site.csproj)" };
        var baseUrl = new Option<string>("--base-url") { Description = "URL prefix the site is served under, e.g. /kb/ for GitHub project pages", DefaultValueFactory = _ => "/" };
        var siteUrl = new Option<string?>("--site-url") { Description = "Absolute origin for canonical, OpenGraph and sitemap URLs, e.g. https://me.github.io" };
        var title = new Option<string?>("--title") { Description = "Site title" };
        var strict = new Option<bool>("--strict") { Description = "Treat warnings as errors: exit 1 and keep the previous output" };
        var fixMath = new Option<bool>("--fix-math") { Description = "Repair TeX whose backslash escapes were lost (rac{ → \\frac{)" };
        var drafts = new Option<bool>("--drafts") { Description = "Include notes with draft: true" };
        var allowHtml = new Option<bool>("--allow-html") { Description = "Publish raw HTML in Markdown as written (default: scripts, event handlers and javascript: URLs are removed)" };
        var cacheDir = new Option<string?>("--cache-dir") { Description = "Build cache folder: parsed notes, rendered HTML and math, search index (default: .cache/ next to the output)" };
        var noCache = new Option<bool>("--no-cache") { Description = "Do not read or write the cache" };
        var stats = new Option<string?>("--stats-json") { Description = "Write build statistics (notes, pages, seconds per stage) to this JSON file" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only diagnostics and the summary" };
        var port = new Option<int>("--port") { Description = "Preview server port (127.0.0.1 only)", DefaultValueFactory = _ => 5000 };

        Option[] common = { input, output, theme, baseUrl, siteUrl, title, strict, fixMath, drafts, allowHtml, cacheDir, noCache, stats, quiet };

        // Usage errors (bad values, unknown options) exit with OptionsValidator.UsageExitCode before any work.
        CheckedOptions? Check(ParseResult r, bool withPort)
        {
            var c = OptionsValidator.Validate(r.GetValue(baseUrl), r.GetValue(siteUrl), withPort ? r.GetValue(port) : null, r.GetValue(stats));
            foreach (var e in c.Errors) Console.Error.WriteLine($"error: {e}");
            if (!c.Ok) return null;
            if (c.SiteUrl is null && !r.GetValue(quiet)) Console.WriteLine(OptionsValidator.NoSiteUrlInfo);
            return c;
        }

        BuildOptions Options(ParseResult r, CheckedOptions c) => new()
        {
            InputDir = r.GetValue(input)!,
            OutputDir = r.GetValue(output)!,
            ThemeDir = r.GetValue(theme) ?? ThemeLocator.Find(),
            BaseUrl = c.BaseUrl,
            SiteUrl = c.SiteUrl,
            SiteTitle = r.GetValue(title) ?? SiteConfig.Title(r.GetValue(input)!) ?? "Knowledge Base",
            Strict = r.GetValue(strict),
            FixMath = r.GetValue(fixMath),
            IncludeDrafts = r.GetValue(drafts),
            AllowHtml = r.GetValue(allowHtml),
            CacheDir = r.GetValue(noCache) ? null : r.GetValue(cacheDir) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(r.GetValue(output)!))!, ".cache"),
        };

        int RunBuild(ParseResult r)
        {
            if (Check(r, withPort: false) is not { } c) return OptionsValidator.UsageExitCode;
            var o = Options(r, c);
            var result = SiteBuilder.Build(o, Console.Out, r.GetValue(quiet));
            if (r.GetValue(stats) is { } s)
            {
                try { SiteBuilder.WriteStats(result, s); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Console.Error.WriteLine($"{s}:1: error: cannot write the statistics: {e.Message}"); }
            }
            return result.ExitCode;
        }

        var build = new Command("build", "Build a folder of notes into a static site");
        foreach (var o in common) build.Options.Add(o);
        build.SetAction(RunBuild);

        var preview = new Command("preview", "Build, serve on 127.0.0.1, rebuild on change and reload open pages");
        foreach (var o in common) preview.Options.Add(o);
        preview.Options.Add(port);
        preview.SetAction((r, ct) => Check(r, withPort: true) is { } c
            ? PreviewCommand.RunAsync(Options(r, c) with { Preview = true }, r.GetValue(port), ct)
            : Task.FromResult(OptionsValidator.UsageExitCode));

        var root = new RootCommand("Static knowledge-base site generator: notes in, themed site with topic tree, search and math out.");
        foreach (var o in common) root.Options.Add(o);
        root.Subcommands.Add(build);
        root.Subcommands.Add(preview);
        root.SetAction(RunBuild);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine("(see --help)");
            return OptionsValidator.UsageExitCode;
        }
        return await parsed.InvokeAsync();
    }
}
