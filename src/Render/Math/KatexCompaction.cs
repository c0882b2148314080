using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Site.Render.Mathematics;

/// <summary>
/// The KaTeX markup compaction table, <c>theme/katex/compact-styles.json</c> (<c>{"k0": "height:2.7em", …}</c>):
/// the KaTeX server (<c>theme/katex/compact.mjs</c>) writes each listed inline-style declaration as its class, and
/// this class gives the stylesheet one <c>.katex .k0{height:2.7em!important}</c> rule per entry (appended to
/// katex.min.css), so the page lays out exactly as with the inline styles — !important beats KaTeX's own rules as an
/// inline style did. The table's fingerprint is part of the KaTeX cache key: a new table re-renders every formula.
/// </summary>
public static partial class KatexCompaction
{
    /// <summary>The table's path inside the theme folder.</summary>
    public const string TableFile = "katex/compact-styles.json";

    /// <summary>The valid entries of the theme's table, in file order; an absent or unreadable file → none.
    /// Valid: class <c>k</c> + lowercase letters/digits, declaration <c>property:value</c> without ; { } ! &lt; &gt; " (the
    /// server applies the same rule, so a class never lacks its rule).</summary>
    public static IReadOnlyList<(string Class, string Declaration)> Read(string themeDir)
    {
        var bytes = ReadBytes(themeDir);
        if (bytes is null) return [];
        var list = new List<(string, string)>();
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return [];
            foreach (var p in doc.RootElement.EnumerateObject())
                if (p.Value.ValueKind == JsonValueKind.String && IsValid(p.Name, p.Value.GetString()!))
                    list.Add((p.Name, p.Value.GetString()!));
        }
        catch (JsonException) { return []; }
        return list;
    }

    /// <summary>One entry as the server and the stylesheet accept it.</summary>
    public static bool IsValid(string cls, string declaration) => ClassName().IsMatch(cls) && Declaration().IsMatch(declaration);

    /// <summary>The stylesheet rules for <paramref name="table"/>, one per line.</summary>
    public static string Css(IReadOnlyList<(string Class, string Declaration)> table)
    {
        var sb = new StringBuilder();
        foreach (var (cls, decl) in table) sb.Append(".katex .").Append(cls).Append('{').Append(decl).Append("!important}\n");
        return sb.ToString();
    }

    /// <summary>Part of the KaTeX cache key: a hash of the table file's bytes, or "none" without one.</summary>
    public static string Fingerprint(string themeDir)
    {
        var bytes = ReadBytes(themeDir);
        return bytes is null ? "none" : Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
    }

    private static byte[]? ReadBytes(string themeDir)
    {
        try { return File.ReadAllBytes(Path.Combine(themeDir, TableFile)); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
    }

    [GeneratedRegex("^k[0-9a-z]{1,4}$")]
    private static partial Regex ClassName();

    [GeneratedRegex("^[a-z-]+:[^;{}!<>\"\\\\]+$")]
    private static partial Regex Declaration();
}
