using System.Runtime.CompilerServices;
using System.Collections.Immutable;
using System.Text;
using Markdig.Syntax;
using Site.Core;

namespace Site.Index;

/// <summary>One search document: a section of a note, or a note's intro (text before its first heading).</summary>
public sealed record SearchDoc(int NoteIndex, string NoteUrl, string NoteTitle, string SectionTitle, string Anchor,
    ImmutableArray<string> Ancestors, string Body, ImmutableArray<string> Tags);

/// <summary>The two files the browser loads: the lunr index and the display data.</summary>
public sealed record SearchIndexFiles(string IndexJson, string DocsJson, int DocumentCount);

/// <summary>
/// Builds the client-side search: one lunr document per section plus one per note for its intro.
/// Fields: title (section title, or the note title for the intro; boost 10), path (note title +
/// ancestor section titles; boost 4), body (section text; boost 1), tags (boost 3). The ref is the
/// document's position in the display chunks. Writes the sharded index the browser queries
/// (<c>search/meta.json</c>, <c>t/</c>, <c>p/</c>, <c>d/</c>; <see cref="WriteSearchShards"/>) and nothing
/// else (<see cref="DocsJson"/>, all display data in one file, is for tools and tests). Notes pass through unchanged.
/// <para>
/// The lunr index is built by <see cref="LunrIndexBuilder"/>, byte-identical to lunr.js 2.3.9
/// (LunrDifferentialTests); the shards hold its postings and field-vector elements, so the browser's
/// sharded engine scores exactly like <c>lunr.Index.load(index.json).query(…)</c>
/// (ShardedIndexDifferentialTests). index.json and docs.json are not published (the browser never loads
/// them); <see cref="Build(IReadOnlyList{SearchDoc})"/> still returns both.
/// </para>
/// <para>
/// How it is fast: <see cref="ParallelIndexer"/> tokenizes documents on all cores into per-thread
/// term ids and merges them in document order (so lunr's term indices are those of a sequential
/// build); <see cref="LunrIndexBuilder"/> keeps everything as ints and flat arrays; JSON goes through
/// <see cref="JsonOut"/> as UTF-8; shards are written in parallel.
/// </para>
/// </summary>
public sealed class BuildSearchIndex : IModule
{
    /// <summary>
    /// Body characters kept per document in docs.json (the browser's snippets come from the display
    /// chunks, which keep <see cref="WriteSearchShards.DisplayTextMax"/>).
    /// </summary>
    public const int ExcerptLength = 300;

    public string Name => nameof(BuildSearchIndex);

    public static readonly (string Name, double Boost)[] FieldBoosts =
        { ("title", 10), ("path", 4), ("body", 1), ("tags", 3) };

    public ImmutableArray<Note> Execute(ImmutableArray<Note> notes, BuildContext ctx)
    {
        if (!ctx.Options.SearchEnabled) return notes; // site.yml `search: { enabled: false }`
        var docs = Documents(notes);
        ctx.Items["search.documents"] = docs.Count;
        // The index depends only on the documents: when none changed since the last build, copy its bytes.
        var key = CacheKey(docs);
        var stored = Incremental.ProductCache.OpenListed(ctx.Options.CacheDir, ShardsProductName);
        if (Incremental.ProductCache.TryCopyListed(stored, key, ctx.Output)) return notes;
        // The browser reads the shards only: neither the lunr index (index.json, ~100 MB per 1,000
        // real-size notes) nor docs.json is published; both stay available to tests and tools (Build).
        // Some documents changed: a file whose JSON is what the stored entry's was keeps its stored gzip bytes.
        var cacheDir = ctx.Options.CacheDir;
        var made = new System.Collections.Concurrent.ConcurrentDictionary<string, Incremental.ProductPack.PackedFile>(StringComparer.Ordinal);
        // Documents whose text did not change are replayed from the token cache instead of tokenized; the
        // cache is stored again (for this build's documents) while the files are written.
        Task? saveTokens = null;
        List<string> shards;
        try
        {
            shards = WriteSearchShards.Write(() => Postings(docs, ctx.Parallelism, cacheDir, t => saveTokens = t), docs, (rel, bytes) =>
            {
                ctx.Output.WriteBytes(rel, bytes.Span);
                if (cacheDir != null) made.AddOrUpdate(rel, r => new(r, bytes, null), (r, f) => f with { Bytes = bytes });
            }, ctx.Parallelism, gzip: cacheDir is null ? null : (rel, json) =>
            {
                var source = GzipSource(json.Span);
                var bytes = stored?.Reuse(rel, source) ?? GzipBytes.Compress(json.Span);
                made[rel] = new(rel, bytes, source);
                return bytes;
            });
        }
        finally { saveTokens?.GetAwaiter().GetResult(); } // never leave the stage with the cache half written
        if (cacheDir != null)
        {
            var files = new Incremental.ProductPack.PackedFile[shards.Count];
            for (int i = 0; i < files.Length; i++) files[i] = made[shards[i]];
            Incremental.ProductCache.PutListed(cacheDir, ShardsProductName, key, files);
        }
        return notes;
    }

    /// <summary>
    /// What a stored .gz file was made from: its JSON and the compressor (this build of the generator, its gzip
    /// level, the runtime's zlib), so a file is reused only where compressing again would give the same bytes.
    /// </summary>
    private static ContentHash GzipSource(ReadOnlySpan<byte> json)
    {
        return new ContentHash.Builder().Append(GzipMaker).Append(json).Finish();
    }

    private static readonly byte[] GzipMaker = Encoding.UTF8.GetBytes(
        $"{typeof(BuildSearchIndex).Assembly.ManifestModule.ModuleVersionId}|{GzipBytes.Level}|{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}\n");

    /// <summary>The lunr postings of <paramref name="docs"/> (what the shards are written from).</summary>
    public static LunrPostings Postings(IReadOnlyList<SearchDoc> docs, int parallelism) => Postings(docs, parallelism, null, null);

    /// <summary>
    /// <see cref="Postings(IReadOnlyList{SearchDoc}, int)"/> with the token cache of <paramref name="cacheDir"/>
    /// (<see cref="TokenCache"/>): unchanged documents are replayed from it, and it is saved again on a task
    /// handed to <paramref name="saving"/> (the caller waits for it).
    /// </summary>
    public static LunrPostings Postings(IReadOnlyList<SearchDoc> docs, int parallelism, string? cacheDir, Action<Task>? saving) =>
        Postings(docs, parallelism, cacheDir, saving, out _);

    /// <inheritdoc cref="Postings(IReadOnlyList{SearchDoc}, int, string?, Action{Task}?)"/>
    /// <param name="replayed">How many documents came from the token cache.</param>
    internal static LunrPostings Postings(IReadOnlyList<SearchDoc> docs, int parallelism, string? cacheDir, Action<Task>? saving, out int replayed)
    {
        var builder = new LunrIndexBuilder { WriteParallelism = parallelism };
        foreach (var (name, boost) in FieldBoosts) builder.Field(name, boost);
        var cache = cacheDir is null ? null : TokenCache.Load(cacheDir, builder.Fields);
        var hashes = cacheDir is null ? null : new ContentHash[docs.Count];
        replayed = ParallelIndexer.AddAll(builder, docs, parallelism, cache, hashes);
        var postings = builder.Postings();
        if (cacheDir != null)
        {
            var save = Task.Run(() => TokenCache.Save(cacheDir, builder, hashes!));
            if (saving != null) saving(save); else save.GetAwaiter().GetResult();
        }
        return postings;
    }

    /// <summary>Product-cache slot of the sharded index (<see cref="WriteSearchShards"/>), listed file by file.</summary>
    public const string ShardsProductName = "search-shards";

    /// <summary>The sharded index files of <paramref name="docs"/> in memory (tests, tools): site-relative path → bytes.</summary>
    public static Dictionary<string, byte[]> BuildShards(IReadOnlyList<SearchDoc> docs,
        int shardBytes = WriteSearchShards.ShardBytes, int largePostings = WriteSearchShards.LargePostings,
        int headDocs = WriteSearchShards.HeadDocs, int tailDocs = WriteSearchShards.TailDocs)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        WriteSearchShards.Write(() => Postings(docs, 1), docs, (rel, bytes) => { lock (files) files[rel] = bytes.ToArray(); }, 1,
            shardBytes, largePostings, headDocs, tailDocs);
        return files;
    }

    /// <summary>Name of the search files' cache key (<see cref="CacheKey"/>).</summary>
    public const string ProductName = "search";

    /// <summary>Everything the search files are made of: every document field, the field boosts and the excerpt length.</summary>
    internal static string CacheKey(IReadOnlyList<SearchDoc> docs)
    {
        var k = new Incremental.ProductCache.KeyBuilder(ProductName);
        k.Add(ExcerptLength);
        k.Add(WriteSearchShards.LayoutKey);
        foreach (var (name, boost) in FieldBoosts) k.Add(name).Add(boost);
        k.Add(docs.Count);
        foreach (var d in docs)
        {
            k.Add(d.NoteIndex).Add(d.NoteUrl).Add(d.NoteTitle).Add(d.SectionTitle).Add(d.Anchor).Add(d.Body);
            k.Add(d.Ancestors.IsDefault ? 0 : d.Ancestors.Length);
            if (!d.Ancestors.IsDefault) foreach (var a in d.Ancestors) k.Add(a);
            k.Add(d.Tags.IsDefault ? 0 : d.Tags.Length);
            if (!d.Tags.IsDefault) foreach (var t in d.Tags) k.Add(t);
        }
        return k.Finish();
    }

    /// <summary>The search documents of a site, in ref order (notes by URL, then sections in page order).</summary>
    public static List<SearchDoc> Documents(IEnumerable<Note> notes)
    {
        var docs = new List<SearchDoc>();
        int noteIndex = 0;
        foreach (var note in notes.OrderBy(n => n.Url, StringComparer.Ordinal).ThenBy(n => n.SourcePath, StringComparer.Ordinal))
        {
            var tags = note.Meta.Tags.IsDefault ? ImmutableArray<string>.Empty : note.Meta.Tags;
            var sections = note.Sections.IsDefault ? ImmutableArray<Site.Normalize.Section>.Empty : note.Sections;
            // a Normalize stage may model the intro as a level-0 / id-less section; otherwise read it from the AST
            var intro = sections.FirstOrDefault(s => s.Level <= 0 || (s.Id.Length == 0 && s.Title.Length == 0));
            var introText = intro?.Text ?? note.Intro ?? IntroText(note);
            docs.Add(new SearchDoc(noteIndex, note.Url, note.Title, "", "", ImmutableArray<string>.Empty, introText, tags));
            foreach (var s in sections)
            {
                if (ReferenceEquals(s, intro)) continue;
                var ancestors = s.Path.IsDefault ? ImmutableArray<string>.Empty : s.Path;
                docs.Add(new SearchDoc(noteIndex, note.Url, note.Title, s.Title, s.Id, ancestors, s.Text, tags));
            }
            noteIndex++;
        }
        return docs;
    }

    public static SearchIndexFiles Build(IEnumerable<Note> notes) => Build(Documents(notes));

    public static SearchIndexFiles Build(IReadOnlyList<SearchDoc> docs)
    {
        using var index = new JsonOut(1 << 16);
        using var docsJson = new JsonOut(1 << 16);
        Write(docs, index, docsJson, Environment.ProcessorCount);
        // lone surrogates are escaped in both, so the bytes are valid UTF-8 and decode losslessly
        return new SearchIndexFiles(Encoding.UTF8.GetString(index.WrittenSpan), Encoding.UTF8.GetString(docsJson.WrittenSpan), docs.Count);
    }

    /// <summary>
    /// Writes index.json and docs.json (UTF-8) for <paramref name="docs"/> without building either as a
    /// string: what <see cref="Execute"/> uses. Pass stream-backed <see cref="JsonOut"/>s to write files
    /// directly. Fields are tokenized on up to <paramref name="parallelism"/> threads; docs.json is
    /// written concurrently with the index.
    /// </summary>
    public static void Write(IReadOnlyList<SearchDoc> docs, JsonOut? index, JsonOut docsJson, int parallelism = 1, Action<LunrIndexBuilder>? built = null)
    {
        var docsTask = parallelism > 1 ? Task.Run(() => WriteDocsJson(docs, docsJson)) : null;
        try
        {
            var builder = new LunrIndexBuilder { WriteParallelism = parallelism };
            foreach (var (name, boost) in FieldBoosts) builder.Field(name, boost);
            ParallelIndexer.AddAll(builder, docs, parallelism);
            if (index != null) builder.Build().WriteTo(index);
            built?.Invoke(builder);
        }
        finally
        {
            if (docsTask != null) docsTask.GetAwaiter().GetResult();
            else WriteDocsJson(docs, docsJson);
        }
    }

    /// <summary>The lunr field texts of a document, in <see cref="FieldBoosts"/> order.</summary>
    [System.Runtime.CompilerServices.MethodImpl(Site.Core.HotLoop.Options)]
    internal static void FieldTexts(SearchDoc d, string?[] into)
    {
        bool intro = d.Anchor.Length == 0 && d.SectionTitle.Length == 0;
        into[0] = intro ? d.NoteTitle : d.SectionTitle;
        into[1] = intro ? "" : JoinPath(d);
        into[2] = d.Body;
        into[3] = d.Tags.Length == 0 ? "" : d.Tags.Length == 1 ? d.Tags[0] : string.Join(" ", d.Tags);
    }

    private static string JoinPath(SearchDoc d)
    {
        if (d.Ancestors.IsDefaultOrEmpty) return d.NoteTitle;
        var sb = new StringBuilder(d.NoteTitle);
        foreach (var a in d.Ancestors) sb.Append(" / ").Append(a);
        return sb.ToString();
    }

    /// <summary>docs.json: {"v":1,"notes":[[url,title],…],"docs":[[note,sectionTitle,anchor,[ancestors…],excerpt],…]}.</summary>
    public static string DocsJson(IReadOnlyList<SearchDoc> docs)
    {
        using var o = new JsonOut(1 << 16);
        WriteDocsJson(docs, o);
        return Encoding.UTF8.GetString(o.WrittenSpan);
    }

    /// <summary><see cref="DocsJson"/> as UTF-8 into <paramref name="o"/>.</summary>
    [MethodImpl(Site.Core.HotLoop.Options)]
    public static void WriteDocsJson(IReadOnlyList<SearchDoc> docs, JsonOut o)
    {
        o.Raw("{\"v\":1,\"notes\":["u8);
        int lastNote = -1;
        foreach (var d in docs)
        {
            if (d.NoteIndex == lastNote) continue;
            if (lastNote >= 0) o.Byte((byte)',');
            lastNote = d.NoteIndex;
            o.Byte((byte)'[');
            o.String(d.NoteUrl);
            o.Byte((byte)',');
            o.String(d.NoteTitle);
            o.Byte((byte)']');
        }
        o.Raw("],\"docs\":["u8);
        var excerpt = new char[ExcerptLength + 1];
        for (int i = 0; i < docs.Count; i++)
        {
            var d = docs[i];
            if (i > 0) o.Byte((byte)',');
            o.Byte((byte)'[');
            o.Int(d.NoteIndex);
            o.Byte((byte)',');
            o.String(d.SectionTitle);
            o.Byte((byte)',');
            o.String(d.Anchor);
            o.Raw(",["u8);
            for (int j = 0; j < d.Ancestors.Length; j++)
            {
                if (j > 0) o.Byte((byte)',');
                o.String(d.Ancestors[j]);
            }
            o.Raw("],"u8);
            o.String(excerpt.AsSpan(0, Excerpt(d.Body, ExcerptLength, excerpt)));
            o.Byte((byte)']');
        }
        o.Raw("]}"u8);
    }

    /// <summary>Whitespace collapsed, cut to at most <paramref name="max"/> UTF-16 units without splitting a surrogate pair.</summary>
    public static string Excerpt(string? text, int max)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var buf = new char[max + 1];
        return new string(buf, 0, Excerpt(text, max, buf));
    }

    /// <summary><see cref="Excerpt(string?, int)"/> into <paramref name="dest"/> (at least max + 1 long); returns the length.</summary>
    [MethodImpl(Site.Core.HotLoop.Options)]
    internal static int Excerpt(string? text, int max, Span<char> dest)
    {
        if (string.IsNullOrEmpty(text)) return 0;
        int len = 0;
        bool space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) { space = len > 0; continue; }
            if (space)
            {
                dest[len++] = ' ';
                space = false;
                if (len >= max + 1) break;
            }
            dest[len++] = c;
            if (len >= max + 1) break;
        }
        if (len <= max) return len;
        int cut = max;
        if (char.IsLowSurrogate(dest[cut])) cut--;
        return cut;
    }

    /// <summary>Plain text (math as TeX) of the blocks before the note's first heading, as Normalize computes section text.</summary>
    public static string IntroText(Note note)
    {
        var sb = new StringBuilder();
        if (note.Ast is { } ast)
        {
            foreach (var block in ast)
            {
                if (block is HeadingBlock) break;
                sb.Append(Site.Normalize.MarkdownText.Block(block)).Append(' ');
            }
            return Site.Normalize.MarkdownText.Collapse(sb.ToString());
        }
        foreach (var line in note.Body.Split('\n'))
        {
            if (line.TrimStart().StartsWith('#')) break;
            sb.Append(line).Append('\n');
        }
        return Site.Normalize.MarkdownText.Collapse(sb.ToString());
    }
}
