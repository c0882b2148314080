using System.Text;

namespace Site.Render;

/// <summary>
/// The text writer a note's HTML is rendered into: one contiguous char buffer, kept per thread and reused note after
/// note, so rendering allocates nothing but the finished string (a StringWriter grows a chain of chunks per note,
/// often on the large-object heap: a note's HTML with KaTeX markup runs to hundreds of KB), and the text is scanned
/// and copied out once.
/// </summary>
public sealed class HtmlBuffer : TextWriter
{
    [ThreadStatic] private static HtmlBuffer? _perThread;

    private char[] _buffer;
    private int _length;

    private HtmlBuffer(int capacity) => _buffer = new char[capacity];

    /// <summary>This thread's buffer, emptied. Use it for one note at a time and take its text before the next.</summary>
    public static HtmlBuffer ForThread()
    {
        var b = _perThread ??= new HtmlBuffer(64 * 1024);
        b._length = 0;
        return b;
    }

    public override Encoding Encoding => Encoding.Unicode;

    /// <summary>What was written so far (valid until the next write).</summary>
    public ReadOnlySpan<char> Written => _buffer.AsSpan(0, _length);

    public override void Write(char value)
    {
        if (_length == _buffer.Length) Grow(1);
        _buffer[_length++] = value;
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        Write(value.AsSpan());
    }

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> value)
    {
        if (_length + value.Length > _buffer.Length) Grow(value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    public override void WriteLine() => Write(CoreNewLine);

    public override void WriteLine(string? value)
    {
        Write(value);
        WriteLine();
    }

    private void Grow(int more)
    {
        var next = new char[Math.Max(_buffer.Length * 2, _length + more)];
        _buffer.AsSpan(0, _length).CopyTo(next);
        _buffer = next;
    }

    /// <summary>Never closes: the buffer is reused by the thread's next note.</summary>
    protected override void Dispose(bool disposing) { }
}
