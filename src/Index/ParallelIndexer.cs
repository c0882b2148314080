using System.Runtime.CompilerServices;
using Site.Core;

namespace Site.Index;

/// <summary>
/// Feeds <see cref="SearchDoc"/>s to a <see cref="LunrIndexBuilder"/> with the tokenizing done in
/// parallel. Workers take chunks of consecutive documents and reduce each field to its distinct terms
/// (first-occurrence order, as ids in the worker's own term table) with frequencies; the calling
/// thread merges finished chunks in document order while the others keep tokenizing (and tokenizes
/// itself when the next chunk is not ready), mapping worker ids to the builder's term ids. Terms so get
/// the same lunr <c>_index</c> as in a sequential build (the first occurrence in document → field →
/// token order decides) and the JSON is identical.
/// </summary>
internal static class ParallelIndexer
{
    private const int ChunkDocs = 32;
    /// <summary>Documents merged before the pair array is sized for the rest (a multiple of <see cref="ChunkDocs"/>).</summary>
    private const int EstimateAfter = 8 * ChunkDocs;
    private const int FieldCount = 4; // BuildSearchIndex.FieldBoosts

    private sealed class Chunk
    {
        public Worker W = null!;
        public int[] Lengths = null!;     // [doc * FieldCount + field]
        public int[] TermCounts = null!;  // distinct terms per (doc, field)
        public int[] Terms = null!;       // local ids, then builder ids after the merge
        public int[] Tfs = null!;
        public string[] NewTerms = null!; // the worker's terms first seen in this chunk (local ids continue its earlier ones)
        public int Len;
        public int Replayed;
        public volatile bool Done;
    }

    /// <summary>A struct sink, so the tokenizer is specialised for it and calls <see cref="Worker.Token"/> directly.</summary>
    private readonly struct Sink : ITokenSink
    {
        private readonly Worker _w;
        public Sink(Worker w) => _w = w;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Token(ReadOnlySpan<char> token) => _w.Token(token);
    }

    private sealed class Worker
    {
        // local term table: tokens of up to 4 UTF-16 units packed into a ulong (no token contains U+0000),
        // in an open-addressing table; longer ones in a dictionary
        private ulong[] _shortKeys = new ulong[4096];
        private int[] _shortIds = new int[4096];
        private int _shortCount;
        private int _shortShift = 64 - 12;
        private readonly Dictionary<string, int> _long = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _longLookup;
        private readonly List<string> _terms = new();
        private int _termsReported;

        private int[] _stamp = new int[4096];
        private int[] _pos = new int[4096];
        private int _now;
        public readonly Tokenizer.Scratch Scratch = new();
        private readonly string?[] _texts = new string?[FieldCount];

        private int[] _chunkTerms = new int[4096];
        private int[] _chunkTfs = new int[4096];
        private int _len;
        private int _tokens;

        // replaying documents from the token cache: its term positions → this worker's ids (-1: not looked up yet)
        private readonly TokenCache? _cache;
        private readonly int[]? _fromCache;
        private readonly ContentHash[]? _hashes;
        private readonly ContentHash.Builder? _hash;

        public Worker(TokenCache? cache, ContentHash[]? hashes)
        {
            _longLookup = _long.GetAlternateLookup<ReadOnlySpan<char>>();
            _cache = cache;
            _hashes = hashes;
            if (hashes != null) _hash = new ContentHash.Builder();
            if (cache != null)
            {
                _fromCache = new int[cache.Terms.Length];
                Array.Fill(_fromCache, -1);
            }
        }

        /// <summary>Adds document d's fields as stored in the cache (distinct terms in first-occurrence order, as tokenizing gives them).</summary>
        private void Replay(int at, int d, int[] lengths, int[] counts)
        {
            var cache = _cache!;
            var map = _fromCache!;
            var terms = cache.Terms;
            for (int i = 0; i < FieldCount; i++)
            {
                lengths[d * FieldCount + i] = cache.ReadField(ref at, out int n);
                counts[d * FieldCount + i] = n;
                if (_len + n > _chunkTerms.Length)
                {
                    int size = Math.Max(_chunkTerms.Length * 2, _len + n);
                    Array.Resize(ref _chunkTerms, size);
                    Array.Resize(ref _chunkTfs, size);
                }
                for (int k = 0; k < n; k++)
                {
                    var (term, tf) = cache.ReadPair(ref at);
                    int id = map[term];
                    if (id < 0) id = map[term] = terms[term].Length <= 4 ? ShortId(terms[term]) : LongId(terms[term]);
                    _chunkTerms[_len] = id;
                    _chunkTfs[_len] = tf;
                    _len++;
                }
            }
        }

        [MethodImpl(Site.Core.HotLoop.Options)]
        public void Token(ReadOnlySpan<char> token)
        {
            _tokens++;
            int id = token.Length <= 4 ? ShortId(token) : LongId(token);
            if (_stamp[id] == _now) { _chunkTfs[_pos[id]]++; return; }
            _stamp[id] = _now;
            if (_len == _chunkTerms.Length)
            {
                Array.Resize(ref _chunkTerms, _len * 2);
                Array.Resize(ref _chunkTfs, _len * 2);
            }
            _pos[id] = _len;
            _chunkTerms[_len] = id;
            _chunkTfs[_len] = 1;
            _len++;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private int ShortId(ReadOnlySpan<char> token)
        {
            ulong key = 0;
            foreach (char c in token) key = (key << 16) | c;
            var keys = _shortKeys;
            int mask = keys.Length - 1;
            int h = (int)((key * 0x9E3779B97F4A7C15UL) >> _shortShift);
            while (true)
            {
                ulong k = keys[h];
                if (k == key) return _shortIds[h];
                if (k == 0) break;
                h = (h + 1) & mask;
            }
            int id = NewTerm(new string(token));
            keys[h] = key;
            _shortIds[h] = id;
            if (++_shortCount * 2 > keys.Length) GrowShort();
            return id;
        }

        private void GrowShort()
        {
            var oldKeys = _shortKeys;
            var oldIds = _shortIds;
            _shortKeys = new ulong[oldKeys.Length * 2];
            _shortIds = new int[oldKeys.Length * 2];
            _shortShift--;
            int mask = _shortKeys.Length - 1;
            for (int i = 0; i < oldKeys.Length; i++)
            {
                ulong key = oldKeys[i];
                if (key == 0) continue;
                int h = (int)((key * 0x9E3779B97F4A7C15UL) >> _shortShift);
                while (_shortKeys[h] != 0) h = (h + 1) & mask;
                _shortKeys[h] = key;
                _shortIds[h] = oldIds[i];
            }
        }

        private int LongId(ReadOnlySpan<char> token)
        {
            if (_longLookup.TryGetValue(token, out int id)) return id;
            var s = new string(token);
            id = NewTerm(s);
            _long.Add(s, id);
            return id;
        }

        private int NewTerm(string s)
        {
            int id = _terms.Count;
            _terms.Add(s);
            if (id >= _stamp.Length)
            {
                Array.Resize(ref _stamp, _stamp.Length * 2);
                Array.Resize(ref _pos, _pos.Length * 2);
            }
            return id;
        }

        [MethodImpl(Site.Core.HotLoop.Options)]
        public void Run(IReadOnlyList<SearchDoc> docs, int from, int to, int[] fieldOrder, Chunk chunk)
        {
            int n = to - from;
            var lengths = new int[n * FieldCount];
            var counts = new int[n * FieldCount];
            _len = 0;
            int replayed = 0;
            for (int d = 0; d < n; d++)
            {
                BuildSearchIndex.FieldTexts(docs[from + d], _texts);
                if (_hashes != null)
                {
                    var hash = _hashes[from + d] = TokenCache.Hash(_hash!, _texts, fieldOrder);
                    if (_cache != null && _cache.TryFind(hash, out int at))
                    {
                        Replay(at, d, lengths, counts);
                        replayed++;
                        continue;
                    }
                }
                for (int i = 0; i < fieldOrder.Length; i++)
                {
                    if (++_now == int.MaxValue) { Array.Clear(_stamp); _now = 1; }
                    int before = _len;
                    _tokens = 0;
                    Tokenizer.Tokenize(_texts[fieldOrder[i]], new Sink(this), Scratch);
                    lengths[d * FieldCount + i] = _tokens;
                    counts[d * FieldCount + i] = _len - before;
                }
            }
            chunk.Replayed = replayed;
            chunk.W = this;
            chunk.Lengths = lengths;
            chunk.TermCounts = counts;
            // pooled: a merged chunk's arrays are reused by a later chunk (fewer fresh pages)
            chunk.Terms = System.Buffers.ArrayPool<int>.Shared.Rent(_len);
            chunk.Tfs = System.Buffers.ArrayPool<int>.Shared.Rent(_len);
            _chunkTerms.AsSpan(0, _len).CopyTo(chunk.Terms);
            _chunkTfs.AsSpan(0, _len).CopyTo(chunk.Tfs);
            chunk.Len = _len;
            chunk.NewTerms = _terms.GetRange(_termsReported, _terms.Count - _termsReported).ToArray();
            _termsReported = _terms.Count;
            chunk.Done = true;
        }
    }

    /// <summary>The merging thread's view of one worker: its terms so far and their builder ids.</summary>
    private sealed class WorkerMap
    {
        public readonly List<string> Names = new();
        public int[] Ids = new int[1024];
    }

    /// <summary>Maps a finished chunk's terms to builder ids and adds its documents (refs are positions: "0", "1", …).</summary>
    [MethodImpl(Site.Core.HotLoop.Options)]
    private static void Merge(LunrIndexBuilder builder, Chunk chunk, WorkerMap map, int docFrom, int n)
    {
        Span<int> lengths = stackalloc int[FieldCount];
        Span<int> counts = stackalloc int[FieldCount];
        int known = map.Names.Count;
        map.Names.AddRange(chunk.NewTerms);
        if (map.Names.Count > map.Ids.Length) Array.Resize(ref map.Ids, Math.Max(map.Names.Count, map.Ids.Length * 2));
        Array.Fill(map.Ids, -1, known, map.Names.Count - known);
        var ids = map.Ids;
        var terms = chunk.Terms;
        for (int i = 0; i < chunk.Len; i++)
        {
            int l = terms[i];
            int g = ids[l];
            if (g < 0) g = ids[l] = builder.InternTerm(map.Names[l]);
            terms[i] = g;
        }
        int at = 0;
        for (int d = 0; d < n; d++)
        {
            int total = 0;
            for (int i = 0; i < FieldCount; i++)
            {
                lengths[i] = chunk.Lengths[d * FieldCount + i];
                counts[i] = chunk.TermCounts[d * FieldCount + i];
                total += counts[i];
            }
            builder.AddTokenized((docFrom + d).ToString(System.Globalization.CultureInfo.InvariantCulture), null,
                lengths, counts, terms.AsSpan(at, total), chunk.Tfs.AsSpan(at, total));
            at += total;
        }
    }

    /// <summary>
    /// Adds <paramref name="docs"/> to <paramref name="builder"/>. With <paramref name="hashes"/> (one per document)
    /// each document's <see cref="TokenCache.Hash"/> is stored there; documents found in <paramref name="cache"/> are
    /// replayed from it instead of tokenized.
    /// </summary>
    /// <returns>The number of documents replayed from the cache.</returns>
    public static int AddAll(LunrIndexBuilder builder, IReadOnlyList<SearchDoc> docs, int parallelism, TokenCache? cache = null, ContentHash[]? hashes = null)
    {
        if (cache != null && hashes == null) throw new ArgumentException("replaying from the token cache needs the hashes array", nameof(hashes));
        var fieldOrder = builder.FieldOrder();
        if (fieldOrder.Length != FieldCount) throw new InvalidOperationException("the site index has four fields");
        int chunkCount = (docs.Count + ChunkDocs - 1) / ChunkDocs;
        var chunks = new Chunk[chunkCount];
        for (int c = 0; c < chunkCount; c++) chunks[c] = new Chunk();
        int workers = Math.Clamp(parallelism, 1, Math.Max(1, chunkCount));
        int next = -1;
        Exception? failure = null;
        bool stop = false;
        int replayedTotal = 0;

        void Work()
        {
            try
            {
                var w = new Worker(cache, hashes);
                int c;
                while (!Volatile.Read(ref stop) && (c = Interlocked.Increment(ref next)) < chunkCount)
                {
                    int from = c * ChunkDocs;
                    w.Run(docs, from, Math.Min(docs.Count, from + ChunkDocs), fieldOrder, chunks[c]);
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
        }

        var tasks = new Task[workers - 1];
        for (int t = 0; t < tasks.Length; t++) tasks[t] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            // Room for the first chunks; once EstimateAfter documents are in, one resize to what they project for all
            // (doubling from a fixed guess allocated twice the final array at 1,000 notes, all on the large object heap).
            builder.Reserve(Math.Min(docs.Count, EstimateAfter) * 400, docs.Count * FieldCount);
            long pairsSoFar = 0;
            var own = new Worker(cache, hashes);
            var maps = new Dictionary<Worker, WorkerMap>();
            var spin = new SpinWait();
            for (int c = 0; c < chunkCount;)
            {
                var chunk = chunks[c];
                if (!chunk.Done)
                {
                    // not ready: tokenize a chunk here if one is left, else wait for it
                    int mine = Interlocked.Increment(ref next);
                    if (mine < chunkCount)
                    {
                        int f = mine * ChunkDocs;
                        own.Run(docs, f, Math.Min(docs.Count, f + ChunkDocs), fieldOrder, chunks[mine]);
                    }
                    else
                    {
                        if (Volatile.Read(ref failure) is { } e) throw new AggregateException(e);
                        spin.SpinOnce();
                    }
                    continue;
                }
                spin.Reset();

                if (!maps.TryGetValue(chunk.W, out var map)) maps[chunk.W] = map = new WorkerMap();
                int docFrom = c * ChunkDocs;
                Merge(builder, chunk, map, docFrom, Math.Min(docs.Count, docFrom + ChunkDocs) - docFrom);
                pairsSoFar += chunk.Len;
                int docsSoFar = Math.Min(docs.Count, docFrom + ChunkDocs);
                if (docsSoFar == EstimateAfter && docs.Count > docsSoFar)
                    builder.Reserve((int)Math.Min(int.MaxValue / 2, pairsSoFar * (docs.Count - docsSoFar) / docsSoFar * 6 / 5), 0);
                replayedTotal += chunk.Replayed;
                System.Buffers.ArrayPool<int>.Shared.Return(chunk.Terms);
                System.Buffers.ArrayPool<int>.Shared.Return(chunk.Tfs);
                chunks[c] = null!; // let the chunk go
                c++;
            }
        }
        finally
        {
            Volatile.Write(ref stop, true);
            Task.WaitAll(tasks);
        }
        if (failure != null) throw new AggregateException(failure);
        return replayedTotal;
    }
}
