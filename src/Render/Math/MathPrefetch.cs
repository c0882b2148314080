using System.Collections.Concurrent;
using Markdig.Syntax;
using Site.Core;
using Site.Normalize;

namespace Site.Render.Mathematics;

/// <summary>
/// Renders formulas with KaTeX while the notes are still being normalized, so Node's work overlaps parsing instead of
/// following it. <see cref="RenderMath.Prewarm"/> starts one (one Node worker; a second joins on a backlog only where
/// there are cores to spare: on 2 it would repeat KaTeX's warm-up and compete with the parser) and sets
/// <see cref="NormalizeNotes.ParsedHookKey"/>; each normalized note's formulas are queued (each distinct one once) and
/// rendered in batches, several requests waiting in Node (<see cref="KatexRenderer.RequestsAhead"/>), into the
/// renderer's caches (memory, disk). <see cref="RenderMath"/> then finds them there, and still owns every diagnostic: this class reports nothing.
/// With <c>--fix-math</c> a formula the linter would repair is left to RenderMath, which renders the repaired TeX.
/// </summary>
public sealed class MathPrefetch
{
    /// <summary>Most formulas sent to Node in one request.</summary>
    public const int MaxBatch = 200;

    /// <summary>How long the worker waits for more formulas before sending a batch that is not full.</summary>
    public static readonly TimeSpan GatherWindow = TimeSpan.FromMilliseconds(25);

    /// <summary>Requests sent to Node (for --stats-json).</summary>
    public int Batches => _batches;
    private int _batches;

    /// <summary>Formulas waiting beyond this many start a second worker (Node then has two cores' worth of formulas to render:
    /// notes whose formulas are mostly distinct, ~8,500 at 1,000 notes, took one worker 3.5 s).</summary>
    public const int SecondWorkerBacklog = 400;
    /// <summary>Node workers started so far (the first always; a second on backlog when the caller allows two: 4+ cores,
    /// <see cref="RenderMath.PrefetchWorkers"/>).</summary>
    public int Workers => _workers.Count;

    private readonly BlockingCollection<MathRequest> _queue = new();
    private readonly ConcurrentDictionary<(string, bool), byte> _seen = new();
    private readonly bool _fixMath;
    private readonly CancellationToken _ct;
    private readonly List<Task<KatexRenderer?>> _workers = new();
    private readonly Func<KatexRenderer?> _start;
    private readonly int _maxWorkers;

    /// <summary>Formulas queued and not yet taken by a worker.</summary>
    public int Pending => _queue.Count;

    /// <summary>Formulas handed to the workers ahead of the render stage (each renders those not already cached).</summary>
    public int Prefetched => _prefetched;
    private int _prefetched;

    /// <param name="start">Starts the worker's Node process (in the background; null when it could not start).</param>
    /// <param name="maxWorkers">Node workers at most (1 on a single core).</param>
    public MathPrefetch(Func<KatexRenderer?> start, bool fixMath, CancellationToken ct, int maxWorkers = 2)
    {
        _fixMath = fixMath;
        _ct = ct;
        _start = start;
        _maxWorkers = Math.Max(1, maxWorkers);
        StartWorker();
    }

    private void StartWorker()
    {
        lock (_workers)
        {
            if (_workers.Count >= _maxWorkers || _queue.IsAddingCompleted) return;
            _workers.Add(Task.Factory.StartNew(() => Run(_start), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        }
    }

    /// <summary>Queues the formulas of a normalized note's AST (thread-safe; called from the normalize workers).</summary>
    public void Offer(MarkdownDocument doc)
    {
        if (_queue.IsAddingCompleted) return;
        foreach (var m in MathSource.Find(doc))
        {
            if (!_seen.TryAdd((m.Tex, m.Display), 0)) continue;
            if (_fixMath && MathLinter.Lint(m.Tex).Count > 0) continue; // rendered from the repaired TeX by RenderMath
            try { _queue.Add(new MathRequest(m.Tex, m.Display)); }
            catch (InvalidOperationException) { return; } // completed meanwhile: RenderMath renders the rest
        }
        if (_workers.Count < _maxWorkers && _queue.Count > SecondWorkerBacklog) StartWorker();
    }

    /// <summary>No more formulas: waits until the queued ones are rendered and hands over the workers (still running).</summary>
    public List<KatexRenderer> Finish()
    {
        Task<KatexRenderer?>[] workers;
        lock (_workers)
        {
            _queue.CompleteAdding();
            workers = _workers.ToArray();
        }
        var done = new List<KatexRenderer>();
        foreach (var w in workers)
            try { if (w.GetAwaiter().GetResult() is { } r) done.Add(r); } catch (Exception) { }
        return done;
    }

    /// <summary>The next batch for Node (blocks until a formula comes), or null when no more will.</summary>
    private List<MathRequest>? NextBatch()
    {
        if (!_queue.TryTake(out var first, Timeout.Infinite, _ct)) return null;
        var batch = new List<MathRequest>(MaxBatch) { first };
        // Formulas trickle in as notes are parsed: gather them for a moment rather than sending one request per
        // note (each request is a round trip to Node).
        var gather = System.Diagnostics.Stopwatch.StartNew();
        while (batch.Count < MaxBatch)
        {
            var left = GatherWindow - gather.Elapsed;
            if (_queue.TryTake(out var more)) batch.Add(more);
            else if (left <= TimeSpan.Zero || _queue.IsAddingCompleted || !_queue.TryTake(out more, (int)Math.Ceiling(left.TotalMilliseconds), _ct)) break;
            else batch.Add(more);
        }
        Interlocked.Add(ref _prefetched, batch.Count);
        Interlocked.Increment(ref _batches);
        return batch;
    }

    private KatexRenderer? Run(Func<KatexRenderer?> start)
    {
        KatexRenderer? renderer = null;
        try { renderer = start(); } catch (Exception) { }
        try
        {
            if (renderer is null)
            {
                while (_queue.TryTake(out _, Timeout.Infinite, _ct)) { } // no Node: drain, RenderMath reports it
                return null;
            }
            Site.Core.CpuShare.YieldToChildren(); // Node (started from this thread) first; this thread keeps feeding it
            renderer.RenderAhead(NextBatch, _ct);
        }
        catch (Exception ex) when (ex is KatexException or OperationCanceledException)
        {
            // Node died or the build was cancelled: RenderMath renders (and reports) whatever is left.
            renderer?.Dispose();
            renderer = null;
            while (_queue.TryTake(out _)) { }
        }
        return renderer;
    }
}
