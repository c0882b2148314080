using System.Text;

namespace Site.Core;

/// <summary>
/// The frame every binary cache file shares: a magic string, a fingerprint of what the contents depend
/// on, the contents, an "end" mark and a <see cref="ContentHash"/> of everything before it; written to a temporary file and
/// renamed into place, so a reader never sees half a file and a killed build leaves the previous cache.
/// A reader checks the checksum first (<see cref="TryVerify"/>): a truncated, zeroed or bit-flipped file is
/// ignored as a whole. Caches are accelerators only: a failed write is swallowed (the next build just does the work).
/// </summary>
public static class CacheFile
{
    public const string EndMark = "end";
    /// <summary>Bytes of the checksum that ends every cache file.</summary>
    public const int ChecksumLength = ContentHash.Size;

    /// <summary>Writes <paramref name="path"/> atomically; false when it could not be written.</summary>
    public static bool Write(string path, string magic, string fingerprint, Action<BinaryWriter> contents)
    {
        if (WritePending(path, magic, fingerprint, contents) is not { } pending) return false;
        try { pending.Publish(); return true; }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { pending.Discard(); return false; }
    }

    /// <summary>Writes the whole file to a temporary name beside <paramref name="path"/>, to be published (renamed
    /// into place) or discarded later; null when it could not be written.</summary>
    public static AtomicFile.Pending? WritePending(string path, string magic, string fingerprint, Action<BinaryWriter> contents)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            return AtomicFile.WritePending(path, stream =>
            {
                var hash = new ContentHash.Builder();
                using (var w = new BinaryWriter(new HashingStream(stream, hash), Encoding.UTF8, leaveOpen: true))
                {
                    w.Write(magic);
                    w.Write(fingerprint);
                    contents(w);
                    w.Write(EndMark);
                }
                Span<byte> sum = stackalloc byte[ChecksumLength];
                hash.Finish().WriteTo(sum);
                stream.Write(sum);
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>The contents of a cache file without its checksum; false when the checksum does not match (damaged or foreign file).</summary>
    public static bool TryVerify(ReadOnlyMemory<byte> file, out ReadOnlyMemory<byte> payload)
    {
        payload = default;
        if (file.Length < ChecksumLength) return false;
        var body = file[..^ChecksumLength];
        if (ContentHash.Of(body.Span) != ContentHash.Read(file.Span[^ChecksumLength..])) return false;
        payload = body;
        return true;
    }

    /// <summary>Passes writes through to the file and into the checksum.</summary>
    private sealed class HashingStream(Stream inner, ContentHash.Builder hash) : Stream
    {
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer) { hash.Append(buffer); inner.Write(buffer); }
        public override void WriteByte(byte value) => Write([value]);
        public override void Flush() => inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
