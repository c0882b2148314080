using System.Text;

namespace Site.Index;

/// <summary>
/// A C# port of lunr.js 2.3.9's <c>lunr.Builder</c> (add → calculateAverageFieldLengths →
/// createFieldVectors → toJSON) for an index whose token pipeline and search pipeline are empty and
/// whose metadata whitelist is empty. <see cref="LunrIndex.ToJson"/> is byte-identical to
/// <c>JSON.stringify(builder.build())</c> in node when the builder's tokenizer returns the same tokens
/// (theme/search/build-index.mjs; checked by the differential tests).
/// </summary>
public sealed class LunrIndexBuilder
{
    public const string LunrVersion = "2.3.9";

    private readonly List<string> _fieldInsertion = new();
    private readonly Dictionary<string, double?> _fieldBoosts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double?> _docBoosts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Posting> _inverted = new(StringComparer.Ordinal);
    // fieldRef string → (term → tf); insertion-ordered, reassignment keeps the first position (JS objects)
    private readonly List<string> _fieldRefOrder = new();
    private readonly Dictionary<string, Dictionary<string, int>> _fieldTermFrequencies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _fieldLengths = new(StringComparer.Ordinal);
    private int _documentCount;
    private int _termIndex;
    private double _b = 0.75;

    /// <summary>Turns a field's text into terms. Defaults to <see cref="Tokenizer.Tokenize(string?)"/>.</summary>
    public Func<string?, List<string>> Tokenize { get; set; } = Tokenizer.Tokenize;

    /// <summary>Field length normalisation, clamped to 0…1 like lunr's <c>builder.b()</c>.</summary>
    public double B { get => _b; set => _b = value < 0 ? 0 : value > 1 ? 1 : value; }
    public double K1 { get; set; } = 1.2;

    public int DocumentCount => _documentCount;

    /// <summary><c>builder.field(name, {boost})</c>. Null boost = no boost attribute.</summary>
    public void Field(string name, double? boost = null)
    {
        if (name == "_index") throw new ArgumentException("'_index' is reserved by lunr's posting format", nameof(name));
        if (name.Contains('/')) throw new ArgumentException($"Field '{name}' contains illegal character '/'", nameof(name));
        if (!_fieldBoosts.ContainsKey(name)) _fieldInsertion.Add(name);
        _fieldBoosts[name] = boost;
    }

    /// <summary>Fields in lunr's order (<c>Object.keys(builder._fields)</c>).</summary>
    public IReadOnlyList<string> Fields => JsCompat.ObjectKeyOrder(_fieldInsertion).ToList();

    /// <summary><c>builder.add(doc, {boost})</c>: <paramref name="fields"/> maps field name → text (missing = undefined).</summary>
    public void Add(string docRef, IReadOnlyDictionary<string, string?> fields, double? boost = null)
    {
        var fieldNames = Fields;
        _docBoosts[docRef] = boost;
        _documentCount++;

        foreach (var fieldName in fieldNames)
        {
            fields.TryGetValue(fieldName, out var text);
            var terms = Tokenize(text);
            var fieldRef = fieldName + "/" + docRef;
            var fieldTerms = new Dictionary<string, int>(StringComparer.Ordinal);
            if (!_fieldTermFrequencies.ContainsKey(fieldRef)) _fieldRefOrder.Add(fieldRef);
            _fieldTermFrequencies[fieldRef] = fieldTerms;
            _fieldLengths[fieldRef] = terms.Count;

            foreach (var term in terms)
            {
                fieldTerms[term] = fieldTerms.GetValueOrDefault(term) + 1;
                if (!_inverted.TryGetValue(term, out var posting))
                {
                    posting = new Posting(_termIndex++, fieldNames);
                    _inverted[term] = posting;
                }
                // a field declared after the posting was created is absent from it in lunr too (it would throw there)
                if (!posting.Fields.TryGetValue(fieldName, out var refs))
                    throw new InvalidOperationException($"field '{fieldName}' was added after documents were indexed");
                if (!refs.Contains(docRef)) refs.Add(docRef);
            }
        }
    }

    public LunrIndex Build()
    {
        var fields = Fields;
        // calculateAverageFieldLengths
        var sum = new Dictionary<string, double>(StringComparer.Ordinal);
        var count = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var fieldRef in _fieldRefOrder)
        {
            var field = fieldRef[..fieldRef.IndexOf('/')];
            count[field] = count.GetValueOrDefault(field) + 1;
            sum[field] = sum.GetValueOrDefault(field) + _fieldLengths[fieldRef];
        }
        var avg = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var f in fields)
            avg[f] = sum.TryGetValue(f, out var s) ? s / count[f] : double.NaN;

        // createFieldVectors
        var idfCache = new Dictionary<string, double>(StringComparer.Ordinal);
        var vectors = new List<LunrFieldVector>(_fieldRefOrder.Count);
        foreach (var fieldRef in _fieldRefOrder)
        {
            int slash = fieldRef.IndexOf('/');
            var fieldName = fieldRef[..slash];
            var docRef = fieldRef[(slash + 1)..];
            double fieldLength = _fieldLengths[fieldRef];
            double fieldBoost = JsOr1(_fieldBoosts.GetValueOrDefault(fieldName));
            double docBoost = JsOr1(_docBoosts.GetValueOrDefault(docRef));
            var elements = new List<(int Index, double Score)>();
            foreach (var (term, tf) in _fieldTermFrequencies[fieldRef])
            {
                var posting = _inverted[term];
                if (!idfCache.TryGetValue(term, out var idf))
                {
                    idf = Idf(posting, _documentCount);
                    idfCache[term] = idf;
                }
                double score = idf * ((K1 + 1) * tf) / (K1 * (1 - _b + _b * (fieldLength / avg[fieldName])) + tf);
                score *= fieldBoost;
                score *= docBoost;
                double rounded = JsCompat.Round(score * 1000) / 1000;
                elements.Add((posting.Index, rounded));
            }
            elements.Sort((a, b) => a.Index.CompareTo(b.Index));
            vectors.Add(new LunrFieldVector(fieldRef, elements));
        }

        var terms = _inverted.Keys.ToList();
        terms.Sort(string.CompareOrdinal);
        var inverted = terms.Select(t => (t, _inverted[t])).ToList();
        return new LunrIndex(fields, vectors, inverted);
    }

    /// <summary>lunr.idf.</summary>
    internal static double Idf(Posting posting, int documentCount)
    {
        int documentsWithTerm = 0;
        foreach (var refs in posting.Fields.Values) documentsWithTerm += refs.Count;
        double x = (documentCount - documentsWithTerm + 0.5) / (documentsWithTerm + 0.5);
        return JsCompat.Log(1 + Math.Abs(x));
    }

    /// <summary><c>attributes.boost || 1</c>.</summary>
    private static double JsOr1(double? v) => v is null || v.Value == 0 || double.IsNaN(v.Value) ? 1 : v.Value;

    /// <summary>An inverted-index entry: the term's vector index and, per field, the refs that contain it.</summary>
    public sealed class Posting
    {
        internal Posting(int index, IReadOnlyList<string> fields)
        {
            Index = index;
            foreach (var f in fields) { Fields[f] = new OrderedSet(); FieldOrder.Add(f); }
        }

        /// <summary>Keys of the JS posting object after "_index", in insertion order.</summary>
        public List<string> FieldOrder { get; } = new();

        public int Index { get; }
        /// <summary>Field → refs, both in insertion order (serialization applies JS key order).</summary>
        public Dictionary<string, OrderedSet> Fields { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Insertion-ordered set of refs.</summary>
    public sealed class OrderedSet
    {
        private readonly HashSet<string> _set = new(StringComparer.Ordinal);
        private readonly List<string> _items = new();
        public int Count => _items.Count;
        public IReadOnlyList<string> Items => _items;
        public bool Contains(string s) => _set.Contains(s);
        public void Add(string s) { if (_set.Add(s)) _items.Add(s); }
    }
}

/// <summary>One field vector: <c>[fieldRef, [termIndex, score, …]]</c>.</summary>
public sealed record LunrFieldVector(string FieldRef, IReadOnlyList<(int Index, double Score)> Elements);

/// <summary>A built lunr index, serialised like lunr 2.3.9's <c>Index#toJSON</c> + <c>JSON.stringify</c>.</summary>
public sealed class LunrIndex
{
    internal LunrIndex(IReadOnlyList<string> fields, IReadOnlyList<LunrFieldVector> fieldVectors,
        IReadOnlyList<(string Term, LunrIndexBuilder.Posting Posting)> invertedIndex)
    {
        Fields = fields;
        FieldVectors = fieldVectors;
        InvertedIndex = invertedIndex;
    }

    public IReadOnlyList<string> Fields { get; }
    public IReadOnlyList<LunrFieldVector> FieldVectors { get; }
    /// <summary>Terms sorted by UTF-16 code units, as lunr's toJSON sorts them.</summary>
    public IReadOnlyList<(string Term, LunrIndexBuilder.Posting Posting)> InvertedIndex { get; }

    public string ToJson()
    {
        var sb = new StringBuilder(1 << 16);
        sb.Append("{\"version\":");
        JsCompat.AppendJsonString(sb, LunrIndexBuilder.LunrVersion);
        sb.Append(",\"fields\":[");
        for (int i = 0; i < Fields.Count; i++)
        {
            if (i > 0) sb.Append(',');
            JsCompat.AppendJsonString(sb, Fields[i]);
        }
        sb.Append("],\"fieldVectors\":[");
        for (int i = 0; i < FieldVectors.Count; i++)
        {
            if (i > 0) sb.Append(',');
            var v = FieldVectors[i];
            sb.Append('[');
            JsCompat.AppendJsonString(sb, v.FieldRef);
            sb.Append(",[");
            for (int j = 0; j < v.Elements.Count; j++)
            {
                if (j > 0) sb.Append(',');
                sb.Append(JsCompat.NumberToJson(v.Elements[j].Index)).Append(',').Append(JsCompat.NumberToJson(v.Elements[j].Score));
            }
            sb.Append("]]");
        }
        sb.Append("],\"invertedIndex\":[");
        for (int i = 0; i < InvertedIndex.Count; i++)
        {
            if (i > 0) sb.Append(',');
            var (term, posting) = InvertedIndex[i];
            sb.Append('[');
            JsCompat.AppendJsonString(sb, term);
            sb.Append(",{");
            bool first = true;
            foreach (var key in JsCompat.ObjectKeyOrder(new[] { "_index" }.Concat(posting.FieldOrder)))
            {
                if (!first) sb.Append(',');
                first = false;
                JsCompat.AppendJsonString(sb, key);
                sb.Append(':');
                if (key == "_index")
                {
                    sb.Append(JsCompat.NumberToJson(posting.Index));
                    continue;
                }
                sb.Append('{');
                bool firstRef = true;
                foreach (var r in JsCompat.ObjectKeyOrder(posting.Fields[key].Items))
                {
                    if (!firstRef) sb.Append(',');
                    firstRef = false;
                    JsCompat.AppendJsonString(sb, r);
                    sb.Append(":{}");
                }
                sb.Append('}');
            }
            sb.Append("}]");
        }
        sb.Append("],\"pipeline\":[]}");
        return sb.ToString();
    }
}
