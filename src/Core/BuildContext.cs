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

    public BuildOptions Options { get; }
    public OutputWriter Output { get; }
    public DiagnosticBag Diagnostics { get; } = new();
    public CancellationToken CancellationToken { get; }
    public ConcurrentDictionary<string, double> Timings { get; } = new();
    public Action<string, int>? Progress { get; set; }
    public int Parallelism => Math.Max(1, Options.Parallelism);

    /// <summary>Site-wide services and results that later stages read (e.g. the topic tree, the math renderer).</summary>
    public ConcurrentDictionary<string, object> Items { get; } = new();

    public T Get<T>(string key) where T : class => (T)Items[key];
    public T? TryGet<T>(string key) where T : class => Items.TryGetValue(key, out var v) ? v as T : null;

    /// <summary>Absolute URL path for a site-relative URL: "notes/a/" → "/base/notes/a/".</summary>
    public string Href(string siteRelative) => Options.BaseUrl + siteRelative.TrimStart('/');
}
