using System.Collections.Immutable;

namespace Site.Core;

/// <summary>Everything a build is told from the command line.</summary>
public sealed record BuildOptions
{
    public string InputDir { get; init; } = "input";
    public string OutputDir { get; init; } = "output";
    /// <summary>The theme folder (layouts are compiled in; this holds assets, search JS, KaTeX server, package.json).</summary>
    public string ThemeDir { get; init; } = "theme";
    /// <summary>URL prefix the site is served under, always starting and ending with '/': "/" or "/kb/".</summary>
    public string BaseUrl { get; init; } = "/";
    /// <summary>Absolute site origin for canonical/OG/sitemap URLs, e.g. https://example.org (no trailing slash). Optional.</summary>
    public string? SiteUrl { get; init; }
    public string SiteTitle { get; init; } = "Knowledge Base";
    /// <summary>The home page's description (site.yml <c>description:</c>); null → "N notes".</summary>
    public string? SiteDescription { get; init; }
    /// <summary>The pages' <c>&lt;html lang&gt;</c> (site.yml <c>language:</c>).</summary>
    public string Language { get; init; } = "zh-CN";
    public bool Strict { get; init; }
    /// <summary>Top-level folders in the order the sidebar lists them (site.yml <c>nav:</c>); the rest follow in name order.</summary>
    public ImmutableArray<string> Nav { get; init; } = ImmutableArray<string>.Empty;
    /// <summary>site.yml <c>math: { enabled: false }</c>: formulas stay TeX source, no KaTeX (and no Node) is used.</summary>
    public bool MathEnabled { get; init; } = true;
    /// <summary>site.yml <c>search: { enabled: false }</c>: no search index, no search box.</summary>
    public bool SearchEnabled { get; init; } = true;
    public bool FixMath { get; init; }
    public bool IncludeDrafts { get; init; }
    /// <summary>Publish raw HTML in Markdown as written (default: sanitized, see Render/Html/HtmlPolicy.cs).</summary>
    public bool AllowHtml { get; init; }
    /// <summary>Preview builds inject the live-reload script; real builds never do.</summary>
    public bool Preview { get; init; }
    /// <summary>`check`: run every stage and report, but never commit the output (nor save the cache).</summary>
    public bool DryRun { get; init; }
    /// <summary>Cache folder for rendered math etc. Null disables caching.</summary>
    public string? CacheDir { get; init; }
    public int Parallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>Problems found in the settings (site.yml) before the build: <see cref="Site.Cli.SiteBuilder"/> reports them with the build's own.</summary>
    public IReadOnlyList<Diagnostic> SettingsDiagnostics { get; init; } = Array.Empty<Diagnostic>();

    public static string NormalizeBaseUrl(string? b)
    {
        if (string.IsNullOrWhiteSpace(b)) return "/";
        b = b.Trim().Replace('\\', '/');
        if (!b.StartsWith('/')) b = "/" + b;
        if (!b.EndsWith('/')) b += "/";
        return b;
    }
}
