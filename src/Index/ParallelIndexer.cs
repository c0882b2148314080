namespace Site.Index;

/// <summary>
/// Feeds <see cref="SearchDoc"/>s to a <see cref="LunrIndexBuilder"/> with the tokenizing done in
/// parallel. Workers take chunks of consecutive documents and reduce each field to its distinct terms
/// (first-occurrence order, as ids in the worker's own term table) with frequencies; the calling
/// thread then maps those ids to the builder's term ids chunk by chunk in document order, so terms get
/// the same lunr <c>_index</c> as a sequential build (the first occurrence in document → field → token
/// order decides) and the JSON is identical.
/// </summary>
internal static class ParallelIndexer
{
    private const int ChunkDocs = 32;
    private const int FieldCount = 4; // BuildSearchIndex.FieldBoosts

    private sealed class Chunk
    {
        public Worker W = null!;
        public int[] Lengths = null!;     // [doc * FieldCount + field]
        public int[] TermCounts = null!;  // distinct terms per (doc, field)
        public int[] Terms = null!;       // local ids, then builder ids after the merge
        public int[] Tfs = null!;
        public int Len;
        public volatile bool Done;
    }

    private sealed class Worker : ITokenSink
    {
        public readonly List<string> Terms = new();
        private readonly Dictionary<string, int> _table = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private int[] _stamp = new int[1024];
        private int[] _pos = new int[1024];
        private int _now;
        public readonly Tokenizer.Scratch Scratch = new();
        private readonly string?[] _texts = new string?[FieldCount];

        private int[] _terms = new int[4096];
        private int[] _tfs = new int[4096];
        private int _len;
        private int _tokens;

        public Worker() => _lookup = _table.GetAlternateLookup<ReadOnlySpan<char>>();

        public void Token(ReadOnlySpan<char> token)
        {
            _tokens++;
            if (!_lookup.TryGetValue(token, out int id))
            {
                id = Terms.Count;
                var s = new string(token);
                _table.Add(s, id);
                Terms.Add(s);
                if (id >= _stamp.Length)
                {
                    Array.Resize(ref _stamp, _stamp.Length * 2);
                    Array.Resize(ref _pos, _pos.Length * 2);
                }
            }
            if (_stamp[id] == _now) { _tfs[_pos[id]]++; return; }
            _stamp[id] = _now;
            if (_len == _terms.Length)
            {
                Array.Resize(ref _terms, _len * 2);
                Array.Resize(ref _tfs, _len * 2);
            }
            _pos[id] = _len;
            _terms[_len] = id;
            _tfs[_len] = 1;
            _len++;
        }

        public void Run(IReadOnlyList<SearchDoc> docs, int from, int to, int[] fieldOrder, Chunk chunk)
        {
            int n = to - from;
            var lengths = new int[n * FieldCount];
            var counts = new int[n * FieldCount];
            _len = 0;
            for (int d = 0; d < n; d++)
            {
                BuildSearchIndex.FieldTexts(docs[from + d], _texts);
                for (int i = 0; i < fieldOrder.Length; i++)
                {
                    if (++_now == int.MaxValue) { Array.Clear(_stamp); _now = 1; }
                    int before = _len;
                    _tokens = 0;
                    Tokenizer.Tokenize(_texts[fieldOrder[i]], this, Scratch);
                    lengths[d * FieldCount + i] = _tokens;
                    counts[d * FieldCount + i] = _len - before;
                }
            }
            chunk.W = this;
            chunk.Lengths = lengths;
            chunk.TermCounts = counts;
            chunk.Terms = _terms.AsSpan(0, _len).ToArray();
            chunk.Tfs = _tfs.AsSpan(0, _len).ToArray();
            chunk.Len = _len;
            chunk.Done = true;
        }
    }

    public static void AddAll(LunrIndexBuilder builder, IReadOnlyList<SearchDoc> docs, int parallelism)
    {
        var fieldOrder = builder.FieldOrder();
        if (fieldOrder.Length != FieldCount) throw new InvalidOperationException("the site index has four fields");
        int chunkCount = (docs.Count + ChunkDocs - 1) / ChunkDocs;
        var chunks = new Chunk[chunkCount];
        for (int c = 0; c < chunkCount; c++) chunks[c] = new Chunk();
        int workers = Math.Clamp(parallelism, 1, Math.Max(1, chunkCount));
        int next = -1;

        void Work()
        {
            var w = new Worker();
            int c;
            while ((c = Interlocked.Increment(ref next)) < chunkCount)
            {
                int from = c * ChunkDocs;
                w.Run(docs, from, Math.Min(docs.Count, from + ChunkDocs), fieldOrder, chunks[c]);
            }
        }

        var tasks = new Task[workers - 1];
        for (int t = 0; t < tasks.Length; t++) tasks[t] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            Work();
        }
        finally
        {
            Task.WaitAll(tasks);
        }

        // merge in document order
        var maps = new Dictionary<Worker, int[]>();
        Span<int> lengths = stackalloc int[FieldCount];
        Span<int> counts = stackalloc int[FieldCount];
        for (int c = 0; c < chunkCount; c++)
        {
            var chunk = chunks[c];
            if (!maps.TryGetValue(chunk.W, out var map))
            {
                map = new int[chunk.W.Terms.Count];
                Array.Fill(map, -1);
                maps[chunk.W] = map;
            }
            var terms = chunk.Terms;
            var names = chunk.W.Terms;
            for (int i = 0; i < chunk.Len; i++)
            {
                int g = map[terms[i]];
                if (g < 0) g = map[terms[i]] = builder.InternTerm(names[terms[i]]);
                terms[i] = g;
            }
            int docFrom = c * ChunkDocs, n = Math.Min(docs.Count, docFrom + ChunkDocs) - docFrom;
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
            chunks[c] = null!; // let the chunk go
        }
    }
}
