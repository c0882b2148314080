using System.Globalization;
using Site.Index;
using Xunit;

namespace Site.Tests.Index;

public class JsCompatTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-0.0, "0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1.234, "1.234")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(0.0000015, "0.0000015")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(1e21, "1e+21")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(42.0, "42")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    public void Numbers_format_like_javascript(double d, string expected) => Assert.Equal(expected, JsCompat.NumberToJson(d));

    [Fact]
    public void Non_finite_numbers_are_null_in_json()
    {
        Assert.Equal("null", JsCompat.NumberToJson(double.NaN));
        Assert.Equal("null", JsCompat.NumberToJson(double.PositiveInfinity));
    }

    [Theory]
    [InlineData(2.5, 3.0)]
    [InlineData(-2.5, -2.0)]
    [InlineData(0.49999999999999994, 0.0)]
    [InlineData(1234.5, 1235.0)]
    public void Round_is_javascript_math_round(double x, double expected) => Assert.Equal(expected, JsCompat.Round(x));

    [Fact]
    public void Round_keeps_negative_zero() => Assert.True(double.IsNegative(JsCompat.Round(-0.4)));

    [Fact]
    public void Json_strings_are_quoted_like_json_stringify()
    {
        Assert.Equal("\"a\\\"b\\\\c\\n\\u0001\\ud800张𠮷\"", JsCompat.JsonString("a\"b\\c\n\u0001\ud800张𠮷"));
    }

    [Fact]
    public void Object_key_order_puts_array_indexes_first()
    {
        Assert.Equal(new[] { "2", "10", "4294967294", "b", "01", "4294967295", "a" },
            JsCompat.ObjectKeyOrder(new[] { "b", "10", "01", "4294967295", "2", "a", "4294967294" }).ToArray());
    }

    /// <summary>Math.log, Math.round and Number#toString against node on 20k numbers.</summary>
    [NodeFact]
    public void Agrees_with_node_on_many_numbers()
    {
        IndexTestSupport.RequireNode();
        var rng = new Random(12345);
        var xs = new List<double>();
        for (int i = 0; i < 5000; i++) xs.Add(BitConverter.Int64BitsToDouble(rng.NextInt64()));
        for (int i = 0; i < 5000; i++) xs.Add(Math.Round(rng.NextDouble() * 40, 3));
        for (int i = 0; i < 5000; i++) xs.Add(1 + rng.NextDouble() * 1000);
        for (int i = 0; i < 5000; i++) xs.Add(rng.NextDouble() * Math.Pow(10, rng.Next(-30, 30)));
        xs.AddRange(new[] { 1.0, 2.0, 0.5, 1e-300, 4.9e-324, 1e300, double.Epsilon, 1 + 1e-16 });
        var input = string.Join("\n", xs.Select(x => BitConverter.DoubleToInt64Bits(x).ToString(CultureInfo.InvariantCulture)));
        const string script = @"
const lines = require('fs').readFileSync(0, 'utf8').split('\n');
const b = new BigInt64Array(1); const f = new Float64Array(b.buffer);
const bits = (x) => { f[0] = x; return b[0].toString(); };
const out = [];
for (const l of lines) { b[0] = BigInt(l); const x = f[0];
  out.push([String(x), bits(Math.log(x)), bits(Math.round(x * 1000) / 1000)].join(' ')); }
process.stdout.write(out.join('\n'));";
        var r = IndexTestSupport.RunNode(new[] { "-e", script }, input);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var js = r.Stdout.Split('\n');
        Assert.Equal(xs.Count, js.Length);
        var bad = new List<string>();
        for (int i = 0; i < xs.Count; i++)
        {
            var x = xs[i];
            var mine = string.Join(' ', JsCompat.NumberToString(x),
                BitConverter.DoubleToInt64Bits(JsCompat.Log(x)).ToString(CultureInfo.InvariantCulture),
                BitConverter.DoubleToInt64Bits(JsCompat.Round(x * 1000) / 1000).ToString(CultureInfo.InvariantCulture));
            if (mine != js[i]) bad.Add($"{x:R}: c# {mine} js {js[i]}");
        }
        Assert.True(bad.Count == 0, $"{bad.Count} differences, e.g.\n" + string.Join("\n", bad.Take(10)));
    }
}
