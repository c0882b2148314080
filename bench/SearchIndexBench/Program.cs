using Site.Cli;
using Site.Core;
using Site.Index;
using Site.Normalize;
using Site.Read;

// SearchIndexBench: the site's search files only (search/meta.json, t/, p/, d/, docs.json) for a notes
// folder, through the real read, normalize and index modules.
//   SearchIndexBench --input DIR --output DIR [--index-runs N]   (DIR and DIR-runs must not exist or be previous outputs of this tool)
string? input = null, output = null;
int runs = 0;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    if (args[i] is "--input" or "-i") input = args[i + 1];
    else if (args[i] is "--output" or "-o") output = args[i + 1];
    else if (args[i] is "--index-runs") runs = int.Parse(args[i + 1]);
}
if (input is null || output is null) { Console.Error.WriteLine("usage: SearchIndexBench --input DIR --output DIR"); return 2; }
var options = new BuildOptions { InputDir = input, OutputDir = output, CacheDir = null, Parallelism = int.Parse(Environment.GetEnvironmentVariable("KB_PAR") ?? Environment.ProcessorCount.ToString()) };
var sw = System.Diagnostics.Stopwatch.StartNew();
var result = SiteBuilder.Build(options, Console.Out, true, default, _ => new Pipeline()
    .Add("read", new ReadNotes())
    .Add("normalize", new NormalizeNotes())
    .Add("index", new BuildSearchIndex()));
Console.WriteLine($"search index of {input} in {sw.Elapsed.TotalSeconds:0.0}s (exit {result.ExitCode})");
// --index-runs N: after the build, time the index module alone N more times on the same notes
// (wall and process CPU), so its cost can be compared between commits on a loaded machine.
if (runs > 0)
{
    using var writer = new OutputWriter(output + "-runs");
    var ctx = new BuildContext(options with { OutputDir = output + "-runs" }, writer);
    var notes = new ReadNotes().Execute(System.Collections.Immutable.ImmutableArray<Note>.Empty, ctx);
    notes = new NormalizeNotes().Execute(notes, ctx);
    for (int r = 0; r < runs; r++)
    {
        var proc = System.Diagnostics.Process.GetCurrentProcess();
        var cpu0 = proc.TotalProcessorTime;
        var w = System.Diagnostics.Stopwatch.StartNew();
        new BuildSearchIndex().Execute(notes, ctx);
        proc.Refresh();
        Console.WriteLine($"index run {r + 1}: {w.Elapsed.TotalSeconds:0.000} s wall, {(proc.TotalProcessorTime - cpu0).TotalSeconds:0.000} s cpu");
    }
    writer.Commit();
}
return result.ExitCode;
