using System.Text;
using System.Text.RegularExpressions;

namespace Site.Emit;

/// <summary>
/// A Razor component's output with its per-page values cut out: literal UTF-8 segments between
/// numbered holes. Made by rendering the component once with placeholder values (<see cref="Marker"/>)
/// and splitting the HTML at the placeholders; filled by writing the literals and, for each hole, the
/// page's value (encoded, raw, or a list of items that are shells themselves).
/// </summary>
public sealed partial class Shell
{
    private readonly byte[][] _literals; // _holes.Length + 1 of them
    private readonly int[] _holes;

    private Shell(byte[][] literals, int[] holes) { _literals = literals; _holes = holes; }

    /// <summary>The placeholder for hole <paramref name="n"/>: plain ASCII, so the HTML encoder leaves it alone.</summary>
    public static string Marker(int n) => "zQ" + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + "Qz";

    [GeneratedRegex(@"zQ(\d+)Qz", RegexOptions.CultureInvariant)]
    private static partial Regex MarkerPattern();

    /// <summary>
    /// Splits <paramref name="html"/> at its markers. Each of <paramref name="lists"/> is the output of one
    /// list item rendered on its own (with its own markers) that occurs exactly once in the HTML; it is
    /// replaced by its list's hole, where the fill writes all items.
    /// </summary>
    public static Shell Parse(string html, params (string ItemHtml, int Hole)[] lists) => Parse(false, html, lists);

    /// <param name="compact">Collapse whitespace that contains a line break to one "\n" in the template's own
    /// markup (the indentation of the .razor files). Values filled into holes are never touched, nor are
    /// literals with &lt;pre&gt; or &lt;textarea&gt;. Renders the same: such whitespace between tags is one space at most.</param>
    public static Shell Parse(bool compact, string html, params (string ItemHtml, int Hole)[] lists)
    {
        foreach (var (item, hole) in lists)
        {
            var at = html.IndexOf(item, StringComparison.Ordinal);
            if (at < 0 || html.IndexOf(item, at + 1, StringComparison.Ordinal) >= 0)
                throw new InvalidOperationException($"template: list item for hole {hole} not found exactly once (does the loop print one item component per element?)");
            html = string.Concat(html.AsSpan(0, at), Marker(hole), html.AsSpan(at + item.Length));
        }
        var literals = new List<byte[]>();
        var holes = new List<int>();
        int pos = 0;
        foreach (Match m in MarkerPattern().Matches(html))
        {
            literals.Add(Encoding.UTF8.GetBytes(Compact(html[pos..m.Index], compact)));
            holes.Add(int.Parse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture));
            pos = m.Index + m.Length;
        }
        literals.Add(Encoding.UTF8.GetBytes(Compact(html[pos..], compact)));
        return new Shell(literals.ToArray(), holes.ToArray());
    }

    public IReadOnlyList<int> Holes => _holes;

    [GeneratedRegex(@"[ \t\r\n]*\n[ \t\r\n]*", RegexOptions.CultureInvariant)]
    private static partial Regex LineBreakSpace();

    /// <summary>What <paramref name="compact"/> does to template markup (tests apply it to compare).</summary>
    public static string Compact(string markup, bool compact = true) =>
        !compact || markup.Contains("<pre", StringComparison.OrdinalIgnoreCase) || markup.Contains("<textarea", StringComparison.OrdinalIgnoreCase)
            ? markup : LineBreakSpace().Replace(markup, "\n");

    /// <summary>Writes the shell, calling <paramref name="hole"/> for each hole (a static lambda: no allocation).</summary>
    public void Write<T>(PageBuffer b, T state, Action<PageBuffer, T, int> hole)
    {
        var lits = _literals;
        var holes = _holes;
        for (int i = 0; i < holes.Length; i++)
        {
            b.Literal(lits[i]);
            hole(b, state, holes[i]);
        }
        b.Literal(lits[^1]);
    }
}
