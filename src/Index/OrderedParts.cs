using System.Collections.Concurrent;

namespace Site.Index;

/// <summary>
/// Runs numbered jobs on several threads, each writing into a buffer of its own, and hands the
/// buffers to <c>emit</c> on the calling thread strictly in job order. The calling thread emits
/// finished parts and runs jobs itself when the next part is not ready. At most
/// <see cref="MaxInFlight"/> parts exist at once (workers wait), and buffers are reused, so memory
/// stays a few parts' worth however large the output is.
/// </summary>
internal static class OrderedParts
{
    public const int MaxInFlight = 6;

    public static void Run(int jobs, int parallelism, Action<int, JsonOut> run, Action<int, JsonOut> emit)
    {
        if (jobs == 0) return;
        var outs = new JsonOut?[jobs];
        var pool = new ConcurrentBag<JsonOut>();
        int next = -1;
        int written = 0;
        bool stop = false;
        Exception? failure = null;

        JsonOut Rent() => pool.TryTake(out var b) ? b : new JsonOut(1 << 20);

        void RunJob(int j)
        {
            var buf = Rent();
            run(j, buf);
            Volatile.Write(ref outs[j], buf);
        }

        void Work()
        {
            try
            {
                var spin = new SpinWait();
                while (!Volatile.Read(ref stop))
                {
                    int j = Interlocked.Increment(ref next);
                    if (j >= jobs) return;
                    while (j >= Volatile.Read(ref written) + MaxInFlight && !Volatile.Read(ref stop)) spin.SpinOnce();
                    spin.Reset();
                    RunJob(j);
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
                Volatile.Write(ref stop, true);
            }
        }

        int workers = Math.Clamp(parallelism - 1, 0, jobs - 1);
        var tasks = new Task[workers];
        for (int t = 0; t < workers; t++) tasks[t] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            var spin = new SpinWait();
            while (written < jobs)
            {
                var ready = Volatile.Read(ref outs[written]);
                if (ready != null)
                {
                    spin.Reset();
                    emit(written, ready);
                    outs[written] = null;
                    ready.Reset();
                    pool.Add(ready);
                    Volatile.Write(ref written, written + 1);
                    continue;
                }
                if (Volatile.Read(ref failure) is { } e) throw new AggregateException(e);
                if (Volatile.Read(ref next) + 1 < jobs)
                {
                    int j = Interlocked.Increment(ref next);
                    if (j < jobs) { RunJob(j); continue; }
                }
                spin.SpinOnce();
            }
        }
        finally
        {
            Volatile.Write(ref stop, true);
            Task.WaitAll(tasks);
            foreach (var b in pool) b.Dispose();
            foreach (var b in outs) b?.Dispose();
        }
        if (failure != null) throw new AggregateException(failure);
    }
}
