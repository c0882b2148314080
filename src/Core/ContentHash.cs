using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Site.Core;

/// <summary>
/// The generator's one content hash: 128-bit XXH3 (<see cref="XxHash128"/>). It decides "same bytes" for the output
/// manifest, keys and checks the caches (notes, search tokens, products, cache-file checksums). None of these guard
/// against an attacker — they catch edits and damage — so a fast non-cryptographic hash serves: SHA-256 was ~0.4 s of
/// CPU in a cold build of 1,000 notes (≈350 MB hashed), XXH3 is an order of magnitude faster. Whatever must never
/// change (share ids, which are URLs) keeps its own SHA-256.
/// </summary>
public readonly record struct ContentHash(ulong A, ulong B)
{
    /// <summary>Bytes of a hash (<see cref="WriteTo"/>); its hex form has twice as many characters.</summary>
    public const int Size = 16;

    public static ContentHash Of(ReadOnlySpan<byte> bytes)
    {
        Span<byte> h = stackalloc byte[Size];
        XxHash128.Hash(bytes, h);
        return FromCanonical(h);
    }

    /// <summary>The hash of a string's UTF-16 code units (what the caches key notes by: no transcoding).</summary>
    public static ContentHash Of(ReadOnlySpan<char> text) => Of(MemoryMarshal.AsBytes(text));

    /// <summary>From XXH128's canonical (big-endian) bytes. Not through UInt128: code using it is not precompiled
    /// (ReadyToRun leaves Int128/UInt128 to the JIT), and this runs for every file and cache entry.</summary>
    private static ContentHash FromCanonical(ReadOnlySpan<byte> h) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(h), BinaryPrimitives.ReadUInt64BigEndian(h[8..]));

    /// <summary>The 16 bytes, A then B, little-endian.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, A);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], B);
    }

    public static ContentHash Read(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt64LittleEndian(source), BinaryPrimitives.ReadUInt64LittleEndian(source[8..]));

    /// <summary>32 upper-case hex digits.</summary>
    public string ToHex()
    {
        Span<byte> b = stackalloc byte[Size];
        WriteTo(b);
        return Convert.ToHexString(b);
    }

    /// <summary>From <see cref="ToHex"/>'s form; null when it is not one.</summary>
    public static ContentHash? FromHex(string hex)
    {
        if (hex.Length != 2 * Size) return null;
        Span<byte> b = stackalloc byte[Size];
        if (Convert.FromHexString(hex, b, out _, out var n) != System.Buffers.OperationStatus.Done || n != Size) return null;
        return Read(b);
    }

    /// <summary>A hash fed piece by piece (the same result as <see cref="Of(ReadOnlySpan{byte})"/> over the pieces joined).</summary>
    public sealed class Builder
    {
        private readonly XxHash128 _hash = new();

        public Builder Append(ReadOnlySpan<byte> bytes) { _hash.Append(bytes); return this; }

        public Builder Append(ReadOnlySpan<char> text) => Append(MemoryMarshal.AsBytes(text));

        /// <summary>The hash of everything appended since the last call; the builder starts over.</summary>
        public ContentHash Finish()
        {
            Span<byte> h = stackalloc byte[Size];
            _hash.GetCurrentHash(h);
            _hash.Reset();
            return FromCanonical(h);
        }
    }
}
