namespace Site.Render.Html;

/// <summary>
/// What raw HTML in Markdown may keep unless <c>--allow-html</c> is given: everything except elements that run
/// or embed code (dropped with their content, or alone for empty ones), event-handler attributes (<c>on…</c>)
/// and URLs with a script-running scheme. Harmless markup (details, sub, kbd, br, tables, img with src/alt,
/// inline style) stays exactly as written.
/// </summary>
public static class HtmlPolicy
{
    /// <summary>Removed together with everything up to their end tag.</summary>
    public static readonly HashSet<string> DroppedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "frameset", "object", "applet", "noscript", "noembed", "noframes", "template", "portal", "fencedframe",
    };

    /// <summary>Removed alone (their children, if any, stay).</summary>
    public static readonly HashSet<string> DroppedTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "embed", "frame", "base", "meta", "link", "param", "form", "animate", "set", "animatemotion", "animatetransform", "handler", "listener",
    };

    /// <summary>Attributes holding a URL, checked with <see cref="IsSafeUrl"/>.</summary>
    public static readonly HashSet<string> UrlAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "src", "xlink:href", "action", "formaction", "poster", "background", "cite", "longdesc", "data", "ping",
        "lowsrc", "dynsrc", "codebase", "manifest", "icon", "srcset", "imagesrcset",
    };

    /// <summary>True when an attribute of this name is an event handler (onclick, onerror, …).</summary>
    public static bool IsEventHandler(string attribute) => attribute.StartsWith("on", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// False for <c>javascript:</c>, <c>vbscript:</c> and <c>data:</c> URLs (browsers ignore whitespace and
    /// control characters inside the scheme, so they are ignored here too); <c>data:image/…</c> is allowed where
    /// <paramref name="imageSource"/> (an img or source element's src/srcset).
    /// </summary>
    public static bool IsSafeUrl(string url, bool imageSource = false)
    {
        var scheme = Scheme(url);
        if (scheme is null) return true;
        if (scheme is "javascript" or "vbscript" or "livescript" or "mocha") return false;
        if (scheme == "data") return imageSource && Compact(url).StartsWith("data:image/", StringComparison.OrdinalIgnoreCase) && !Compact(url).StartsWith("data:image/svg", StringComparison.OrdinalIgnoreCase);
        return true;
    }

    /// <summary>Every URL of a srcset list ("a.png 1x, b.png 2x") is safe.</summary>
    public static bool IsSafeSrcset(string srcset, bool imageSource) =>
        srcset.Split(',').All(c => IsSafeUrl(c.Trim().Split(' ', 2)[0], imageSource));

    /// <summary>The URL's scheme in lower case, or null for a relative URL.</summary>
    private static string? Scheme(string url)
    {
        var u = Compact(url);
        var colon = u.IndexOf(':');
        if (colon <= 0) return null;
        var slash = u.IndexOfAny(new[] { '/', '?', '#' });
        if (slash >= 0 && slash < colon) return null;
        return u[..colon].ToLowerInvariant();
    }

    private static string Compact(string url) => string.Concat(url.Where(c => c > ' ' && !char.IsControl(c)));
}
