using System.Collections.Immutable;
using System.Globalization;
using Site.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Site.Read;

/// <summary>Splits YAML front matter (between <c>---</c> lines) from the body and maps the keys notes use.</summary>
public static class FrontMatterParser
{
    public sealed record Result(FrontMatter Meta, string Body, int BodyLine, bool HadFrontMatter);

    /// <param name="cache">Parsed blocks of earlier builds (<see cref="FrontMatterCache"/>): a block seen before is not parsed again.</param>
    public static Result Parse(string text, string path, DiagnosticBag diags, FrontMatterCache? cache = null)
    {
        if (!(text.StartsWith("---\n", StringComparison.Ordinal) || text == "---" || text.StartsWith("---\r", StringComparison.Ordinal)))
            return new Result(FrontMatter.Empty, text, 1, false);

        // Find the closing fence: a line that is exactly --- or ... (trailing whitespace aside). Scanned line by line
        // instead of splitting the whole note: the YAML and the body are then one substring each.
        int close = -1, yamlStart = text.IndexOf('\n'), closeStart = -1, bodyStart = -1;
        if (yamlStart >= 0)
        {
            yamlStart++;
            for (int start = yamlStart, i = 1; start <= text.Length; i++)
            {
                var nl = text.IndexOf('\n', start);
                var end = nl < 0 ? text.Length : nl;
                var l = text.AsSpan(start, end - start).TrimEnd();
                if (l.SequenceEqual("---") || l.SequenceEqual("...")) { close = i; closeStart = start; bodyStart = nl < 0 ? text.Length : nl + 1; break; }
                if (nl < 0) break;
                start = nl + 1;
            }
        }
        if (close < 0)
        {
            diags.Error(path, 1, "front matter opened with --- is never closed (add a closing --- line); the file is rendered without front matter");
            return new Result(FrontMatter.Empty, text, 1, false);
        }

        var yaml = close == 1 ? "" : text[yamlStart..(closeStart - 1)];
        var body = text[bodyStart..];
        var bodyLine = close + 2;
        if (string.IsNullOrWhiteSpace(yaml)) return new Result(FrontMatter.Empty, body, bodyLine, true);

        if (cache is null) return new Result(ParseYaml(yaml, path, diags), body, bodyLine, true);
        if (cache.TryGet(yaml, out var hit))
        {
            foreach (var (line, severity, message) in hit.Diagnostics) diags.Add(new Diagnostic(path, line, severity, message));
            return new Result(hit.Meta, body, bodyLine, true);
        }
        var own = new DiagnosticBag();
        var meta = ParseYaml(yaml, path, own);
        var said = own.All;
        foreach (var d in said) diags.Add(d);
        cache.Put(yaml, new FrontMatterCache.Entry(meta, said.Select(d => (d.Line, d.Severity, d.Message)).ToImmutableArray()));
        return new Result(meta, body, bodyLine, true);
    }

    /// <summary>The metadata of one YAML block (between the fences); problems are reported and yield <see cref="FrontMatter.Empty"/>.</summary>
    private static FrontMatter ParseYaml(string yaml, string path, DiagnosticBag diags)
    {
        YamlNode? root;
        try
        {
            if (YamlLimits.Check(yaml, out var at) is { } unbounded)
            {
                diags.Error(path, at + 1, $"{unbounded}; front matter ignored");
                return FrontMatter.Empty;
            }
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null;
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException)
        {
            // YamlDotNet lines are 1-based within the YAML block, which starts on file line 2.
            var yamlLine = ex is YamlException ye ? (int)Math.Max(1, ye.Start.Line) : FailureLine(yaml);
            // Errors found at end of input (an unclosed bracket or quote) point at the last YAML line, not the fence.
            var lastLine = yaml.TrimEnd().Split('\n').Length;
            var line = Math.Min(yamlLine, lastLine) + 1;
            var why = ex is YamlException ? FirstSentence(ex.Message) : "unbalanced brackets or quotes";
            diags.Error(path, line, $"malformed front matter: {why}; front matter ignored");
            return FrontMatter.Empty;
        }

        if (root is not YamlMappingNode map)
        {
            var kind = root is YamlSequenceNode ? "a list" : "a single value";
            diags.Error(path, 2, $"front matter is {kind}, not a map of keys (write `title: …` lines); front matter ignored");
            return FrontMatter.Empty;
        }

        return Map(map, path, diags);
    }

    /// <summary>Where parsing stops when YamlDotNet fails without a position: the end of the last good event.</summary>
    private static int FailureLine(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        int line = 1;
        try { while (parser.MoveNext()) line = (int)Math.Max(line, parser.Current?.End.Line ?? line); }
        catch (Exception) { }
        return line;
    }

    private static string FirstSentence(string m)
    {
        m = m.Replace('\n', ' ').Trim();
        return m.Length > 160 ? m[..160] + "…" : m;
    }

    private static FrontMatter Map(YamlMappingNode map, string path, DiagnosticBag diags)
    {
        var fm = new FrontMatter();
        var extra = ImmutableDictionary.CreateBuilder<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? k.ToString();
            var line = (int)v.Start.Line + 1;
            switch (key.ToLowerInvariant())
            {
                case "title": fm = fm with { Title = Scalar(v)?.Trim() }; break;
                case "date":
                case "created":
                    fm = fm with { Date = fm.Date ?? Date(v, key, path, line, diags) }; break;
                case "modified":
                case "lastmod":
                case "updated":
                case "last_modified_at":
                    fm = fm with { Modified = Date(v, key, path, line, diags) ?? fm.Modified }; break;
                case "tags":
                case "tag":
                case "categories":
                case "category": // Hexo
                    fm = fm with { Tags = fm.Tags.AddRange(List(v).Where(t => !fm.Tags.Contains(t))) }; break;
                case "permalink":
                    fm = fm with { Permalink = Scalar(v)?.Trim() }; break;
                // Hugo's per-page URL; an absolute one ("url: https://arxiv.org/abs/…", a Zotero literature note's
                // source) is not a page address but metadata, kept like any other key.
                case "url" when Scalar(v)?.Trim() is { } u && (u.Contains("://", StringComparison.Ordinal) || u.StartsWith("//", StringComparison.Ordinal)):
                    extra[key] = Plain(v); break;
                case "url":
                    fm = fm with { Permalink = Scalar(v)?.Trim() }; break;
                case "excerpt":
                case "description":
                case "summary":
                    fm = fm with { Excerpt = Scalar(v)?.Trim() }; break;
                case "draft": fm = fm with { Draft = Bool(Scalar(v)) ?? false }; break;
                case "published": fm = fm with { Draft = fm.Draft || Bool(Scalar(v)) == false }; break;
                case "layout": fm = fm with { Layout = Scalar(v) }; break;
                case "toc": fm = fm with { Toc = Bool(Scalar(v)) }; break;
                case "aliases":
                case "alias":
                    fm = fm with { Aliases = List(v).ToImmutableArray() }; break;
                default:
                    extra[key] = Plain(v); break;
            }
        }
        return fm with { Extra = extra.ToImmutable(), Tags = fm.Tags.Select(t => t.TrimStart('#')).Where(t => t.Length > 0).Distinct().ToImmutableArray() };
    }

    private static string? Scalar(YamlNode n) => n switch
    {
        YamlScalarNode s => s.Value,
        YamlSequenceNode seq => string.Join(", ", seq.Children.Select(Scalar)),
        _ => null,
    };

    private static IEnumerable<string> List(YamlNode n) => n switch
    {
        YamlSequenceNode seq => seq.Children.Select(Scalar).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()),
        YamlScalarNode s when !string.IsNullOrWhiteSpace(s.Value) =>
            s.Value!.Split(new[] { ',', '，' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .SelectMany(x => x.Contains(' ') && x.StartsWith('#') ? x.Split(' ', StringSplitOptions.RemoveEmptyEntries) : new[] { x }),
        _ => Enumerable.Empty<string>(),
    };

    private static bool? Bool(string? s) => s?.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => null,
    };

    private static readonly string[] DateFormats =
    {
        "yyyy-MM-dd", "yyyy-M-d", "yyyy/MM/dd", "yyyy/M/d", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss",
        "yyyy-MM-dd HH:mm:ss zzz", "yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-ddTHH:mm:ssZ", "yyyy.MM.dd", "yyyy年M月d日",
    };

    private static DateTimeOffset? Date(YamlNode v, string key, string path, int line, DiagnosticBag diags)
    {
        var s = Scalar(v)?.Trim();
        if (string.IsNullOrEmpty(s)) return null;
        if (DateTimeOffset.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)) return d;
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out d)) return d;
        diags.Warn(path, line, $"front matter {key}: \"{s}\" is not a date (use YYYY-MM-DD); ignored");
        return null;
    }

    private static object? Plain(YamlNode n) => n switch
    {
        YamlScalarNode s => s.Value,
        YamlSequenceNode seq => seq.Children.Select(Plain).ToList(),
        YamlMappingNode m => m.Children.ToDictionary(kv => (kv.Key as YamlScalarNode)?.Value ?? kv.Key.ToString(), kv => Plain(kv.Value)),
        _ => null,
    };
}
