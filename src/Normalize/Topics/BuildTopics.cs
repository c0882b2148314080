using System.Collections.Immutable;
using Site.Core;
using Site.Emit;
using Site.Read;

namespace Site.Normalize.Topics;

/// <summary>
/// Normalize stage, site-wide: gathers sections from different notes about the same subject under one
/// topic. Curated topics come from input/topics.yml (name, aliases, order); the rest are discovered:
/// a term (see <see cref="TopicTerms"/>) that heads sections in at least two notes becomes a topic,
/// unless an earlier topic already covers the same sections. Result: ctx.Items["topics"].
/// </summary>
public sealed class BuildTopics : IModule
{
    public const int MaxAutoTopics = 24;
    public const int MinNotes = 2;
    public string Name => "BuildTopics";

    private sealed record Hit(Note Note, Section Section, string Surface);

    public ImmutableArray<Note> Execute(ImmutableArray<Note> notes, BuildContext ctx)
    {
        var config = TopicConfig.Load(ctx.Options.InputDir, ctx.Diagnostics);
        // Only emit reads the topics (list pages, sidebar, topics.json): they are worked out while the
        // notes are rendered and the first note pages written; emit waits for them where it needs them.
        ctx.Items[EmitSite.TopicsKey] = Task.Run(() => Topics(config, notes));
        return notes;
    }

    /// <summary>The topics of a site: curated ones from topics.yml first, then discovered ones.</summary>
    public static List<TreeNode> Topics(TopicConfig config, ImmutableArray<Note> notes)
    {
        var topics = new List<(string Name, List<Hit> Hits)>();

        foreach (var def in config.Topics)
        {
            var words = def.Aliases.Append(def.Name).Select(a => a.Trim()).Where(a => a.Length > 0).ToList();
            var keys = words.Select(TopicTerms.Key).ToHashSet(StringComparer.Ordinal);
            var hits = new List<Hit>();
            foreach (var n in notes)
                foreach (var s in n.Sections)
                    if (words.Any(w => TopicTerms.IsSubject(s.Title, w)) || TopicTerms.Candidates(s.Title).Any(c => keys.Contains(TopicTerms.Key(c))))
                        hits.Add(new Hit(n, s, def.Name));
            topics.Add((def.Name, hits));
        }

        if (config.Auto) topics.AddRange(Discover(notes, topics.SelectMany(t => t.Hits).Select(h => h.Section).ToHashSet<Section>(ReferenceEqualityComparer.Instance)));

        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<TreeNode>();
        foreach (var (name, hits) in topics)
        {
            if (hits.Count == 0) continue;
            var seg = Permalinks.Segment(name);
            if (seg.Length == 0) seg = "topic";
            var url = Permalinks.TopicUrl(seg);
            for (int k = 2; !used.Add(url); k++) url = Permalinks.TopicUrl(seg, k);
            var children = hits
                .OrderBy(h => h.Note.SourcePath, StringComparer.Ordinal).ThenBy(h => h.Section.SourceLine)
                .Select(h => new TreeNode
                {
                    Title = h.Section.Title, Url = h.Note.Url + "#" + h.Section.Id, Id = h.Section.Id, Level = h.Section.Level + 1, Kind = "section",
                    Children = h.Section.Path.Prepend(h.Note.Title).Select(p => new TreeNode { Title = p, Kind = "context" }).ToImmutableArray(),
                })
                .ToImmutableArray();
            result.Add(new TreeNode { Title = name, Url = url, Kind = "topic", Level = 0, Children = children });
        }
        return result;
    }

    /// <summary>Automatic topics: terms heading sections in ≥2 notes, biggest first, skipping ones an earlier topic covers.</summary>
    private static IEnumerable<(string, List<Hit>)> Discover(ImmutableArray<Note> notes, HashSet<Section> curated)
    {
        var byKey = new Dictionary<string, List<Hit>>(StringComparer.Ordinal);
        // Section titles repeat a lot across notes ("概述", "Summary"): work out each title's terms once.
        var termsOf = new Dictionary<string, TitleTerm[]>(StringComparer.Ordinal);
        foreach (var n in notes)
            foreach (var s in n.Sections)
            {
                if (curated.Contains(s)) continue;
                if (!termsOf.TryGetValue(s.Title, out var terms))
                    termsOf[s.Title] = terms = TopicTerms.Candidates(s.Title).Select(c => new TitleTerm(c, TopicTerms.Key(c))).DistinctBy(x => x.Key).ToArray();
                foreach (var c in terms)
                {
                    if (!byKey.TryGetValue(c.Key, out var list)) byKey[c.Key] = list = new List<Hit>();
                    list.Add(new Hit(n, s, c.Surface));
                }
            }

        var ranked = byKey
            .Select(kv => new Candidate(kv.Key, kv.Value, kv.Value.Select(h => h.Note.SourcePath).Distinct().Count()))
            .Where(x => x.Notes >= MinNotes && x.Hits.Count >= 3)
            .OrderByDescending(x => x.Notes).ThenByDescending(x => x.Hits.Count).ThenByDescending(x => x.Key.Length).ThenBy(x => x.Key, StringComparer.Ordinal)
            .ToList();

        var chosen = new List<(string, List<Hit>)>();
        var chosenSets = new List<HashSet<Section>>();
        foreach (var (key, hits, _) in ranked)
        {
            if (chosen.Count >= MaxAutoTopics) break;
            var set = hits.Select(h => h.Section).ToHashSet<Section>(ReferenceEqualityComparer.Instance);
            // Redundant: most of its sections already sit under a chosen topic (e.g. 张量 under 张量并行).
            if (chosenSets.Any(c => set.Count(c.Contains) >= set.Count * 0.8)) continue;
            // A CJK fragment of a longer candidate with the same reach adds nothing.
            if (ranked.Any(o => o.Key.Length > key.Length && o.Key.Contains(key, StringComparison.Ordinal) && o.Hits.Count >= hits.Count)) continue;
            chosen.Add((TopicTerms.GroupName(key) ?? DisplayName(hits), hits));
            chosenSets.Add(set);
        }
        return chosen;
    }

    // Classes, not value tuples: LINQ over a class runs code compiled ahead of time for every reference type, where each
    // value-tuple shape had ~40 generic methods JIT-compiled in every build.
    private sealed record TitleTerm(string Surface, string Key);
    private sealed record Candidate(string Key, List<Hit> Hits, int Notes);

    /// <summary>The most used spelling, preferring one with capitals for Latin terms (LangChain over langchain).</summary>
    private static string DisplayName(List<Hit> hits) =>
        hits.GroupBy(h => h.Surface, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count() + (g.Key.Any(char.IsUpper) ? 0.5 : 0))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .First().Key;
}
