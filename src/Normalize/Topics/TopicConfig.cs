using Site.Core;
using YamlDotNet.RepresentationModel;

namespace Site.Normalize.Topics;

/// <summary>A topic the author curates in input/topics.yml: a display name, the words that mean it, its place.</summary>
public sealed record TopicDefinition(string Name, IReadOnlyList<string> Aliases);

/// <summary>
/// Reads input/topics.yml:
/// <code>
/// topics:
///   - name: 分布式训练 Distributed training
///     aliases: [并行, parallel, DeepSpeed, ZeRO]
///   - name: RAG
///     aliases: [检索增强]
/// auto: true      # also add automatically discovered topics (default true)
/// </code>
/// Order in the file is the order on the site.
/// </summary>
public sealed record TopicConfig(IReadOnlyList<TopicDefinition> Topics, bool Auto)
{
    public static readonly TopicConfig Default = new(Array.Empty<TopicDefinition>(), true);
    public const string FileName = "topics.yml";

    public static TopicConfig Load(string inputDir, DiagnosticBag diags)
    {
        var path = Path.Combine(inputDir, FileName);
        if (!File.Exists(path)) return Default;
        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(path)) stream.Load(reader);
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root) return Default;
            var list = new List<TopicDefinition>();
            bool auto = true;
            foreach (var (k, v) in root.Children)
            {
                var key = (k as YamlScalarNode)?.Value;
                if (key == "auto" && v is YamlScalarNode a) auto = a.Value?.Trim().ToLowerInvariant() is not ("false" or "no" or "off");
                if (key != "topics" || v is not YamlSequenceNode seq) continue;
                foreach (var item in seq.Children)
                {
                    if (item is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value)) { list.Add(new(s.Value!.Trim(), Array.Empty<string>())); continue; }
                    if (item is not YamlMappingNode m) { diags.Warn(FileName, (int)item.Start.Line, "each topic is a name or a map with name and aliases"); continue; }
                    string? name = null;
                    var aliases = new List<string>();
                    foreach (var (mk, mv) in m.Children)
                    {
                        switch ((mk as YamlScalarNode)?.Value)
                        {
                            case "name": name = (mv as YamlScalarNode)?.Value?.Trim(); break;
                            case "aliases" when mv is YamlSequenceNode al:
                                aliases.AddRange(al.Children.OfType<YamlScalarNode>().Select(x => x.Value ?? "").Where(x => x.Trim().Length > 0).Select(x => x.Trim()));
                                break;
                            case "aliases" when mv is YamlScalarNode one:
                                aliases.AddRange((one.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                                break;
                        }
                    }
                    if (name is null) { diags.Warn(FileName, (int)item.Start.Line, "topic without a name; skipped"); continue; }
                    list.Add(new(name, aliases));
                }
            }
            return new TopicConfig(list, auto);
        }
        catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or IOException)
        {
            var line = ex is YamlDotNet.Core.YamlException ye ? (int)ye.Start.Line : 1;
            diags.Error(FileName, Math.Max(1, line), $"cannot read topics: {ex.Message.Split('\n')[0]}; topics are derived automatically");
            return Default;
        }
    }
}
