using System.Collections.Immutable;
using System.Diagnostics;
using Site.Cli;
using Site.Core;
using Site.Emit;
using Xunit;

namespace Site.Tests.Build;

/// <summary>
/// Not a test: times the emit stage alone, repeated on the same notes, when EMIT_BENCH_INPUT names a corpus
/// (EMIT_BENCH_OUT: tmpfs folder, default /dev/shm/emit-bench; EMIT_BENCH_RUNS: default 7). Prints wall and
/// CPU per run to EMIT_BENCH_REPORT (default /tmp/emit-bench.txt). Run in Release:
/// EMIT_BENCH_INPUT=/tmp/c1000 dotnet test tests/Site.Tests -c Release --filter FullyQualifiedName~EmitBenchmark
/// </summary>
public class EmitBenchmark
{
    [Fact]
    public void Emit_stage_alone()
    {
        var input = Environment.GetEnvironmentVariable("EMIT_BENCH_INPUT");
        if (string.IsNullOrEmpty(input)) return;
        var outDir = Environment.GetEnvironmentVariable("EMIT_BENCH_OUT") ?? "/dev/shm/emit-bench";
        var runs = int.Parse(Environment.GetEnvironmentVariable("EMIT_BENCH_RUNS") ?? "7");
        var report = new List<string>();
        var options = new BuildOptions
        {
            InputDir = input, OutputDir = outDir, ThemeDir = Support.TempSite.ThemeDir,
            CacheDir = Environment.GetEnvironmentVariable("EMIT_BENCH_CACHE") ?? "/tmp/emit-cache",
        };
        SiteBuilder.Build(options, TextWriter.Null, quiet: true, CancellationToken.None, ctx =>
        {
            var p = new Pipeline();
            foreach (var stage in SitePipeline.Create(ctx).Stages.Where(s => s.Name != "emit")) p.Add(stage.Name, stage.Modules.ToArray());
            return p.Add("emit", new Runner(runs, report));
        });
        File.WriteAllLines(Environment.GetEnvironmentVariable("EMIT_BENCH_REPORT") ?? "/tmp/emit-bench.txt", report);
    }

    private sealed class Runner(int runs, List<string> report) : IModule
    {
        public string Name => "bench";
        public ImmutableArray<Note> Execute(ImmutableArray<Note> notes, BuildContext ctx)
        {
            var proc = Process.GetCurrentProcess();
            for (int r = 0; r < runs; r++)
            {
                using var output = new OutputWriter(ctx.Options.OutputDir);
                var c = new BuildContext(ctx.Options, output);
                foreach (var kv in ctx.Items) c.Items[kv.Key] = kv.Value;
                GC.Collect();
                proc.Refresh();
                var (u, s) = (proc.UserProcessorTime, proc.PrivilegedProcessorTime);
                var sw = Stopwatch.StartNew();
                new EmitSite().Execute(notes, c);
                var wall = sw.Elapsed.TotalSeconds;
                proc.Refresh();
                report.Add($"run {r}: wall {wall:0.000} s user {(proc.UserProcessorTime - u).TotalSeconds:0.000} s sys {(proc.PrivilegedProcessorTime - s).TotalSeconds:0.000} s pages {output.PagesWritten} errors {c.Diagnostics.ErrorCount}");
                proc.Refresh(); // staging folder deleted by Dispose, outside the timing
            }
            return notes;
        }
    }
}
