using System.Globalization;
using System.Text;

namespace Site.Links;

/// <summary>
/// A short, fixed-width fingerprint of a section's text for the link registry: the <see cref="K"/> smallest
/// hashes (20 bits, 5 hex digits each) of its 4-token shingles, where a token is a Latin word or one Han
/// character. Two sketches estimate how much text two sections share (Jaccard) and how much of one is
/// inside the other (containment, for a section split in two) without keeping the text itself.
/// </summary>
public static class LinkSketch
{
    public const int K = 12;
    private const int Digits = 5;
    private const int Shingle = 4;

    /// <summary>The sketch of <paramref name="text"/>: up to K×5 hex digits, sorted; "" for no text.</summary>
    public static string Of(string? text)
    {
        var tokens = Tokens(text ?? "");
        if (tokens.Count == 0) return "";
        // A shingle's hash mixes its tokens' hashes (no string per shingle).
        var th = new uint[tokens.Count];
        for (int i = 0; i < th.Length; i++) th[i] = Hash(tokens[i]);
        var set = new SortedSet<uint>();
        var n = Math.Max(1, tokens.Count - Shingle + 1);
        for (int i = 0; i < n; i++)
        {
            uint h = 2166136261;
            for (int k = i; k < Math.Min(i + Shingle, th.Length); k++) h = (h ^ th[k]) * 16777619 + 0x9E3779B9;
            h ^= h >> 15; h *= 0x2C1B3C6D; h ^= h >> 12;
            set.Add(h & 0xFFFFF);
            if (set.Count > K) set.Remove(set.Max);
        }
        var sb = new StringBuilder(K * Digits);
        foreach (var h in set) sb.Append(h.ToString("x5", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    public static uint[] Parse(string sketch)
    {
        if (sketch.Length % Digits != 0) return Array.Empty<uint>();
        var r = new uint[sketch.Length / Digits];
        for (int i = 0; i < r.Length; i++)
            if (!uint.TryParse(sketch.AsSpan(i * Digits, Digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out r[i])) return Array.Empty<uint>();
        return r;
    }

    /// <summary>Estimated |A∩B| / |A∪B| (0 when either is empty): both sketches cut to the hashes below the
    /// smaller of their K-th hashes, which samples both sets the same way.</summary>
    public static double Jaccard(string a, string b)
    {
        var (x, y) = Comparable(Parse(a), Parse(b));
        if (x.Count == 0 || y.Count == 0) return 0;
        var common = x.Intersect(y).Count();
        return (double)common / x.Union(y).Count();
    }

    /// <summary>Estimated share of <paramref name="part"/>'s text that is in <paramref name="whole"/>.</summary>
    public static double Containment(string part, string whole)
    {
        var (x, y) = Comparable(Parse(part), Parse(whole));
        if (x.Count == 0 || y.Count == 0) return 0;
        return (double)x.Count(y.Contains) / x.Count;
    }

    private static (HashSet<uint>, HashSet<uint>) Comparable(uint[] a, uint[] b)
    {
        var cut = Math.Min(a.Length >= K ? a[^1] : uint.MaxValue, b.Length >= K ? b[^1] : uint.MaxValue);
        return (a.Where(h => h <= cut).ToHashSet(), b.Where(h => h <= cut).ToHashSet());
    }

    /// <summary>Dice coefficient of character bigrams (single characters for one-letter titles), case-folded.</summary>
    public static double TitleSimilarity(string a, string b)
    {
        a = a.ToLowerInvariant(); b = b.ToLowerInvariant();
        if (a == b) return 1;
        static List<string> Grams(string s) => s.Length < 2 ? new List<string> { s } : Enumerable.Range(0, s.Length - 1).Select(i => s.Substring(i, 2)).ToList();
        var x = Grams(a); var y = Grams(b);
        var pool = y.ToList();
        int common = 0;
        foreach (var g in x) { var i = pool.IndexOf(g); if (i >= 0) { common++; pool.RemoveAt(i); } }
        return x.Count + y.Count == 0 ? 0 : 2.0 * common / (x.Count + y.Count);
    }

    private static List<string> Tokens(string text)
    {
        var list = new List<string>();
        var word = new StringBuilder();
        void Flush() { if (word.Length > 0) { list.Add(word.ToString()); word.Clear(); } }
        foreach (var ch in text.ToLowerInvariant())
        {
            if (ch >= 0x2E80 && ch <= 0x9FFF || ch >= 0xF900 && ch <= 0xFAFF) { Flush(); list.Add(ch.ToString()); }
            else if (char.IsLetterOrDigit(ch)) word.Append(ch);
            else Flush();
        }
        Flush();
        return list;
    }

    private static uint Hash(string s)
    {
        uint h = 2166136261;
        foreach (var ch in s) { h ^= ch; h *= 16777619; }
        return h ^ (h >> 15);
    }
}
