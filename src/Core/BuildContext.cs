using System.Collections.Concurrent;

namespace Site.Core;

/// <summary>Shared state of one build: options, diagnostics, output writer, timings, and cross-stage services.</summary>
public sealed class BuildContext
{
    public BuildContext(BuildOptions options, OutputWriter output, CancellationToken ct = default)
    {
        Options = options;
        Output = output;
        CancellationToken = ct;
    }

    /// <summary>The same build seen with fewer threads: everything (diagnostics, items, timings, output) is shared.</summary>
    private BuildContext(BuildContext parent, int parallelism)
    {
        Options = parent.Options;
        Output = parent.Output;
        CancellationToken = parent.CancellationToken;
        Diagnostics = parent.Diagnostics;
        Timings = parent.Timings;
        Items = parent.Items;
        Progress = parent.Progress;
        _parallelism = parallelism;
    }

    /// <summary>This build for a stage that should use at most <paramref name="parallelism"/> threads.</summary>
    public BuildContext WithParallelism(int parallelism) => new(this, Math.Max(1, parallelism));

    /// <summary>ctx.Items: how many threads each stage that runs alongside the others may use (an int; absent: all). Set
    /// when a KaTeX worker still has many formulas to render, so the index and share pages leave it a core
    /// (<c>RenderMath.KeepCoreForMath</c>).</summary>
    public const string AlongsideParallelismKey = "pipeline.alongside-parallelism";

    private readonly int? _parallelism;

    public BuildOptions Options { get; }
    public OutputWriter Output { get; }
    public DiagnosticBag Diagnostics { get; } = new();
    public CancellationToken CancellationToken { get; }
    public ConcurrentDictionary<string, double> Timings { get; } = new();
    public Action<string, int>? Progress { get; set; }
    public int Parallelism => Math.Max(1, _parallelism ?? Options.Parallelism);

    /// <summary>Site-wide services and results that later stages read (e.g. the topic tree, the math renderer).</summary>
    public ConcurrentDictionary<string, object> Items { get; } = new();

    public T Get<T>(string key) where T : class => (T)Items[key];
    public T? TryGet<T>(string key) where T : class => Items.TryGetValue(key, out var v) ? v as T : null;

    /// <summary>Absolute URL path for a site-relative URL: "notes/a/" → "/base/notes/a/".</summary>
    public string Href(string siteRelative) => Options.BaseUrl + siteRelative.TrimStart('/');
}
