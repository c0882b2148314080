using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Site.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Site.Cli.Config;

/// <summary>
/// Reads <c>site.yml</c> with YamlDotNet into a <see cref="SiteConfig"/>. Never throws on bad input: unknown keys
/// are warnings, values of the wrong shape and YAML syntax errors are errors, each at its line; a bad value is
/// ignored (its default applies) and the rest of the file still counts.
/// </summary>
public static partial class SiteConfigReader
{
    /// <summary>The keys a site.yml may hold, in the order the scaffold writes them.</summary>
    public static readonly ImmutableArray<string> Keys =
        ImmutableArray.Create("title", "description", "language", "base_url", "site_url", "strict", "drafts", "nav", "search", "math");

    /// <summary>Reads <c>DIR/site.yml</c>; a folder without one has an empty config and no diagnostics.</summary>
    public static (SiteConfig Config, IReadOnlyList<Diagnostic> Diagnostics) ReadFolder(string inputDir)
    {
        var path = Path.Combine(inputDir, SiteConfig.FileName);
        if (!File.Exists(path)) return (SiteConfig.Empty, Array.Empty<Diagnostic>());
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (SiteConfig.Empty, new[] { new Diagnostic(SiteConfig.FileName, 1, Severity.Error, $"cannot read site.yml: {ex.Message}") });
        }
        return Parse(text, SiteConfig.FileName);
    }

    /// <summary>Parses site.yml text; diagnostics name <paramref name="path"/>.</summary>
    public static (SiteConfig Config, IReadOnlyList<Diagnostic> Diagnostics) Parse(string text, string path = "site.yml")
    {
        var diags = new List<Diagnostic>();
        void Error(YamlNode n, string m) => diags.Add(new Diagnostic(path, LineOf(n), Severity.Error, m));
        void Warn(YamlNode n, string m) => diags.Add(new Diagnostic(path, LineOf(n), Severity.Warning, m));

        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException ex)
        {
            var msg = ex.InnerException is YamlException inner ? inner.Message : ex.Message;
            diags.Add(new Diagnostic(path, (int)Math.Max(1, ex.Start.Line), Severity.Error, $"site.yml is not valid YAML: {msg}; the file is ignored"));
            return (SiteConfig.Empty, diags);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return (SiteConfig.Empty, diags);
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Error(stream.Documents[0].RootNode, "site.yml must be a list of `key: value` settings (e.g. `title: My notes`); the file is ignored");
            return (SiteConfig.Empty, diags);
        }

        var c = SiteConfig.Empty;
        foreach (var (keyNode, value) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            switch (key)
            {
                case "title":
                    if (Text(value, key, Error) is { } title)
                    {
                        if (title.Trim().Length == 0) Error(value, "title: must not be empty");
                        else c = c with { Title = title.Trim() };
                    }
                    break;
                case "description":
                    if (Text(value, key, Error) is { } description) c = c with { Description = description.Trim() };
                    break;
                case "language":
                    if (Text(value, key, Error) is { } lang)
                    {
                        if (LanguageTag().IsMatch(lang.Trim())) c = c with { Language = lang.Trim() };
                        else Error(value, $"language: '{lang}' is not a language tag such as zh-CN or en");
                    }
                    break;
                case "base_url":
                    if (Text(value, key, Error) is { } baseUrl)
                    {
                        if (baseUrl.Contains("://", StringComparison.Ordinal) || baseUrl.Contains('?') || baseUrl.Contains('#') || baseUrl.Any(char.IsWhiteSpace))
                            Error(value, $"base_url: '{baseUrl}' must be a path such as / or /kb/ (put https://… in site_url)");
                        else c = c with { BaseUrl = BuildOptions.NormalizeBaseUrl(baseUrl) };
                    }
                    break;
                case "site_url":
                    if (Text(value, key, Error) is { } siteUrl)
                    {
                        if (Uri.TryCreate(siteUrl.Trim(), UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && u.Query.Length == 0 && u.Fragment.Length == 0)
                            c = c with { SiteUrl = siteUrl.Trim().TrimEnd('/') };
                        else Error(value, $"site_url: '{siteUrl}' must be an absolute http(s) address such as https://me.github.io");
                    }
                    break;
                case "strict":
                    if (Bool(value, key, Error) is { } strict) c = c with { Strict = strict };
                    break;
                case "drafts":
                    if (Bool(value, key, Error) is { } drafts) c = c with { Drafts = drafts };
                    break;
                case "nav":
                    c = c with { Nav = Nav(value, Error) };
                    break;
                case "search":
                    foreach (var (k, v) in Section(value, key, Error, Warn, "enabled"))
                        if (Bool(v, "search." + k, Error) is { } on) c = c with { SearchEnabled = on };
                    break;
                case "math":
                    foreach (var (k, v) in Section(value, key, Error, Warn, "enabled", "fix"))
                        if (Bool(v, "math." + k, Error) is { } b) c = k == "enabled" ? c with { MathEnabled = b } : c with { MathFix = b };
                    break;
                default:
                    Warn(keyNode, $"unknown key '{key}' in site.yml is ignored{Suggest(key, Keys)} (known keys: {string.Join(", ", Keys)})");
                    break;
            }
        }
        return (c, diags);
    }

    /// <summary>1-based line of a node (YamlDotNet marks are 1-based already).</summary>
    private static int LineOf(YamlNode n) => (int)Math.Max(1, n.Start.Line);

    private static string? Text(YamlNode value, string key, Action<YamlNode, string> error)
    {
        if (value is YamlScalarNode s) return s.Value ?? "";
        error(value, $"{key}: expected text, found a {Shape(value)}");
        return null;
    }

    private static bool? Bool(YamlNode value, string key, Action<YamlNode, string> error)
    {
        if (value is YamlScalarNode { Style: ScalarStyle.Plain } s)
        {
            switch (s.Value?.ToLowerInvariant())
            {
                case "true" or "yes" or "on": return true;
                case "false" or "no" or "off": return false;
            }
        }
        error(value, $"{key}: expected true or false, found {Describe(value)}");
        return null;
    }

    private static ImmutableArray<NavItem> Nav(YamlNode value, Action<YamlNode, string> error)
    {
        if (value is not YamlSequenceNode seq)
        {
            error(value, $"nav: expected a list of top-level folder names (e.g. nav: [机器学习, tools]), found {Describe(value)}");
            return ImmutableArray<NavItem>.Empty;
        }
        var items = ImmutableArray.CreateBuilder<NavItem>();
        foreach (var item in seq.Children)
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } name } && name.Trim().Length > 0) items.Add(new NavItem(name.Trim().Trim('/'), LineOf(item)));
            else error(item, $"nav: each entry must be a folder name, found {Describe(item)}");
        }
        return items.ToImmutable();
    }

    /// <summary>The entries of a nested section (<c>math: { enabled: true }</c>); <c>math: false</c> is short for enabled: false.</summary>
    private static IEnumerable<(string Key, YamlNode Value)> Section(YamlNode value, string key, Action<YamlNode, string> error, Action<YamlNode, string> warn, params string[] known)
    {
        if (value is YamlScalarNode { Style: ScalarStyle.Plain, Value: var v } && v?.ToLowerInvariant() is "true" or "false" or "yes" or "no" or "on" or "off")
        {
            yield return ("enabled", value);
            yield break;
        }
        if (value is not YamlMappingNode map)
        {
            error(value, $"{key}: expected settings such as `{key}: {{ enabled: true }}`, found {Describe(value)}");
            yield break;
        }
        foreach (var (k, v2) in map.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (known.Contains(name)) yield return (name, v2);
            else warn(k, $"unknown key '{key}.{name}' in site.yml is ignored{Suggest(name, known)} (known: {string.Join(", ", known.Select(x => key + "." + x))})");
        }
    }

    private static string Shape(YamlNode n) => n switch { YamlSequenceNode => "list", YamlMappingNode => "set of keys", _ => "value" };

    private static string Describe(YamlNode n) => n is YamlScalarNode s ? $"'{s.Value}'" : "a " + Shape(n);

    /// <summary>" (did you mean 'base_url'?)" for a near miss: a case, dash or one-letter slip (or two swapped letters).</summary>
    private static string Suggest(string key, IEnumerable<string> known)
    {
        var norm = key.Replace('-', '_').ToLowerInvariant();
        var camel = CamelHump().Replace(key, "$1_$2").ToLowerInvariant();
        foreach (var k in known)
            if (k == norm || k == camel || Distance(k, norm) <= 1) return $" (did you mean '{k}'?)";
        return "";
    }

    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1) return 2;
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex(@"([a-z])([A-Z])")]
    private static partial Regex CamelHump();
}
