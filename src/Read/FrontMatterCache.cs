using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using Site.Core;

namespace Site.Read;

/// <summary>
/// Parsed front matter by the exact YAML text of the block, kept between builds in
/// <c>CACHE_DIR/frontmatter.bin</c>: YAML parsing is most of the read stage, and a note's front matter
/// rarely changes. The diagnostics a block produced (bad dates, malformed YAML) are kept with it and
/// replayed for the note that has it. Only an accelerator: an unreadable file means an empty cache.
/// </summary>
public sealed class FrontMatterCache
{
    public const string ItemKey = "frontmatter.cache";
    public const string FileName = "frontmatter.bin";
    private const string Magic = "kb-frontmatter-cache/2";

    /// <summary>What parsing one YAML block gave: the metadata and its diagnostics (line in the file, severity, message).</summary>
    public sealed record Entry(FrontMatter Meta, ImmutableArray<(int Line, Severity Severity, string Message)> Diagnostics);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _used = new(StringComparer.Ordinal);
    private bool _dirty;

    public int Entries => _entries.Count;

    public bool TryGet(string yaml, out Entry entry)
    {
        if (!_entries.TryGetValue(yaml, out entry!)) return false;
        _used.TryAdd(yaml, 0);
        return true;
    }

    public void Put(string yaml, Entry entry)
    {
        _entries[yaml] = entry;
        _used.TryAdd(yaml, 0);
        _dirty = true;
    }

    public static FrontMatterCache Load(string cacheDir, string fingerprint)
    {
        var cache = new FrontMatterCache();
        try
        {
            var path = Path.Combine(cacheDir, FileName);
            if (!File.Exists(path)) return cache;
            var bytes = File.ReadAllBytes(path);
            if (!CacheFile.TryVerify(bytes, out var payload)) return cache; // damaged: ignored as a whole
            using var r = new BinaryReader(new MemoryStream(bytes, 0, payload.Length), Encoding.UTF8);
            if (r.ReadString() != Magic || r.ReadString() != fingerprint) return cache;
            var n = Count(r);
            for (int i = 0; i < n; i++)
            {
                var yaml = r.ReadString();
                var meta = ReadMeta(r);
                var d = Count(r);
                var diags = ImmutableArray.CreateBuilder<(int, Severity, string)>(d);
                for (int k = 0; k < d; k++) diags.Add((r.ReadInt32(), (Severity)r.ReadInt32(), r.ReadString()));
                cache._entries[yaml] = new Entry(meta, diags.MoveToImmutable());
            }
            if (r.ReadString() != CacheFile.EndMark) cache._entries.Clear();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or EndOfStreamException or FormatException or ArgumentException or OverflowException)
        {
            cache._entries.Clear();
        }
        return cache;
    }

    /// <summary>Writes the blocks this build used (others are forgotten), when anything changed.</summary>
    public void Save(string cacheDir, string fingerprint)
    {
        if (!_dirty && _used.Count == _entries.Count) return;
        var keep = _entries.Where(kv => _used.ContainsKey(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var written = CacheFile.Write(Path.Combine(cacheDir, FileName), Magic, fingerprint, w =>
        {
            w.Write(keep.Count);
            foreach (var (yaml, e) in keep)
            {
                w.Write(yaml);
                WriteMeta(w, e.Meta);
                w.Write(e.Diagnostics.Length);
                foreach (var (line, sev, msg) in e.Diagnostics) { w.Write(line); w.Write((int)sev); w.Write(msg); }
            }
        });
        if (written) _dirty = false;
    }

    private static int Count(BinaryReader r)
    {
        var n = r.ReadInt32();
        return n is < 0 or > 10_000_000 ? throw new FormatException("corrupt front matter cache") : n;
    }

    // ---- FrontMatter as bytes ------------------------------------------------------------------

    private static void WriteMeta(BinaryWriter w, FrontMatter m)
    {
        WriteOpt(w, m.Title);
        WriteDate(w, m.Date);
        WriteDate(w, m.Modified);
        WriteList(w, m.Tags);
        WriteOpt(w, m.Permalink);
        WriteOpt(w, m.Excerpt);
        w.Write(m.Draft);
        WriteOpt(w, m.Layout);
        w.Write(m.Toc is null ? (byte)0 : m.Toc.Value ? (byte)1 : (byte)2);
        WriteList(w, m.Aliases);
        w.Write(m.Extra.Count);
        foreach (var (k, v) in m.Extra.OrderBy(kv => kv.Key, StringComparer.Ordinal)) { w.Write(k); WriteValue(w, v); }
    }

    private static FrontMatter ReadMeta(BinaryReader r)
    {
        var title = ReadOpt(r);
        var date = ReadDate(r);
        var modified = ReadDate(r);
        var tags = ReadList(r);
        var permalink = ReadOpt(r);
        var excerpt = ReadOpt(r);
        var draft = r.ReadBoolean();
        var layout = ReadOpt(r);
        var toc = r.ReadByte() switch { 0 => (bool?)null, 1 => true, 2 => false, _ => throw new FormatException("corrupt front matter cache") };
        var aliases = ReadList(r);
        var n = Count(r);
        var extra = ImmutableDictionary.CreateBuilder<string, object?>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++) { var k = r.ReadString(); extra[k] = ReadValue(r); }
        return new FrontMatter
        {
            Title = title, Date = date, Modified = modified, Tags = tags, Permalink = permalink, Excerpt = excerpt,
            Draft = draft, Layout = layout, Toc = toc, Aliases = aliases, Extra = extra.ToImmutable(),
        };
    }

    private static void WriteOpt(BinaryWriter w, string? s) { w.Write(s is not null); if (s is not null) w.Write(s); }
    private static string? ReadOpt(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    private static void WriteDate(BinaryWriter w, DateTimeOffset? d)
    {
        w.Write(d.HasValue);
        if (d is { } v) { w.Write(v.Ticks); w.Write((short)v.Offset.TotalMinutes); }
    }
    private static DateTimeOffset? ReadDate(BinaryReader r) =>
        r.ReadBoolean() ? new DateTimeOffset(r.ReadInt64(), TimeSpan.FromMinutes(r.ReadInt16())) : null;

    private static void WriteList(BinaryWriter w, ImmutableArray<string> a)
    {
        w.Write(a.IsDefault ? 0 : a.Length);
        if (!a.IsDefault) foreach (var s in a) w.Write(s);
    }
    private static ImmutableArray<string> ReadList(BinaryReader r)
    {
        var n = Count(r);
        var b = ImmutableArray.CreateBuilder<string>(n);
        for (int i = 0; i < n; i++) b.Add(r.ReadString());
        return b.MoveToImmutable();
    }

    /// <summary>The values FrontMatterParser keeps for unknown keys: null, string, list, map.</summary>
    private static void WriteValue(BinaryWriter w, object? v)
    {
        switch (v)
        {
            case null: w.Write((byte)0); break;
            case string s: w.Write((byte)1); w.Write(s); break;
            case IDictionary<string, object?> map:
                w.Write((byte)3); w.Write(map.Count);
                foreach (var (k, x) in map) { w.Write(k); WriteValue(w, x); }
                break;
            case System.Collections.IEnumerable list:
                var items = list.Cast<object?>().ToList();
                w.Write((byte)2); w.Write(items.Count);
                foreach (var x in items) WriteValue(w, x);
                break;
            default: w.Write((byte)1); w.Write(v.ToString() ?? ""); break;
        }
    }

    private static object? ReadValue(BinaryReader r)
    {
        switch (r.ReadByte())
        {
            case 0: return null;
            case 1: return r.ReadString();
            case 2:
            {
                var n = Count(r);
                var list = new List<object?>(n);
                for (int i = 0; i < n; i++) list.Add(ReadValue(r));
                return list;
            }
            case 3:
            {
                var n = Count(r);
                var map = new Dictionary<string, object?>(n);
                for (int i = 0; i < n; i++) { var k = r.ReadString(); map[k] = ReadValue(r); }
                return map;
            }
            default: throw new FormatException("corrupt front matter cache");
        }
    }
}
