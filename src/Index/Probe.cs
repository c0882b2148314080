namespace Site.Index;
internal static class Probe
{
    static readonly bool On = Environment.GetEnvironmentVariable("IDX_T") != null;
    static long _t; static TimeSpan _cpu;
    public static void Start() { if (!On) return; _t = System.Diagnostics.Stopwatch.GetTimestamp(); _cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime; }
    public static void Mark(string what)
    {
        if (!On) return;
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        Console.Error.WriteLine($"  {what,-10} wall {System.Diagnostics.Stopwatch.GetElapsedTime(_t).TotalMilliseconds,5:F0} ms  cpu {(cpu - _cpu).TotalMilliseconds,5:F0} ms");
        _t = System.Diagnostics.Stopwatch.GetTimestamp(); _cpu = cpu;
    }
}
