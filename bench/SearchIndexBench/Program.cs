using Site.Cli;
using Site.Core;
using Site.Index;
using Site.Normalize;
using Site.Read;

// SearchIndexBench: the site's search files only (search/meta.json, t/, p/, d/, docs.json) for a notes
// folder, through the real read, normalize and index modules.
//   SearchIndexBench --input DIR --output DIR   (DIR must not exist or be a previous output of this tool)
string? input = null, output = null;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    if (args[i] is "--input" or "-i") input = args[i + 1];
    else if (args[i] is "--output" or "-o") output = args[i + 1];
}
if (input is null || output is null) { Console.Error.WriteLine("usage: SearchIndexBench --input DIR --output DIR"); return 2; }
var options = new BuildOptions { InputDir = input, OutputDir = output, CacheDir = null };
var sw = System.Diagnostics.Stopwatch.StartNew();
var result = SiteBuilder.Build(options, Console.Out, true, default, _ => new Pipeline()
    .Add("read", new ReadNotes())
    .Add("normalize", new NormalizeNotes())
    .Add("index", new BuildSearchIndex()));
Console.WriteLine($"search index of {input} in {sw.Elapsed.TotalSeconds:0.0}s (exit {result.ExitCode})");
return result.ExitCode;
