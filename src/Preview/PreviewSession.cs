using System.Diagnostics;
using Site.Cli;
using Site.Core;
using Site.Incremental;

namespace Site.Preview;

/// <summary>Outcome of one preview build.</summary>
public sealed record PreviewBuild(
    int Number,
    BuildResult Result,
    ReuseStats Reuse,
    double Milliseconds,
    /// <summary>CPU time the whole process used during the build (all threads; for the benchmark).</summary>
    double CpuMilliseconds,
    /// <summary>Set when the build itself failed (exception, cancelled, --strict); the previous site is still served.</summary>
    string? Failure)
{
    public bool Committed => Result.Committed;
    public int Errors => Result.Diagnostics.Count(d => d.Severity == Severity.Error);
    public int Warnings => Result.Diagnostics.Count(d => d.Severity == Severity.Warning);
}

/// <summary>
/// Builds the site again and again, keeping the previous build's per-note results in memory (see
/// <see cref="IncrementalStages"/>). Builds go through <see cref="SiteBuilder"/> and <see cref="SitePipeline"/>
/// like a normal build, so a preview build writes exactly what <c>build</c> would (plus the reload script).
/// Never throws for a bad note or a failing build. Not re-entrant: callers serialize builds.
/// </summary>
public sealed class PreviewSession
{
    private readonly NoteCache _cache = new();
    private readonly object _gate = new();
    private int _number;

    public PreviewSession(BuildOptions options) => Options = options with { Preview = true };

    public BuildOptions Options { get; }
    public NoteCache Cache => _cache;
    public PreviewBuild? Last { get; private set; }

    public PreviewBuild Build(TextWriter log, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var sw = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var number = ++_number;
            ReuseStats stats = new();
            BuildResult result;
            string? failure = null;
            try
            {
                var captured = new StringWriter();
                result = SiteBuilder.Build(Options, captured, quiet: true, ct, ctx =>
                    SitePipeline.CreateIncremental(ctx, _cache, out stats));
                log.Write(captured.ToString());
                if (!result.Committed)
                    failure = result.ExitCode == 1 ? "--strict: there were warnings or errors; the previous site is still served"
                        : captured.ToString().Split('\n').LastOrDefault(l => l.Contains(": error: ")) is { } line
                            ? line[(line.IndexOf(": error: ", StringComparison.Ordinal) + 9)..].Trim()
                            : "the build failed; the previous site is still served";
            }
            catch (Exception ex)
            {
                // A bug in any module must not take the preview down. The cache may hold results of the
                // failed build's half; drop it so the next build starts clean.
                _cache.Clear();
                failure = $"the build crashed: {ex.GetType().Name}: {ex.Message}";
                log.WriteLine($"{Options.InputDir}:1: error: {failure}");
                result = new BuildResult(2, 0, 0, new[] { new Diagnostic(Options.InputDir, 1, Severity.Error, failure) }, sw.Elapsed.TotalSeconds, new Dictionary<string, double>(), false);
            }
            if (failure is not null && result.Diagnostics.Count == 0)
                result = result with { Diagnostics = new[] { new Diagnostic(Options.OutputDir, 1, Severity.Error, failure) } };
            var build = new PreviewBuild(number, result, stats, sw.Elapsed.TotalMilliseconds,
                (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds, failure);
            Last = build;
            return build;
        }
    }
}
