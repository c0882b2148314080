using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;

namespace Site.Index;

/// <summary>
/// A minimal UTF-8 JSON output buffer for the search files: raw bytes, integers, JavaScript numbers
/// (<see cref="JsCompat.NumberToJson"/>) and strings quoted exactly like <c>JSON.stringify</c>
/// (<see cref="JsCompat.AppendJsonString"/>). Bytes go to a growable array, or, when constructed with a
/// <see cref="Stream"/>, are flushed to it in blocks (so a large index never exists whole in memory).
/// </summary>
public sealed class JsonOut : IDisposable
{
    private byte[] _buf;
    private int _pos;
    private readonly Stream? _stream;
    private readonly IBufferWriter<byte>? _writer;
    private bool _pooled;

    /// <summary>Collects everything in memory (<see cref="WrittenSpan"/>).</summary>
    public JsonOut(int capacity = 1 << 16)
    {
        _pooled = capacity <= 1 << 20;
        _buf = _pooled ? ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256)) : GC.AllocateUninitializedArray<byte>(capacity);
    }

    /// <summary>Flushes to <paramref name="stream"/> every 64 KB and on <see cref="Flush"/>.</summary>
    public JsonOut(Stream stream) : this(1 << 16) => _stream = stream;

    /// <summary>Flushes to <paramref name="writer"/> every 64 KB and on <see cref="Flush"/>.</summary>
    public JsonOut(IBufferWriter<byte> writer) : this(1 << 16) => _writer = writer;

    /// <summary>The bytes written so far (in-memory mode only; streaming mode holds just the unflushed tail).</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buf.AsSpan(0, _pos);

    public void Flush()
    {
        if (_pos == 0) return;
        if (_stream != null) { _stream.Write(_buf, 0, _pos); _pos = 0; }
        else if (_writer != null) { _writer.Write(_buf.AsSpan(0, _pos)); _pos = 0; }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Ensure(int more)
    {
        if (_pos + more <= _buf.Length) return;
        if (_stream != null || _writer != null)
        {
            Flush();
            if (more <= _buf.Length) return;
        }
        // grown buffers are not pooled: the pool would keep a multi-megabyte array alive after the build
        var n = GC.AllocateUninitializedArray<byte>(Math.Max(_buf.Length * 2, _pos + more));
        _buf.AsSpan(0, _pos).CopyTo(n);
        if (_pooled) ArrayPool<byte>.Shared.Return(_buf);
        _buf = n;
        _pooled = false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Byte(byte b)
    {
        if (_pos >= _buf.Length) Ensure(1);
        _buf[_pos++] = b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Raw(ReadOnlySpan<byte> bytes)
    {
        if (_pos + bytes.Length > _buf.Length) Ensure(bytes.Length);
        bytes.CopyTo(_buf.AsSpan(_pos));
        _pos += bytes.Length;
    }

    public void Int(long v)
    {
        if (_pos + 20 > _buf.Length) Ensure(20);
        Utf8Formatter.TryFormat(v, _buf.AsSpan(_pos), out int w);
        _pos += w;
    }

    /// <summary>A number as <c>JSON.stringify</c> writes it.</summary>
    public void Number(double d)
    {
        if (_pos + 32 > _buf.Length) Ensure(32);
        _pos += JsCompat.FormatJsonNumber(d, _buf.AsSpan(_pos));
    }

    /// <summary><paramref name="s"/> quoted like <c>JSON.stringify</c>.</summary>
    public void String(ReadOnlySpan<char> s)
    {
        Byte((byte)'"');
        StringBody(s);
        Byte((byte)'"');
    }

    /// <summary>The escaped content of a JSON string, without the quotes.</summary>
    public void StringBody(ReadOnlySpan<char> s)
    {
        int start = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c >= 0x20 && c != '"' && c != '\\' && !char.IsSurrogate(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
            Utf8(s[start..i]);
            switch (c)
            {
                case '"': Raw("\\\""u8); break;
                case '\\': Raw("\\\\"u8); break;
                case '\b': Raw("\\b"u8); break;
                case '\f': Raw("\\f"u8); break;
                case '\n': Raw("\\n"u8); break;
                case '\r': Raw("\\r"u8); break;
                case '\t': Raw("\\t"u8); break;
                default:
                    Raw("\\u"u8);
                    if (_pos + 4 > _buf.Length) Ensure(4);
                    Utf8Formatter.TryFormat((int)c, _buf.AsSpan(_pos), out _, new StandardFormat('x', 4));
                    _pos += 4;
                    break;
            }
            start = i + 1;
        }
        Utf8(s[start..]);
    }

    /// <summary>Well-formed UTF-16 (no lone surrogates) as UTF-8.</summary>
    private void Utf8(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return;
        int max = s.Length * 3;
        if (_pos + max > _buf.Length)
        {
            if (_stream != null || _writer != null)
            {
                Flush();
                if (max > _buf.Length)
                {
                    // one huge string: encode in slices that do not split a surrogate pair
                    while (!s.IsEmpty)
                    {
                        int take = Math.Min(s.Length, _buf.Length / 3);
                        if (take < s.Length && char.IsHighSurrogate(s[take - 1])) take--;
                        Utf8(s[..take]);
                        s = s[take..];
                    }
                    return;
                }
            }
            else Ensure(max);
        }
        _pos += Encoding.UTF8.GetBytes(s, _buf.AsSpan(_pos));
    }

    public void Dispose()
    {
        Flush();
        if (_pooled) ArrayPool<byte>.Shared.Return(_buf);
        _buf = Array.Empty<byte>();
        _pooled = false;
        _pos = 0;
    }
}
