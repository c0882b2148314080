using System.IO.Compression;

namespace Site.Index;

/// <summary>
/// gzip for the search files stored compressed (<c>*.gz</c> under <c>search/</c>): the browser inflates
/// them with <c>DecompressionStream('gzip')</c>, so a host sends them as they are (a host that gzips
/// again gains nothing; the bytes on disk are the bytes transferred). The output is a pure function of
/// the input (the .NET gzip header carries no time stamp), so cached and uncached builds match.
/// </summary>
public static class GzipBytes
{
    /// <summary>
    /// zlib(-ng) level 3. Measured on the search files of 1,000 real-size notes (36.5 MB of JSON and blobs, best
    /// of 5, CPU): level 6 607 ms → 13.82 MB, 5 534 ms → 13.82 MB, 4 524 ms → 13.89 MB, 3 448 ms → 13.97 MB
    /// (+1.1 %), 2 386 ms → 14.25 MB (+3.1 %), 1 → 18.8 MB. Level 3 saves a quarter of the compression CPU
    /// for 1 % more bytes; the byte budgets (README, Search) hold.
    /// </summary>
    internal const int Level = 3;

    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        // One growing stream per thread, reused (a stream per file grew by doubling: ~3x the result in garbage).
        var ms = _stream ??= new MemoryStream();
        ms.SetLength(0);
        using (var gz = new GZipStream(ms, new ZLibCompressionOptions { CompressionLevel = Level }, leaveOpen: true)) gz.Write(data);
        var result = ms.ToArray();
        if (ms.Capacity > 8 << 20) _stream = null; // do not keep a huge one alive
        return result;
    }

    [ThreadStatic] private static MemoryStream? _stream;

    public static byte[] Decompress(ReadOnlySpan<byte> data)
    {
        using var gz = new GZipStream(new MemoryStream(data.ToArray()), CompressionMode.Decompress);
        var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }
}
