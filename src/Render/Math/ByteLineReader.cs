namespace Site.Render.Mathematics;

/// <summary>
/// Newline-terminated lines (and blocks of a known length) of a stream as UTF-8 bytes, read into one growing buffer. The KaTeX server answers a batch
/// in one line of a few megabytes: read as a string, each answer was decoded to UTF-16 and encoded back for the JSON
/// parser (~36 MB of strings at 1,000 notes); as bytes it goes to the parser as it came.
/// </summary>
internal sealed class ByteLineReader(Stream stream)
{
    private byte[] _buffer = new byte[1 << 16];
    private int _start, _end; // the unread bytes are _buffer[_start.._end)

    /// <summary>The next line without its line end (\n or \r\n), valid until the next call; null at the end of the
    /// stream (a last line without a line end is returned first). Blocks on the stream; its exceptions pass through.</summary>
    public ReadOnlyMemory<byte>? ReadLine()
    {
        int scanned = _start;
        while (true)
        {
            int nl = _buffer.AsSpan(scanned, _end - scanned).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                int lineEnd = scanned + nl;
                var line = _buffer.AsMemory(_start, lineEnd - _start);
                _start = lineEnd + 1;
                return line.Length > 0 && line.Span[^1] == (byte)'\r' ? line[..^1] : line;
            }
            Shift();
            scanned = _end;
            if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            int n = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0)
            {
                if (_end == _start) return null;
                var last = _buffer.AsMemory(_start, _end - _start);
                _start = _end;
                return last;
            }
            _end += n;
        }
    }

    /// <summary>The next <paramref name="count"/> bytes, valid until the next call; null when the stream ends first.
    /// Blocks on the stream; its exceptions pass through.</summary>
    public ReadOnlyMemory<byte>? ReadExactly(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_end - _start < count)
        {
            Shift();
            if (_buffer.Length < count) Array.Resize(ref _buffer, Math.Max(count, _buffer.Length * 2));
            while (_end < count)
            {
                int n = stream.Read(_buffer, _end, _buffer.Length - _end);
                if (n == 0) return null;
                _end += n;
            }
        }
        var block = _buffer.AsMemory(_start, count);
        _start += count;
        return block;
    }

    /// <summary>Moves the unread bytes to the start of the buffer.</summary>
    private void Shift()
    {
        if (_start == 0) return;
        _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
        _end -= _start;
        _start = 0;
    }
}
