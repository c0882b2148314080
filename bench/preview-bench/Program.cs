using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Site.Cli;
using Site.Core;
using Site.Preview;

// PreviewBench: time from saving one note to the reload event on /__preview/events, end to end
// (FileSystemWatcher → debounce → incremental build → atomic swap → SSE), plus a full rebuild with an
// empty cache in the same warm process for comparison.
//
//   dotnet run -c Release --project bench/preview-bench -- --input DIR [--edits 15] [--debounce-ms 40] [--json FILE]

string? input = null, json = null;
int edits = 15, debounceMs = 40, fullRuns = 3;
for (int i = 0; i < args.Length; i++)
{
    string V() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"missing value for {args[i]}");
    switch (args[i])
    {
        case "--input": input = V(); break;
        case "--edits": edits = int.Parse(V(), CultureInfo.InvariantCulture); break;
        case "--debounce-ms": debounceMs = int.Parse(V(), CultureInfo.InvariantCulture); break;
        case "--full-runs": fullRuns = int.Parse(V(), CultureInfo.InvariantCulture); break;
        case "--json": json = V(); break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}
if (input is null || !Directory.Exists(input)) { Console.Error.WriteLine("usage: PreviewBench --input DIR [--edits N] [--debounce-ms MS] [--json FILE]"); return 2; }

// Work on a copy: the benchmark edits notes.
var work = Path.Combine(Path.GetTempPath(), "preview-bench-" + Environment.ProcessId);
if (Directory.Exists(work)) Directory.Delete(work, true);
CopyDir(Path.GetFullPath(input), Path.Combine(work, "input"));
var notes = Directory.EnumerateFiles(Path.Combine(work, "input"), "*.md", SearchOption.AllDirectories)
    .Where(p => !Path.GetRelativePath(Path.Combine(work, "input"), p).Split('/').Any(s => s.StartsWith('_') || s.StartsWith('.')))
    .OrderBy(p => p, StringComparer.Ordinal).ToList();
if (notes.Count == 0) { Console.Error.WriteLine("no .md notes in the input"); return 2; }

var options = new BuildOptions
{
    InputDir = Path.Combine(work, "input"),
    OutputDir = Path.Combine(work, "output"),
    ThemeDir = ThemeLocator.Find(),
    CacheDir = Path.Combine(work, ".cache"),
    Preview = true,
};

var builds = new System.Collections.Concurrent.ConcurrentQueue<PreviewBuild>();
var sw = Stopwatch.StartNew();
await using var server = await PreviewServer.StartAsync(options, 0, TextWriter.Null,
    new PreviewServerSettings { Debounce = TimeSpan.FromMilliseconds(debounceMs) });
var initial = server.Session.Last!;
Console.WriteLine($"input: {input} — {initial.Result.Notes} notes, {initial.Result.Pages} pages; initial build {initial.Milliseconds:0} ms (cold process)");
server.BuildCompleted += b => builds.Enqueue(b);

// SSE client: timestamps of reload events.
using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
var reloads = System.Threading.Channels.Channel.CreateUnbounded<(int build, long ticks)>();
using var sseCts = new CancellationTokenSource();
var stream = await http.GetStreamAsync(server.Origin + "/__preview/events", sseCts.Token);
var sseTask = Task.Run(async () =>
{
    using var reader = new StreamReader(stream);
    string? ev = null;
    while (await reader.ReadLineAsync(sseCts.Token) is { } line)
    {
        if (line.StartsWith("event: ")) ev = line[7..];
        else if (line.StartsWith("data: ") && ev == "reload")
        {
            var now = Stopwatch.GetTimestamp();
            var b = JsonDocument.Parse(line[6..]).RootElement.GetProperty("build").GetInt32();
            reloads.Writer.TryWrite((b, now));
        }
        else if (line.Length == 0) ev = null;
    }
});

// Warm-up: two edits, not measured (JIT of the incremental paths).
var latencies = new List<double>();
var buildMs = new List<double>();
var cpuMs = new List<double>();
var stageSamples = new List<IReadOnlyDictionary<string, double>>();
var reuse = new List<string>();
for (int i = -2; i < edits; i++)
{
    while (reloads.Reader.TryRead(out _)) { }
    while (builds.TryDequeue(out _)) { }
    var note = notes[(i + 2) * 7919 % notes.Count];
    var t0 = Stopwatch.GetTimestamp();
    await File.AppendAllTextAsync(note, $"\n\nBenchmark edit {i} {Guid.NewGuid():N}.\n");
    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
    var (build, t1) = await reloads.Reader.ReadAsync(timeout.Token);
    var ms = Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds;
    await Task.Delay(150); // let a follow-up build (if any) finish and the folder settle
    // A fast build rewrites the search index and list pages after the reload: let that finish too, so
    // each edit is measured from an idle server (saves seconds apart, as when writing).
    for (var idle = Stopwatch.StartNew(); server.Session.HasPending && idle.Elapsed < TimeSpan.FromSeconds(30);) await Task.Delay(20);
    var b = builds.FirstOrDefault(x => x.Number == build);
    if (i >= 0)
    {
        latencies.Add(ms);
        if (b is not null) { buildMs.Add(b.Milliseconds); cpuMs.Add(b.CpuMilliseconds); stageSamples.Add(b.Result.Stages); reuse.Add(b.Reuse.ToString()); }
    }
}

// Full rebuilds in the same warm process: empty the per-note cache first.
var full = new List<PreviewBuild>();
for (int i = 0; i < fullRuns; i++)
{
    server.Session.Cache.Clear();
    full.Add(await Task.Run(() => server.Session.Build(TextWriter.Null)));
}
// And a no-change rebuild (everything reused).
var noop = await Task.Run(() => server.Session.Build(TextWriter.Null));

// The parts of a build outside the stages: the atomic swap deletes the previous site; the page count walks the new one.
var copy = Path.Combine(work, "output-copy");
CopyDir(options.OutputDir, copy);
var files = Directory.EnumerateFiles(copy, "*", SearchOption.AllDirectories).Count();
var t = Stopwatch.StartNew();
var html = Directory.EnumerateFiles(copy, "*.html", SearchOption.AllDirectories).Count();
var enumMs = t.Elapsed.TotalMilliseconds;
t.Restart();
Directory.Delete(copy, true);
Console.WriteLine($"output: {files} files ({html} pages); counting pages {enumMs:0} ms; deleting the previous site (done by every commit) {t.Elapsed.TotalMilliseconds:0} ms");
Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()} on {Environment.ProcessorCount} cores");

sseCts.Cancel();
try { await sseTask; } catch { }

static double Pct(List<double> xs, double p) { if (xs.Count == 0) return double.NaN; var s = xs.OrderBy(x => x).ToList(); return s[Math.Min(s.Count - 1, (int)Math.Round(p * (s.Count - 1)))]; }
static string Stages(IEnumerable<IReadOnlyDictionary<string, double>> samples)
{
    var list = samples.ToList();
    if (list.Count == 0) return "";
    var names = new[] { "read", "normalize", "render", "index", "emit" }.Concat(list.SelectMany(s => s.Keys)).Distinct();
    return string.Join("  ", names.Select(n => $"{n} {Pct(list.Select(s => s.GetValueOrDefault(n) * 1000).ToList(), 0.5):0.0}"));
}

Console.WriteLine($"save → reload event, {latencies.Count} edits (debounce {debounceMs} ms included):");
Console.WriteLine($"  median {Pct(latencies, 0.5):0} ms   p90 {Pct(latencies, 0.9):0} ms   min {latencies.Min():0} ms   max {latencies.Max():0} ms");
Console.WriteLine($"  incremental build alone: median {Pct(buildMs, 0.5):0} ms wall, {Pct(cpuMs, 0.5):0} ms CPU (stage medians, ms: {Stages(stageSamples)}; outside stages {Pct(buildMs.Zip(stageSamples, (t, s) => t - s.Values.Sum() * 1000).ToList(), 0.5):0})");
Console.WriteLine($"  reuse: {reuse.GroupBy(r => r).OrderByDescending(g => g.Count()).First().Key}");
Console.WriteLine($"no-change rebuild: {noop.Milliseconds:0} ms wall, {noop.CpuMilliseconds:0} ms CPU ({Stages(new[] { noop.Result.Stages })})");
Console.WriteLine($"full rebuild, empty cache, warm process: " + string.Join(", ", full.Select(f => $"{f.Milliseconds:0} ms wall/{f.CpuMilliseconds:0} ms CPU")));
Console.WriteLine($"  stage medians, ms: {Stages(full.Select(f => f.Result.Stages))}");

if (json is not null)
    File.WriteAllText(json, JsonSerializer.Serialize(new
    {
        input, notes = initial.Result.Notes, debounceMs,
        latencyMs = new { median = Pct(latencies, 0.5), p90 = Pct(latencies, 0.9), min = latencies.Min(), max = latencies.Max(), samples = latencies },
        incrementalBuildMs = Pct(buildMs, 0.5),
        noChangeBuildMs = noop.Milliseconds,
        fullBuildMs = full.Select(f => f.Milliseconds),
        fullStagesMs = full.Select(f => f.Result.Stages.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value * 1000, 1))),
        incrementalStagesMs = stageSamples.Select(s => s.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value * 1000, 1))),
    }, new JsonSerializerOptions { WriteIndented = true }));

await server.StopAsync();
try { Directory.Delete(work, true); } catch { }
return 0;

static void CopyDir(string from, string to)
{
    Directory.CreateDirectory(to);
    foreach (var d in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, d)));
    foreach (var f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        File.Copy(f, Path.Combine(to, Path.GetRelativePath(from, f)));
}
