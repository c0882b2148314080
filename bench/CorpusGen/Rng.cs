namespace CorpusGen;

/// <summary>
/// SplitMix64: tiny, fast and — unlike System.Random — with an algorithm we own, so a
/// given seed yields the same corpus bytes on every .NET version and machine.
/// </summary>
public sealed class Rng
{
    private ulong _state;

    public Rng(ulong seed) => _state = seed;

    /// <summary>An independent stream for one note: depends only on (seed, index), not on N.</summary>
    public static Rng For(ulong seed, int index) => new(Mix(seed ^ Mix((ulong)index + 0x9E3779B97F4A7C15UL)));

    public ulong NextU64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, n).</summary>
    public int Next(int n) => n <= 1 ? 0 : (int)(NextU64() % (ulong)n);

    /// <summary>Uniform integer in [lo, hi] inclusive.</summary>
    public int Range(int lo, int hi) => lo + Next(hi - lo + 1);

    public bool Chance(int percent) => Next(100) < percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>k distinct items (k clipped to the list size), in pick order.</summary>
    public List<T> PickDistinct<T>(IReadOnlyList<T> items, int k)
    {
        k = Math.Min(k, items.Count);
        var idx = new List<int>(k);
        while (idx.Count < k)
        {
            int i = Next(items.Count);
            if (!idx.Contains(i)) idx.Add(i);
        }
        return idx.Select(i => items[i]).ToList();
    }
}
