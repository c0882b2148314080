using System.Runtime.CompilerServices;

namespace Site.Core;

/// <summary>
/// How the few hot loops (search index, tokenizer) are compiled. Run from source (<c>dotnet run</c>, tests, the .NET
/// tool) the runtime tiers code, and these loops are marked to skip the slow first tier. In a ReadyToRun publish
/// (how the benchmark and a deployed binary run, with tiering off) they are precompiled like everything else:
/// the same mark would make the runtime throw that code away and JIT it again at start (24 methods, ~0.1 s of CPU).
/// </summary>
internal static class HotLoop
{
#if READYTORUN
    public const MethodImplOptions Options = 0;
#else
    public const MethodImplOptions Options = MethodImplOptions.AggressiveOptimization;
#endif
}
