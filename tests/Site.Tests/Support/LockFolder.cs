using System.Runtime.CompilerServices;
using Site.Core;

namespace Site.Tests.Support;

/// <summary>Points every build of the test run (in-process and child processes, which inherit the variable)
/// at one lock folder of its own and removes it when the run ends, so thousands of test builds leave no lock
/// files in the temp folder.</summary>
internal static class LockFolder
{
    [ModuleInitializer]
    internal static void Init()
    {
        if (Environment.GetEnvironmentVariable("KBSITE_LOCK_DIR") is { Length: > 0 }) return;
        var dir = Directory.CreateTempSubdirectory("kbsite-test-locks-").FullName;
        Environment.SetEnvironmentVariable("KBSITE_LOCK_DIR", dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                foreach (var f in Directory.EnumerateFiles(dir, "*.lock")) File.Delete(f);
                Directory.Delete(dir);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        };
    }
}
