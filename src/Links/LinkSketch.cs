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
    public static string Of(string? text) => Format(Bottom(text));

    /// <summary>The K smallest shingle hashes of <paramref name="text"/>, ascending (what <see cref="Of"/> prints).
    /// The bottom K of a union is the bottom K of the parts' bottom Ks: <see cref="Merge"/> sketches a section with its subsections.</summary>
    public static uint[] Bottom(string? text)
    {
        var tokens = TokenHashes(text ?? "");
        if (tokens.Count == 0) return Array.Empty<uint>();
        // The K smallest distinct hashes, kept sorted in a small array (the common case, a hash above the K-th, is one compare).
        var bottom = new uint[K];
        int count = 0;
        var n = Math.Max(1, tokens.Count - Shingle + 1);
        for (int i = 0; i < n; i++)
        {
            // A shingle's hash mixes its tokens' hashes (no string per shingle or token).
            uint h = 2166136261;
            for (int k = i; k < Math.Min(i + Shingle, tokens.Count); k++) h = (h ^ tokens[k]) * 16777619 + 0x9E3779B9;
            h ^= h >> 15; h *= 0x2C1B3C6D; h ^= h >> 12;
            h &= 0xFFFFF;
            if (count == K && h >= bottom[K - 1]) continue;
            int at = Array.BinarySearch(bottom, 0, count, h);
            if (at >= 0) continue;
            at = ~at;
            if (count < K) count++;
            Array.Copy(bottom, at, bottom, at + 1, count - 1 - at);
            bottom[at] = h;
        }
        return count == K ? bottom : bottom[..count];
    }

    /// <summary>The bottom K of the union of several bottom-K sets.</summary>
    public static uint[] Merge(IEnumerable<uint[]> parts)
    {
        var set = new SortedSet<uint>();
        foreach (var p in parts) foreach (var h in p) set.Add(h);
        return set.Take(K).ToArray();
    }

    public static string Format(uint[] hashes)
    {
        var sb = new StringBuilder(hashes.Length * Digits);
        foreach (var h in hashes) sb.Append(h.ToString("x5", CultureInfo.InvariantCulture));
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

    /// <summary>One hash per token: a Latin word or number (case-folded), or one Han character.</summary>
    private static List<uint> TokenHashes(string text)
    {
        var list = new List<uint>();
        uint h = 2166136261;
        bool inWord = false;
        foreach (var c in text)
        {
            var ch = c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c < 0x80 ? c : char.ToLowerInvariant(c);
            if (ch >= 0x2E80 && ch <= 0x9FFF || ch >= 0xF900 && ch <= 0xFAFF)
            {
                if (inWord) { list.Add(h ^ (h >> 15)); inWord = false; }
                var x = (2166136261u ^ ch) * 16777619;
                list.Add(x ^ (x >> 15));
            }
            else if (char.IsLetterOrDigit(ch))
            {
                if (!inWord) { h = 2166136261; inWord = true; }
                h = (h ^ ch) * 16777619;
            }
            else if (inWord) { list.Add(h ^ (h >> 15)); inWord = false; }
        }
        if (inWord) list.Add(h ^ (h >> 15));
        return list;
    }
}
