using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text;

namespace Site.Index;

/// <summary>
/// The few JavaScript semantics the lunr index must reproduce bit for bit: <c>Math.log</c> (V8 uses
/// fdlibm, so does this), <c>Math.round</c>, Number-to-string, <c>JSON.stringify</c> string quoting and
/// the order <c>Object.keys</c> lists an object's keys in.
/// </summary>
public static class JsCompat
{
    // ---- Math.log: port of fdlibm e_log.c (V8 src/base/ieee754.cc) ------------------------------

    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Two54 = 1.80143985094819840000e+16;
    private const double Lg1 = 6.666666666666735130e-01;
    private const double Lg2 = 3.999999999940941908e-01;
    private const double Lg3 = 2.857142874366239149e-01;
    private const double Lg4 = 2.222219843214978396e-01;
    private const double Lg5 = 1.818357216161805012e-01;
    private const double Lg6 = 1.531383769920937332e-01;
    private const double Lg7 = 1.479819860511658591e-01;

    /// <summary>JavaScript's <c>Math.log</c> exactly as V8 computes it.</summary>
    public static double Log(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int hx = (int)(bits >> 32);
        uint lx = (uint)bits;
        int k = 0;
        if (hx < 0x00100000)
        {
            if (((hx & 0x7fffffff) | (int)lx) == 0) return double.NegativeInfinity;
            if (hx < 0) return double.NaN;
            k -= 54;
            x *= Two54;
            hx = (int)(BitConverter.DoubleToInt64Bits(x) >> 32);
        }
        if (hx >= 0x7ff00000) return x + x;
        k += (hx >> 20) - 1023;
        hx &= 0x000fffff;
        int i = (hx + 0x95f64) & 0x100000;
        x = SetHighWord(x, hx | (i ^ 0x3ff00000));
        k += i >> 20;
        double f = x - 1.0;
        double dk, r;
        if ((0x000fffff & (2 + hx)) < 3)
        {
            if (f == 0.0)
            {
                if (k == 0) return 0.0;
                dk = k;
                return dk * Ln2Hi + dk * Ln2Lo;
            }
            r = f * f * (0.5 - 0.33333333333333333 * f);
            if (k == 0) return f - r;
            dk = k;
            return dk * Ln2Hi - ((r - dk * Ln2Lo) - f);
        }
        double s = f / (2.0 + f);
        dk = k;
        double z = s * s;
        i = hx - 0x6147a;
        double w = z * z;
        int j = 0x6b851 - hx;
        double t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
        double t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
        i |= j;
        r = t2 + t1;
        if (i > 0)
        {
            double hfsq = 0.5 * f * f;
            if (k == 0) return f - (hfsq - s * (hfsq + r));
            return dk * Ln2Hi - ((hfsq - (s * (hfsq + r) + dk * Ln2Lo)) - f);
        }
        if (k == 0) return f - s * (f - r);
        return dk * Ln2Hi - ((s * (f - r) - dk * Ln2Lo) - f);
    }

    private static double SetHighWord(double x, int hi)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        bits = ((long)hi << 32) | (bits & 0xffffffffL);
        return BitConverter.Int64BitsToDouble(bits);
    }

    // ---- Math.round ------------------------------------------------------------------------------

    /// <summary>JavaScript's <c>Math.round</c>: nearest integer, ties toward +∞, −0 kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Round(double x)
    {
        if (double.IsNaN(x) || double.IsInfinity(x)) return x;
        double r = Math.Ceiling(x);
        if (r - 0.5 > x) r -= 1.0;
        if (r == 0 && (x < 0 || double.IsNegative(x))) return -0.0;
        return r;
    }

    // ---- Number to string ------------------------------------------------------------------------

    /// <summary>A number as <c>JSON.stringify</c> writes it (non-finite → <c>null</c>, −0 → <c>0</c>).</summary>
    public static string NumberToJson(double d) => double.IsFinite(d) ? NumberToString(d) : "null";

    /// <summary>ECMAScript Number::toString(10): shortest round-trip digits, JS exponent rules.</summary>
    public static string NumberToString(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "Infinity";
        if (double.IsNegativeInfinity(d)) return "-Infinity";
        if (d == 0) return "0";
        if (d == Math.Floor(d) && Math.Abs(d) < 1e15) return ((long)d).ToString(CultureInfo.InvariantCulture);

        bool neg = d < 0;
        string r = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        int e = 0;
        int ePos = r.IndexOfAny(new[] { 'E', 'e' });
        string mant = r;
        if (ePos >= 0)
        {
            e = int.Parse(r.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mant = r[..ePos];
        }
        int dot = mant.IndexOf('.');
        string digits = dot >= 0 ? mant.Remove(dot, 1) : mant;
        int n = (dot >= 0 ? dot : mant.Length) + e;
        int lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0') lead++;
        digits = digits[lead..];
        n -= lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) return "0";
        int k = digits.Length;

        var sb = new StringBuilder(24);
        if (neg) sb.Append('-');
        if (k <= n && n <= 21)
        {
            sb.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            sb.Append(digits[0]);
            if (k > 1) sb.Append('.').Append(digits, 1, k - 1);
            int exp = n - 1;
            sb.Append('e').Append(exp >= 0 ? '+' : '-').Append(Math.Abs(exp).ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>
    /// <see cref="NumberToJson"/> as ASCII bytes into <paramref name="dest"/> (at least 32 bytes); returns
    /// the length. Fast path for the index's scores: a value that is exactly <c>k/1000</c> for an integer
    /// k (what <c>Math.round(x * 1000) / 1000</c> yields) with |value| &lt; 1e12 has the decimal k/1000 as
    /// its unique shortest round-trip form (its ULP is far below 0.001), so the digits of k with a point
    /// before the last three, trailing zeros dropped, are exactly what JS prints.
    /// </summary>
    [MethodImpl(Site.Core.HotLoop.Options)]
    public static int FormatJsonNumber(double d, Span<byte> dest)
    {
        if (d == 0 && !double.IsNaN(d)) { dest[0] = (byte)'0'; return 1; }
        if (Math.Abs(d) < 1e12)
        {
            double r = d * 1000;
            long k = (long)Math.Round(r);
            if ((double)k / 1000 == d && k != 0)
            {
                int p = 0;
                if (k < 0) { dest[p++] = (byte)'-'; k = -k; }
                long whole = k / 1000;
                int frac = (int)(k % 1000);
                if (whole < 10) dest[p++] = (byte)('0' + whole);
                else if (whole < 100) { dest[p++] = (byte)('0' + whole / 10); dest[p++] = (byte)('0' + whole % 10); }
                else
                {
                    System.Buffers.Text.Utf8Formatter.TryFormat(whole, dest[p..], out int w);
                    p += w;
                }
                if (frac != 0)
                {
                    dest[p++] = (byte)'.';
                    dest[p++] = (byte)('0' + frac / 100);
                    frac %= 100;
                    if (frac != 0)
                    {
                        dest[p++] = (byte)('0' + frac / 10);
                        frac %= 10;
                        if (frac != 0) dest[p++] = (byte)('0' + frac);
                    }
                }
                return p;
            }
        }
        var str = NumberToJson(d);
        for (int i = 0; i < str.Length; i++) dest[i] = (byte)str[i];
        return str.Length;
    }

    // ---- JSON.stringify strings ------------------------------------------------------------------

    /// <summary>Appends <paramref name="s"/> quoted exactly as <c>JSON.stringify</c> quotes it.</summary>
    public static void AppendJsonString(StringBuilder sb, string s)
    {
        sb.Append('"');
        int start = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            string? esc = null;
            if (c < 0x20 || c == '"' || c == '\\')
            {
                esc = c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\b' => "\\b",
                    '\f' => "\\f",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                };
            }
            else if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
                esc = "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture);
            }
            if (esc is null) continue;
            sb.Append(s, start, i - start).Append(esc);
            start = i + 1;
        }
        sb.Append(s, start, s.Length - start);
        sb.Append('"');
    }

    public static string JsonString(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        AppendJsonString(sb, s);
        return sb.ToString();
    }

    // ---- Object.keys order -----------------------------------------------------------------------

    /// <summary>True if <paramref name="key"/> is an array index (canonical uint32 below 2^32−1): JS lists those first.</summary>
    public static bool IsArrayIndex(string key)
    {
        if (key.Length == 0 || key.Length > 10) return false;
        if (key.Length > 1 && key[0] == '0') return false;
        foreach (char c in key) if (c is < '0' or > '9') return false;
        return ulong.Parse(key, CultureInfo.InvariantCulture) < 4294967295UL;
    }

    /// <summary>Keys in the order <c>Object.keys</c> returns them, given their insertion order.</summary>
    public static IEnumerable<string> ObjectKeyOrder(IEnumerable<string> insertionOrder)
    {
        var list = insertionOrder as IReadOnlyList<string> ?? insertionOrder.ToList();
        bool any = false;
        foreach (var k in list) if (IsArrayIndex(k)) { any = true; break; }
        if (!any) return list;
        return list.Where(IsArrayIndex).OrderBy(k => ulong.Parse(k, CultureInfo.InvariantCulture))
            .Concat(list.Where(k => !IsArrayIndex(k)));
    }
}
