using System.Text;
using System.Text.RegularExpressions;
using Site.Core;

namespace Site.Render.Mathematics;

/// <summary>Copies KaTeX's stylesheet and fonts into the site. Pages link only the CSS; no KaTeX script.</summary>
public static partial class MathAssets
{
    /// <summary>Site-relative URL of the stylesheet: link it as <c>ctx.Href(MathAssets.CssHref)</c>.</summary>
    public const string CssHref = "assets/katex/katex.min.css";

    /// <summary>
    /// Writes <c>assets/katex/katex.min.css</c> (with its .woff/.ttf fallbacks removed, so every url() it keeps exists,
    /// and the compaction table's class rules appended: <see cref="KatexCompaction"/>)
    /// and <c>assets/katex/fonts/*.woff2</c> from theme/node_modules/katex/dist. Returns false (and writes nothing)
    /// when KaTeX is not installed.
    /// </summary>
    public static bool Copy(BuildContext ctx)
    {
        var dist = Path.Combine(ctx.Options.ThemeDir, "node_modules", "katex", "dist");
        var css = Path.Combine(dist, "katex.min.css");
        var fonts = Path.Combine(dist, "fonts");
        if (!File.Exists(css) || !Directory.Exists(fonts)) return false;
        ctx.Output.WriteText(CssHref, SwapFontDisplay(Woff2Only(File.ReadAllText(css, Encoding.UTF8))) + "\n"
            + KatexCompaction.Css(KatexCompaction.Read(ctx.Options.ThemeDir)));
        foreach (var f in Directory.EnumerateFiles(fonts, "*.woff2").Order(StringComparer.Ordinal))
            ctx.Output.CopyFile(f, "assets/katex/fonts/" + Path.GetFileName(f));
        return true;
    }

    /// <summary>Drops <c>,url(…woff) format("woff")</c> and <c>,url(…ttf) format("truetype")</c> from @font-face rules.</summary>
    public static string Woff2Only(string css) => FallbackFonts().Replace(css, "");

    /// <summary>Gives every @font-face rule <c>font-display:swap</c> (text shows in a fallback font while a KaTeX font
    /// loads, instead of staying invisible); a rule that already names a font-display keeps its own.</summary>
    public static string SwapFontDisplay(string css) =>
        FontFace().Replace(css, m => m.Value.Contains("font-display", StringComparison.Ordinal) ? m.Value : m.Value[..^1] + ";font-display:swap}");

    [GeneratedRegex(@"@font-face\s*\{[^{}]*\}")]
    private static partial Regex FontFace();

    [GeneratedRegex(@",\s*url\([^)]*\.(?:woff|ttf)\)\s*format\(""(?:woff|truetype)""\)")]
    private static partial Regex FallbackFonts();
}
