using System.Text;
using System.Text.Encodings.Web;

namespace Site.Emit;

/// <summary>
/// A growable UTF-8 buffer one page is assembled in before it is written with one syscall. One per
/// worker thread (<see cref="ForThread"/>), reused page after page, so emitting allocates no page strings.
/// </summary>
public sealed class PageBuffer
{
    /// <summary>The encoder Blazor's HtmlRenderer is given (<see cref="RazorPages"/>): CJK stays text;
    /// &amp; &lt; &gt; " ' + and characters outside the allowed ranges become character references.</summary>
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    internal static readonly UTF8Encoding Utf8 = new(false);
    [ThreadStatic] private static PageBuffer? _forThread;

    private byte[] _buf = new byte[64 * 1024];
    private int _len;

    /// <summary>This thread's buffer, emptied.</summary>
    public static PageBuffer ForThread()
    {
        var b = _forThread ??= new PageBuffer();
        b._len = 0;
        return b;
    }

    public int Length => _len;
    public ReadOnlySpan<byte> Span => _buf.AsSpan(0, _len);
    public void Clear() => _len = 0;

    private void Ensure(int more)
    {
        if (_len + more <= _buf.Length) return;
        var next = new byte[Math.Max(_buf.Length * 2, _len + more)];
        _buf.AsSpan(0, _len).CopyTo(next);
        _buf = next;
        // A buffer grown for one huge page is dropped rather than kept for the rest of the build.
    }

    public void Literal(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buf.AsSpan(_len));
        _len += bytes.Length;
    }

    public void Literal(byte[] bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buf, _len);
        _len += bytes.Length;
    }

    /// <summary>Markup written as is (rendered note HTML, prebuilt fragments).</summary>
    public void Raw(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return;
        Ensure(Utf8.GetMaxByteCount(s.Length));
        _len += Utf8.GetBytes(s, _buf.AsSpan(_len));
    }

    /// <summary>Text or attribute value, HTML-encoded exactly as Blazor encodes it (same encoder).</summary>
    public void Text(string? s)
    {
        if (string.IsNullOrEmpty(s)) return;
        // The same string object again (a page's description printed three times, the note's title and
        // href on each of its share pages): copy the bytes encoded last time.
        var keys = _keys;
        for (int k = 0; k < keys.Length; k++)
            if (ReferenceEquals(keys[k], s)) { Literal(_arena.AsSpan(_spans[k].Off, _spans[k].Len)); return; }
        var from = _len;
        Raw(Encoder.Encode(s)); // returns s itself when nothing needs encoding
        var n = _len - from;
        if (n > 2048) return;
        if (_arenaLen + n > _arena.Length) { _arenaLen = 0; Array.Clear(keys); }
        _buf.AsSpan(from, n).CopyTo(_arena.AsSpan(_arenaLen));
        keys[_next] = s;
        _spans[_next] = (_arenaLen, n);
        _arenaLen += n;
        _next = (_next + 1) % keys.Length;
    }

    // Strings recently written with Text (by reference; strings are immutable) and their encoded bytes in _arena.
    private readonly string?[] _keys = new string?[32];
    private readonly (int Off, int Len)[] _spans = new (int, int)[32];
    private readonly byte[] _arena = new byte[32 * 1024];
    private int _arenaLen, _next;

    /// <summary>Keeps the buffer only while it is of normal size (a huge page's buffer is released).</summary>
    public void Trim()
    {
        if (_buf.Length > 4 * 1024 * 1024) _buf = new byte[64 * 1024];
        _len = 0;
    }
}
