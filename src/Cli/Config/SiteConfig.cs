using System.Collections.Immutable;

namespace Site.Cli.Config;

/// <summary>
/// The settings a notes folder keeps in <c>site.yml</c> (read by <see cref="SiteConfigReader"/>). Every value is
/// optional: null means "not set here", so a command-line flag or the built-in default applies
/// (<see cref="OptionsResolver"/>).
/// </summary>
public sealed record SiteConfig
{
    public const string FileName = "site.yml";

    /// <summary><c>title:</c> the site's name in the top bar, page titles and feeds.</summary>
    public string? Title { get; init; }
    /// <summary><c>description:</c> the home page's meta/OpenGraph description.</summary>
    public string? Description { get; init; }
    /// <summary><c>language:</c> the pages' <c>&lt;html lang&gt;</c>, a BCP 47 tag such as zh-CN or en.</summary>
    public string? Language { get; init; }
    /// <summary><c>base_url:</c> the URL prefix the site is served under, e.g. /kb/.</summary>
    public string? BaseUrl { get; init; }
    /// <summary><c>site_url:</c> the absolute origin for canonical, OpenGraph and sitemap URLs.</summary>
    public string? SiteUrl { get; init; }
    /// <summary><c>strict:</c> warnings fail the build.</summary>
    public bool? Strict { get; init; }
    /// <summary><c>drafts:</c> include notes with draft: true.</summary>
    public bool? Drafts { get; init; }
    /// <summary><c>nav:</c> top-level folders in the order the sidebar lists them (the rest follow, as before).</summary>
    public ImmutableArray<NavItem> Nav { get; init; } = ImmutableArray<NavItem>.Empty;
    /// <summary><c>search: { enabled: … }</c>.</summary>
    public bool? SearchEnabled { get; init; }
    /// <summary><c>math: { enabled: … }</c>: false leaves formulas as TeX and needs no Node.</summary>
    public bool? MathEnabled { get; init; }
    /// <summary><c>math: { fix: … }</c>: the same as --fix-math.</summary>
    public bool? MathFix { get; init; }

    public static SiteConfig Empty { get; } = new();
}

/// <summary>One <c>nav:</c> entry: a top-level folder name and the line it is on.</summary>
public sealed record NavItem(string Folder, int Line);
