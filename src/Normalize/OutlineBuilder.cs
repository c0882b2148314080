namespace Site.Normalize;

/// <summary>What kind of heading a plain-text line was recognised as.</summary>
internal enum HeadingKind
{
    /// <summary>Has a number (一、 / 1. / 1.1 / (1) …).</summary>
    Numbered,
    /// <summary>Unnumbered part title ending in 篇/面 ("WordPiece 篇").</summary>
    Container,
    /// <summary>Unnumbered short question ("Deep Norm 有什么优点?").</summary>
    Question,
    /// <summary>Short label: "低效的令牌使用问题:" followed by bullets, or "| 定期保存模型".</summary>
    Label,
    /// <summary>"痛点 3: …".</summary>
    Point,
    /// <summary>【…】 part title.</summary>
    Bracket,
    /// <summary>Short unnumbered line promoted because it introduces a numbered sequence ("LLMs 训练经验帖").</summary>
    Intro,
}

internal sealed class OutlineNode
{
    public required HeadingKind Kind { get; init; }
    public HeadingNumber Number { get; init; }
    public string Title { get; init; } = "";
    public OutlineNode? Parent { get; set; }
    public int Level { get; set; }
    public int Index { get; set; }
    /// <summary>Per numbering key, the number of the last child of that scheme (to check sibling sequences).</summary>
    public Dictionary<string, int[]> LastChild { get; } = new(StringComparer.Ordinal);

    /// <summary>A question or label: what follows it is its answer, not its subsections.</summary>
    public bool IsLeafLike => Kind is HeadingKind.Question or HeadingKind.Label
        || Kind == HeadingKind.Numbered && HeadingShape.EndsWithQuestionMark(Title);
}

/// <summary>
/// Infers nesting for plain-text headings the way a careful reader would: numbering schemes rank
/// Chinese chapters (一、) &gt; (一) &gt; 1. &gt; 1.1 &gt; 1.1.1 &gt; (1); a number is a heading only if it continues a
/// sibling sequence or starts one (at 1) under a heading of an outer scheme; unnumbered 篇/面 titles
/// become siblings of earlier ones; questions are siblings of the question before them.
/// Levels start at 1 (children of the note root).
/// </summary>
internal sealed class OutlineBuilder
{
    private readonly OutlineNode _root = new() { Kind = HeadingKind.Container, Level = 0, Index = -1 };
    private readonly List<OutlineNode> _stack = new();
    private readonly List<OutlineNode> _all = new();

    public OutlineBuilder() => _stack.Add(_root);

    public IReadOnlyList<OutlineNode> Nodes => _all;

    private OutlineNode Deepest => _stack[^1];

    public static string Key(HeadingNumber n) => n.Scheme == NumberScheme.Decimal ? $"Decimal{n.Parts.Length}" : n.Scheme.ToString();

    private static int Rank(HeadingNumber n) => n.Scheme switch
    {
        NumberScheme.Chapter or NumberScheme.Bracket => 0,
        NumberScheme.Chinese => 1,
        NumberScheme.ChineseParen => 2,
        NumberScheme.Arabic => 3,
        NumberScheme.Decimal => 2 + n.Parts.Length,
        NumberScheme.ArabicParen => 10,
        _ => 99,
    };

    private static bool IsNext(int[] prev, HeadingNumber n)
    {
        if (n.Scheme == NumberScheme.Decimal)
            return prev.Length == n.Parts.Length && prev.AsSpan(0, prev.Length - 1).SequenceEqual(n.Parts.AsSpan(0, n.Parts.Length - 1)) && n.Last == prev[^1] + 1;
        return prev.Length == 1 && n.Last == prev[0] + 1;
    }

    /// <summary>True if <paramref name="n"/> would continue a sibling sequence of an open heading.</summary>
    public bool Continues(HeadingNumber n)
    {
        var key = Key(n);
        return _stack.Any(x => x.LastChild.TryGetValue(key, out var prev) && IsNext(prev, n));
    }

    /// <summary>
    /// Tries a numbered line. <paramref name="intro"/> is called when the heading starts a new sequence
    /// and may return true to promote the line before it as the sequence's parent title.
    /// Returns the level, or null when the line is a list item / paragraph.
    /// </summary>
    public (int Level, int? IntroLevel)? TryNumbered(HeadingNumber n, bool strong, bool weak, Func<bool>? intro = null)
    {
        if (!strong && !weak) return null;
        var key = Key(n);
        // 1. It continues a sibling sequence of an open heading.
        for (int i = _stack.Count - 1; i >= 0; i--)
        {
            var x = _stack[i];
            if (x.LastChild.TryGetValue(key, out var prev) && IsNext(prev, n))
                return (Accept(new OutlineNode { Kind = HeadingKind.Numbered, Number = n, Title = n.Rest }, x), null);
        }
        // 2. It starts a new sequence (at 1) under a heading of an outer scheme.
        if (n.Last == 1 && FindNewParent(n, strong) is { } parent)
        {
            int? introLevel = null;
            if (!parent.IsLeafLike && intro is not null && intro())
            {
                var introNode = new OutlineNode { Kind = HeadingKind.Intro };
                introLevel = Accept(introNode, parent);
                parent = introNode;
            }
            return (Accept(new OutlineNode { Kind = HeadingKind.Numbered, Number = n, Title = n.Rest }, parent), introLevel);
        }
        // 3. The first chapter number of a document need not be 一 (a forum post may start at 三、).
        // Likewise an excerpt may open with "3、Deep Norm 篇": allowed for the very first heading when clearly a heading.
        if ((n.Scheme is NumberScheme.Chinese or NumberScheme.Chapter && !_all.Any(x => x.Number.Scheme == n.Scheme))
            || (_all.Count == 0 && strong))
            return (Accept(new OutlineNode { Kind = HeadingKind.Numbered, Number = n, Title = n.Rest }, _root), null);
        // 4. PDF pages out of order: a question-like heading continuing a sequence of the previous chapter.
        if (strong && FindInScope(x => x.LastChild.TryGetValue(key, out var p) && IsNext(p, n)) is { } reopened)
            return (Accept(new OutlineNode { Kind = HeadingKind.Numbered, Number = n, Title = n.Rest }, reopened), null);
        return null;
    }

    private OutlineNode? FindNewParent(HeadingNumber n, bool strong)
    {
        if (n.Scheme == NumberScheme.Decimal)
        {
            var want = n.ParentNumber;
            for (int i = _stack.Count - 1; i > 0; i--)
            {
                var x = _stack[i];
                if (x.Kind == HeadingKind.Numbered && x.Number.Scheme is NumberScheme.Arabic or NumberScheme.Decimal
                    && x.Number.Parts.Length == n.Parts.Length - 1 && x.Number.Number == want)
                    return x;
            }
            // "1.1" with no "1" heading: only as the first numbered level of a part, and only if clearly a heading.
            return strong && NearestNumbered(Deepest) is null ? Deepest : null;
        }
        var d = Deepest;
        if (d.IsLeafLike && !strong) return null;
        var a = NearestNumbered(d);
        if (a is not null && Rank(a.Number) >= Rank(n))
        {
            // A chapter may restart 一、二、 for its own questions ("七、蒸馏篇" → "一、…?").
            return n.Scheme == NumberScheme.Chinese && strong && a.Number.Scheme == NumberScheme.Chinese ? d : null;
        }
        return d;
    }

    private static OutlineNode? NearestNumbered(OutlineNode? x)
    {
        for (; x is not null; x = x.Parent)
            if (x.Kind == HeadingKind.Numbered) return x;
        return null;
    }

    /// <summary>Unnumbered 篇/面 title: sibling of an earlier one, else a child of the current part.</summary>
    public int Container(string title)
    {
        for (int i = _stack.Count - 1; i >= 0; i--)
            if (_stack[i].LastChild.ContainsKey(nameof(HeadingKind.Container)))
                return Accept(new OutlineNode { Kind = HeadingKind.Container, Title = title }, _stack[i]);
        var d = Deepest;
        while (d.IsLeafLike && d.Parent is not null) d = d.Parent;
        return Accept(new OutlineNode { Kind = HeadingKind.Container, Title = title }, d);
    }

    /// <summary>Unnumbered question: sibling of the question before it, else a child of the current part.</summary>
    public int Question(string title)
    {
        var d = Deepest;
        var parent = d.IsLeafLike && d.Parent is not null ? d.Parent : d;
        return Accept(new OutlineNode { Kind = HeadingKind.Question, Title = title }, parent);
    }

    /// <summary>Label ("xxx问题:" before bullets, "| xxx"): child of the current heading, sibling of the label before it.</summary>
    public int Label(string title)
    {
        var d = Deepest;
        var parent = d.Kind == HeadingKind.Label && d.Parent is not null ? d.Parent : d;
        return Accept(new OutlineNode { Kind = HeadingKind.Label, Title = title }, parent);
    }

    /// <summary>"痛点 N:": sibling of earlier points (even across out-of-order PDF pages), else a child of the current heading.</summary>
    public int Point(string title)
    {
        var key = nameof(HeadingKind.Point);
        OutlineNode? parent = null;
        for (int i = _stack.Count - 1; i >= 0 && parent is null; i--)
            if (_stack[i].LastChild.ContainsKey(key)) parent = _stack[i];
        parent ??= FindInScope(x => x.LastChild.ContainsKey(key));
        parent ??= Deepest.IsLeafLike && Deepest.Parent is not null ? Deepest.Parent : Deepest;
        return Accept(new OutlineNode { Kind = HeadingKind.Point, Title = title }, parent);
    }

    /// <summary>【…】 part title: always a top-level part.</summary>
    public int Bracket(string title) => Accept(new OutlineNode { Kind = HeadingKind.Bracket, Title = title }, _root);

    /// <summary>Nodes of the current and the previous top-level part, most recent first.</summary>
    private OutlineNode? FindInScope(Func<OutlineNode, bool> pred)
    {
        var tops = _all.Where(x => x.Level == 1).ToList();
        var start = tops.Count >= 2 ? tops[^2].Index : 0;
        for (int i = _all.Count - 1; i >= start && i >= 0; i--)
            if (pred(_all[i])) return _all[i];
        return null;
    }

    private int Accept(OutlineNode node, OutlineNode parent)
    {
        node.Parent = parent;
        node.Level = parent.Level + 1;
        node.Index = _all.Count;
        _all.Add(node);
        var key = node.Kind == HeadingKind.Numbered ? Key(node.Number) : node.Kind.ToString();
        parent.LastChild[key] = node.Kind == HeadingKind.Numbered ? node.Number.Parts : Array.Empty<int>();
        _stack.Clear();
        for (var x = node; x is not null; x = x.Parent) _stack.Insert(0, x);
        return node.Level;
    }
}
