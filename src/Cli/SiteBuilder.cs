using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using Site.Core;
using Site.Emit;
using Site.Incremental;
using Site.Read;
using Site.Render;

namespace Site.Cli;

/// <summary>Outcome of one build.</summary>
public sealed record BuildResult(int ExitCode, int Notes, int Pages, IReadOnlyList<Diagnostic> Diagnostics, double Seconds, IReadOnlyDictionary<string, double> Stages, bool Committed)
{
    /// <summary>What reached the staging folder: files written with new bytes, files hard-linked from the previous site, bytes written.</summary>
    public OutputCounts Output { get; init; } = new(0, 0, 0);
}

/// <summary>Files written, files linked from the previous site (unchanged bytes) and bytes written by one build.</summary>
public sealed record OutputCounts(int FilesWritten, int FilesLinked, long BytesWritten);

/// <summary>
/// Runs read → normalize → render → index → emit into a staging folder and swaps it into place.
/// Exit codes: 0 built (per-note problems are reported but the rest of the site is published);
/// 1 --strict and there were warnings or errors (previous site kept); 2 the build itself failed (previous site kept).
/// </summary>
public static class SiteBuilder
{
    /// <summary>
    /// A command-line build. With a cache folder, per-note normalize/render results are loaded from and
    /// saved to <c>CACHE_DIR/notes.bin</c> (<see cref="NoteCacheFile"/>), so unchanged notes are not parsed
    /// or rendered again; the output is byte-for-byte what a build without the cache writes.
    /// </summary>
    /// <param name="onStage">Called as each stage finishes (stage name, notes), e.g. to move a progress bar.</param>
    public static BuildResult Build(BuildOptions options, TextWriter log, bool quiet = false, CancellationToken ct = default, Action<string, int>? onStage = null)
    {
        if (Refuse(options, log) is { } refused) return refused;
        if (options.CacheDir is not { } dir || options.Preview) return Build(options, log, quiet, ct, SitePipeline.Create, onStage);
        var fingerprint = NoteCacheFile.Fingerprint(options);
        double loadSeconds = 0;
        var load = Task.Run(() =>
        {
            var sw = Stopwatch.StartNew();
            var c = NoteCacheFile.Load(dir, fingerprint);
            loadSeconds = sw.Elapsed.TotalSeconds;
            return c;
        });
        var frontMatter = Task.Run(() => FrontMatterCache.Load(dir, fingerprint));
        NoteCache? cache = null;
        // The note cache does not change after the render stage: it is written to a temporary file while
        // the index and pages are built (off the critical path) and published only if the build succeeds.
        Task<(AtomicFile.Pending? File, double Seconds)>? save = null;
        void StartSave(string stage, int notes)
        {
            onStage?.Invoke(stage, notes);
            if (stage != "render" || save is not null || cache is not { Dirty: true } c || options.DryRun) return;
            save = Task.Run(() =>
            {
                var sw = Stopwatch.StartNew();
                return (NoteCacheFile.SavePending(c, dir, fingerprint), sw.Elapsed.TotalSeconds);
            });
        }
        // A first build (no notes and no formulas cached): KaTeX's Node starts now, while the notes are read, rather than
        // after reading; its start-up (~0.15 s) and first formulas then overlap the read stage. Not for later builds,
        // which mostly find their formulas cached (a site without math pays one idle Node start on its first build).
        var firstBuild = !File.Exists(NoteCacheFile.PathFor(dir)) && !Render.Mathematics.KatexRenderer.HasDiskCache(dir);
        var result = Build(options, log, quiet, ct, ctx =>
        {
            if (firstBuild) Render.Mathematics.RenderMath.Prewarm(ctx);
            ctx.Items[FrontMatterCache.ItemKey] = frontMatter.GetAwaiter().GetResult();
            return SitePipeline.CreateIncremental(ctx, () => cache = load.GetAwaiter().GetResult(), out _);
        }, StartSave);
        var saveSeconds = 0.0;
        var waitStart = Stopwatch.GetTimestamp();
        if (save?.GetAwaiter().GetResult() is ({ } pending, var seconds))
        {
            saveSeconds = seconds;
            if (result.ExitCode == 2) pending.Discard();
            else
            {
                try { pending.Publish(); cache!.Dirty = false; }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { pending.Discard(); }
            }
        }
        else if (save is null && cache is { Dirty: true } && result.ExitCode != 2 && !options.DryRun)
        {
            // The render stage never finished (a failed build keeps nothing) or did not dirty the cache until later.
            var sw = Stopwatch.StartNew();
            NoteCacheFile.Save(cache, dir, fingerprint);
            saveSeconds = sw.Elapsed.TotalSeconds;
        }
        var saveWait = Stopwatch.GetElapsedTime(waitStart).TotalSeconds;
        if (result.ExitCode != 2 && !options.DryRun && frontMatter.IsCompletedSuccessfully) frontMatter.Result.Save(dir, fingerprint);
        var stages = new Dictionary<string, double>(result.Stages) { ["cache_load"] = loadSeconds, ["cache_save"] = saveSeconds, ["cache_save_wait"] = saveWait };
        return result with { Stages = stages, Seconds = result.Seconds + saveWait };
    }

    /// <summary>
    /// Same build with a caller-supplied pipeline: the preview server (src/Preview) passes the standard
    /// pipeline with its read/normalize/render stages wrapped by cache-aware versions.
    /// </summary>
    public static BuildResult Build(BuildOptions options, TextWriter log, bool quiet, CancellationToken ct, Func<BuildContext, Pipeline> createPipeline, Action<string, int>? onStage = null)
    {
        var sw = Stopwatch.StartNew();
        if (Refuse(options, log) is { } refused) return refused;
        OutputWriter? output = null;
        OutputLock? outputLock = null;
        try
        {
            outputLock = OutputLock.Acquire(options.OutputDir);
            // Checked again under the lock: another build may have changed the folder meanwhile.
            if (Refuse(options, log) is { } changed) return changed;
            output = new OutputWriter(options.OutputDir);
            // With a cache folder, the manifest of the last published site lets unchanged files be hard-linked.
            if (options.CacheDir is { } cacheDir && !options.DryRun)
                output.UsePrevious(OutputManifest.Load(cacheDir, options.OutputDir) is { } manifest ? new PreviousOutput(manifest) : null);
            var ctx = new BuildContext(options, output, ct);
            foreach (var d in options.SettingsDiagnostics) ctx.Diagnostics.Add(d);
            if (!quiet) ctx.Progress = (stage, n) => log.WriteLine($"  {stage,-10} {n} notes  {ctx.Timings.GetValueOrDefault(stage):0.000}s");
            if (onStage is not null) ctx.Progress += onStage;
            var notes = createPipeline(ctx).Run(ImmutableArray<Note>.Empty, ctx);
            var pages = output.PagesWritten;
            var diags = ctx.Diagnostics.All;
            foreach (var d in diags) log.WriteLine(d.ToString());

            var failStrict = options.Strict && diags.Count > 0;
            var publish = !failStrict && !options.DryRun;
            if (publish)
            {
                var publishedNs = OutputManifest.NowNs();
                output.Commit(deleteOldInBackground: options.Preview);
                if (options.CacheDir is { } manifestDir && output.Entries is { } entries) OutputManifest.Save(manifestDir, options.OutputDir, entries, publishedNs);
            }
            // The site is published: now the link registry remembers what it published (never before, never on failure or in check).
            if (publish && ctx.TryGet<Links.LinkState>(Links.TrackLinks.Key) is { Changed: true, Text: { } text })
            {
                if (Links.RegistryFile.Write(options.InputDir, text) is { } problem) log.WriteLine($"{Links.RegistryFile.RelativePath}:1: warning: {problem}");
                else if (!quiet) log.WriteLine($"  links      {Links.RegistryFile.RelativePath} updated: commit it with the notes");
            }
            var result = new BuildResult(failStrict ? 1 : 0, notes.Length, pages, diags, sw.Elapsed.TotalSeconds, new Dictionary<string, double>(ctx.Timings), publish)
            {
                Output = new OutputCounts(output.FilesWritten, output.FilesLinked, output.BytesWritten),
            };
            log.WriteLine($"{result.Notes} notes, {result.Pages} pages, {ctx.Diagnostics.WarningCount} warnings, {ctx.Diagnostics.ErrorCount} errors in {result.Seconds:0.00}s"
                + (failStrict ? " — --strict: build failed, previous output left untouched" : options.DryRun ? " (check: nothing written)" : $" → {options.OutputDir}"));
            return result;
        }
        catch (OperationCanceledException)
        {
            log.WriteLine("build cancelled; previous output left untouched");
            return new BuildResult(2, 0, 0, Array.Empty<Diagnostic>(), sw.Elapsed.TotalSeconds, new Dictionary<string, double>(), false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            log.WriteLine($"{options.OutputDir}:1: error: build failed: {ex.Message}; previous output left untouched");
            return new BuildResult(2, 0, 0, Array.Empty<Diagnostic>(), sw.Elapsed.TotalSeconds, new Dictionary<string, double>(), false);
        }
        catch (Exception ex)
        {
            // A bug, not bad input: say so in one line (no stack trace dump) and keep the previous site.
            log.WriteLine($"{options.OutputDir}:1: error: build failed (internal error {ex.GetType().Name}: {ex.Message}); previous output left untouched");
            return new BuildResult(2, 0, 0, Array.Empty<Diagnostic>(), sw.Elapsed.TotalSeconds, new Dictionary<string, double>(), false);
        }
        finally
        {
            output?.Dispose();
            outputLock?.Dispose();
        }
    }

    /// <summary>
    /// What must hold before anything is written: the input and theme folders exist, and the output is one this
    /// generator may replace (<see cref="OutputGuard.Check"/>). Returns the failed result (exit 2, message
    /// logged as <c>path:1: error: …</c>, nothing touched) or null.
    /// </summary>
    public static BuildResult? Refuse(BuildOptions options, TextWriter log)
    {
        if (Preflight(options) is not { } problem) return null;
        var d = new Diagnostic(problem.Path, 1, Severity.Error, problem.Message + "; nothing was written");
        log.WriteLine(d.ToString());
        return new BuildResult(2, 0, 0, new[] { d }, 0, new Dictionary<string, double>(), false);
    }

    /// <summary>The first reason not to build (path the message is about, message), or null.</summary>
    public static (string Path, string Message)? Preflight(BuildOptions options)
    {
        if (File.Exists(options.InputDir)) return (options.InputDir, "input folder is a file, not a folder");
        if (!Directory.Exists(options.InputDir)) return (options.InputDir, "input folder does not exist");
        if (!Directory.Exists(options.ThemeDir)) return (options.ThemeDir, "theme folder does not exist (pass --theme DIR, or run from the folder that holds theme/)");
        return OutputGuard.Check(options.OutputDir, ProtectedFor(options)) is { } why ? (options.OutputDir, why) : null;
    }

    /// <summary>The folders an output of this build must stay clear of: input, theme, the project (Site.csproj's
    /// folder, when found), the current folder and the home folder.</summary>
    public static ProtectedFolders ProtectedFor(BuildOptions options) => new(
        options.InputDir, options.ThemeDir, ThemeLocator.ProjectDir(), Directory.GetCurrentDirectory(),
        Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } profile ? profile : null);

    /// <summary>--stats-json: notes, pages, warnings, errors, seconds and seconds per stage (written by hand:
    /// the reflection-based serializer's first use costs more than a small build's stage).</summary>
    public static void WriteStats(BuildResult r, string path) => AtomicFile.Write(path, stream =>
    {
        using var w = new Utf8JsonWriter(stream);
        w.WriteStartObject();
        w.WriteNumber("notes", r.Notes);
        w.WriteNumber("pages", r.Pages);
        w.WriteNumber("warnings", r.Diagnostics.Count(d => d.Severity == Severity.Warning));
        w.WriteNumber("errors", r.Diagnostics.Count(d => d.Severity == Severity.Error));
        w.WriteNumber("seconds", Math.Round(r.Seconds, 4));
        w.WriteNumber("files_written", r.Output.FilesWritten);
        w.WriteNumber("files_linked", r.Output.FilesLinked);
        w.WriteNumber("bytes_written", r.Output.BytesWritten);
        w.WriteNumber("allocated_mb", Math.Round(GC.GetTotalAllocatedBytes() / 1e6, 1));
        w.WriteNumber("gc_count", GC.CollectionCount(0));
        w.WriteNumber("gc_gen2_count", GC.CollectionCount(2));
        w.WriteNumber("gc_pause_s", Math.Round(GC.GetTotalPauseDuration().TotalSeconds, 4));
        w.WriteStartObject("stages");
        foreach (var (k, v) in r.Stages) w.WriteNumber(k, Math.Round(v, 4));
        w.WriteEndObject();
        w.WriteEndObject();
    });
}
