using System.Runtime.InteropServices;

namespace Site.Core;

/// <summary>
/// Lets KaTeX's Node process run ahead of this process's own threads. A cold build waits for Node (the render stage
/// needs every formula) while the search index and share pages, which nothing waits for, keep both cores of a small
/// machine busy; Linux shares a core evenly between runnable threads, so Node ran at half speed for seconds. Lowering
/// the priority of this process's threads (nice +5) — all but the one that talks to Node, which started Node at the
/// old priority — makes the scheduler give Node its core and the other stages the rest. Linux only; nothing is raised,
/// and nothing needs privileges. Only a command-line build opts in (<see cref="MayYield"/>): the process ends with the
/// build, whereas a preview server or a test host would keep the lower priority after it.
/// </summary>
public static class CpuShare
{
    /// <summary>How much lower: nice 5 gets a third of the CPU time of nice 0 when both want the same core.</summary>
    public const int Nice = 5;

    /// <summary>Set by the program's entry point (Program.cs): this process is the command-line tool, not a test host
    /// or another program that runs builds in its own process.</summary>
    public static bool InToolProcess { get; set; }

    /// <summary>Whether <see cref="YieldToChildren"/> may act: set by <c>kbsite build</c> (<see cref="OptIn"/>), one build per process.</summary>
    public static bool MayYield { get; private set; }

    /// <summary>Whether this build gives way to Node through priorities (Linux, the tool's own process): then no stage needs
    /// to run on fewer threads to leave Node a core (<c>RenderMath.BesideWorker</c>).</summary>
    public static bool Active => MayYield && OperatingSystem.IsLinux();

    /// <summary>The build command's opt-in; has effect only in the tool's own process.</summary>
    public static void OptIn() => MayYield = InToolProcess;

    private static int _yielded;

    /// <summary>Lowers every other thread of this process (threads started later inherit it from their creators);
    /// at most once per process, and only with <see cref="MayYield"/>. Never throws.</summary>
    public static void YieldToChildren()
    {
        if (!Active || Interlocked.Exchange(ref _yielded, 1) != 0) return;
        try
        {
            int self = gettid();
            foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
                if (int.TryParse(Path.GetFileName(dir), out var tid) && tid != self)
                    setpriority(PRIO_PROCESS, tid, Math.Max(Nice, getpriority(PRIO_PROCESS, tid)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException) { }
    }

    private const int PRIO_PROCESS = 0;

    [DllImport("libc", SetLastError = true)] private static extern int setpriority(int which, int who, int prio);
    [DllImport("libc", SetLastError = true)] private static extern int getpriority(int which, int who);
    [DllImport("libc")] private static extern int gettid();
}
