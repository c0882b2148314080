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

    /// <summary>True when bytes go to a stream or buffer writer (<see cref="WrittenSpan"/> is just the unflushed tail).</summary>
    public bool Streaming => _stream != null || _writer != null;

    /// <summary>Empties an in-memory buffer for reuse.</summary>
    public void Reset() => _pos = 0;

    /// <summary>Appends the bytes of an in-memory <paramref name="part"/>; a streaming output writes them straight through.</summary>
    public void Part(JsonOut part)
    {
        var bytes = part.WrittenSpan;
        if (_stream != null) { Flush(); _stream.Write(bytes); }
        else if (_writer != null) { Flush(); _writer.Write(bytes); }
        else Raw(bytes);
    }

    /// <summary>The bytes written so far (in-memory mode only; streaming mode holds just the unflushed tail).</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buf.AsSpan(0, _pos);
    public ReadOnlyMemory<byte> WrittenMemory => _buf.AsMemory(0, _pos);

    /// <summary>In-memory mode: makes room for <paramref name="bytes"/> more now (one allocation instead of repeated doubling).</summary>
    public void Reserve(long bytes)
    {
        if (_stream != null || _writer != null) return;
        if (_pos + bytes > _buf.Length && _pos + bytes <= Array.MaxLength) Ensure((int)bytes);
    }

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
        var n = GC.AllocateUninitializedArray<byte>((int)Math.Min(Array.MaxLength, Math.Max(_buf.Length * 2L, _pos + (long)more)));
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Int(long v)
    {
        if ((ulong)v < 100_000)
        {
            if (_pos + 5 > _buf.Length) Ensure(5);
            var b = _buf;
            int p = _pos;
            uint u = (uint)v;
            int digits = u < 10 ? 1 : u < 100 ? 2 : u < 1000 ? 3 : u < 10000 ? 4 : 5;
            for (int k = p + digits - 1; k >= p; k--) { b[k] = (byte)('0' + u % 10); u /= 10; }
            _pos = p + digits;
            return;
        }
        if (_pos + 20 > _buf.Length) Ensure(20);
        Utf8Formatter.TryFormat(v, _buf.AsSpan(_pos), out int w);
        _pos += w;
    }

    /// <summary>A number as <c>JSON.stringify</c> writes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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

    /// <summary>ASCII characters <c>JSON.stringify</c> escapes: controls, quote, backslash.</summary>
    private static readonly SearchValues<char> AsciiSpecial = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\"\\");

    /// <summary>The escaped content of a JSON string, without the quotes (lone surrogates as \uXXXX).</summary>
    [MethodImpl(Site.Core.HotLoop.Options)]
    public void StringBody(ReadOnlySpan<char> s)
    {
        // next ASCII special and next surrogate, each searched (vectorized) again only once passed
        int nextAscii = s.IndexOfAny(AsciiSpecial);
        int nextSur = s.IndexOfAnyInRange('\ud800', '\udfff');
        int done = 0; // chars of s already written
        while (true)
        {
            if (nextAscii < 0) nextAscii = int.MaxValue;
            if (nextSur < 0) nextSur = int.MaxValue;
            int k = Math.Min(nextAscii, nextSur);
            if (k == int.MaxValue) { Utf8(s[done..]); return; }
            char c = s[k];
            if (k == nextSur)
            {
                if (char.IsHighSurrogate(c) && k + 1 < s.Length && char.IsLowSurrogate(s[k + 1]))
                {
                    // a valid pair stays as it is
                    nextSur = k + 2 < s.Length ? IndexFrom(s, k + 2, surrogate: true) : -1;
                    continue;
                }
                nextSur = k + 1 < s.Length ? IndexFrom(s, k + 1, surrogate: true) : -1;
            }
            else nextAscii = k + 1 < s.Length ? IndexFrom(s, k + 1, surrogate: false) : -1;
            Utf8(s[done..k]);
            done = k + 1;
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
        }
    }

    private static int IndexFrom(ReadOnlySpan<char> s, int from, bool surrogate)
    {
        int i = surrogate ? s[from..].IndexOfAnyInRange('\ud800', '\udfff') : s[from..].IndexOfAny(AsciiSpecial);
        return i < 0 ? -1 : from + i;
    }

    /// <summary>Well-formed UTF-16 (no lone surrogates) as UTF-8.</summary>
    [MethodImpl(Site.Core.HotLoop.Options)]
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
