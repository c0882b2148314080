using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Site.Core;

/// <summary>The first 128 bits of a file's SHA-256: what the output manifest compares to decide "same bytes".</summary>
public readonly record struct ContentHash(ulong A, ulong B)
{
    public static ContentHash Of(ReadOnlySpan<byte> bytes)
    {
        Span<byte> sum = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, sum);
        return new ContentHash(BinaryPrimitives.ReadUInt64LittleEndian(sum), BinaryPrimitives.ReadUInt64LittleEndian(sum[8..]));
    }

    /// <summary>From a SHA-256 in hex (<see cref="CacheFile.Checksum"/>); null when it is not one.</summary>
    public static ContentHash? FromHex(string hex)
    {
        if (hex.Length != 2 * SHA256.HashSizeInBytes) return null;
        Span<byte> sum = stackalloc byte[16];
        try { Convert.FromHexString(hex.AsSpan(0, 32), sum, out _, out var n); if (n != 16) return null; }
        catch (FormatException) { return null; }
        return new ContentHash(BinaryPrimitives.ReadUInt64LittleEndian(sum), BinaryPrimitives.ReadUInt64LittleEndian(sum[8..]));
    }
}
