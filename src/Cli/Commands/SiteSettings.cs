using System.ComponentModel;
using Spectre.Console.Cli;

namespace Site.Cli.Commands;

/// <summary>
/// The options every site command shares (build, preview, check, clean). Unset values are null: the
/// <see cref="OptionsResolver"/> fills them from site.yml, then from the defaults (input/ → output/, or
/// . → _site/ when the current folder has a site.yml).
/// </summary>
public class SiteSettings : CommandSettings
{
    [CommandOption("-i|--input <DIR>")]
    [Description("Folder of notes to read (default: input, or . in a folder with site.yml)")]
    public string? Input { get; set; }

    [CommandOption("-o|--output <DIR>")]
    [Description("Folder to write the site to, replaced atomically (default: output, or _site in a folder with site.yml)")]
    public string? Output { get; set; }

    [CommandOption("--theme <DIR>")]
    [Description("Theme folder (default: theme/ next to Site.csproj, or the one inside the installed tool)")]
    public string? Theme { get; set; }

    [CommandOption("--base-url <PATH>")]
    [Description("URL prefix the site is served under, e.g. /kb/ for GitHub project pages (default: site.yml base_url, else /)")]
    public string? BaseUrl { get; set; }

    [CommandOption("--site-url <URL>")]
    [Description("Absolute origin for canonical, OpenGraph and sitemap URLs, e.g. https://me.github.io")]
    public string? SiteUrl { get; set; }

    [CommandOption("--title <TEXT>")]
    [Description("Site title (default: site.yml title, else Knowledge Base)")]
    public string? Title { get; set; }

    [CommandOption("--strict")]
    [Description("Treat warnings as errors: exit 1 and keep the previous output")]
    public bool Strict { get; set; }

    [CommandOption("--fix-math")]
    [Description("Repair TeX whose backslash escapes were lost (rac{ → \\frac{)")]
    public bool FixMath { get; set; }

    [CommandOption("--drafts")]
    [Description("Include notes with draft: true")]
    public bool Drafts { get; set; }

    [CommandOption("--allow-html")]
    [Description("Publish raw HTML in Markdown as written (default: scripts, event handlers and javascript: URLs are removed)")]
    public bool AllowHtml { get; set; }

    [CommandOption("--cache-dir <DIR>")]
    [Description("Build cache folder: parsed notes, rendered HTML and math, search index (default: .kbsite-cache/ next to the output)")]
    public string? CacheDir { get; set; }

    [CommandOption("--no-cache")]
    [Description("Do not read or write the cache")]
    public bool NoCache { get; set; }

    [CommandOption("--stats-json <FILE>")]
    [Description("Write build statistics (notes, pages, seconds per stage) to this JSON file")]
    public string? StatsJson { get; set; }

    [CommandOption("-q|--quiet")]
    [Description("Print only diagnostics and the summary")]
    public bool Quiet { get; set; }
}
