using Site.Core;
using Xunit;

namespace Site.Tests.Build;

/// <summary>CpuShare lowers this process's threads only where a command-line build opted in: never a test host's.</summary>
public class CpuShareTests
{
    private static Dictionary<string, int> Nices() =>
        Directory.EnumerateDirectories("/proc/self/task").ToDictionary(t => Path.GetFileName(t)!, t =>
        {
            var stat = File.ReadAllText(Path.Combine(t, "stat"));
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16]); // nice: field 19 of stat
        });

    [Fact]
    public void Without_the_command_line_opt_in_no_thread_is_lowered()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.False(CpuShare.InToolProcess); // only the tool's entry point sets it, so builds run here never yield
        Assert.False(CpuShare.MayYield);
        var before = Nices();
        CpuShare.YieldToChildren();
        var after = Nices();
        foreach (var (tid, nice) in after)
            if (before.TryGetValue(tid, out var was)) Assert.Equal(was, nice);
    }
}
