using System.Security.Cryptography;
using System.Text;

namespace Site.Normalize;

/// <summary>
/// Short ASCII ids for share pages (/s/{id}.html). They depend only on the note key (permalink or source
/// path), the section's clean title path from the note root and its ordinal among same-titled siblings,
/// so adding, removing or reordering other sections never changes them.
/// </summary>
public static class ShareIds
{
    public const int Length = 10;
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lowercase

    public static string Compute(string noteKey, IEnumerable<string> titlePath, int ordinal)
    {
        var input = noteKey + "\u001f" + string.Join("\u001e", titlePath) + "\u001f" + ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // SHA-256 (these ids are URLs: the hash never changes), through one reused hasher per thread (a one-shot
        // hash sets up an OpenSSL context per call: ~17,000 of them at 1,000 notes).
        var sha = _sha ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(input));
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        sha.GetHashAndReset(hash);
        ulong bits = 0;
        for (int i = 0; i < 8; i++) bits = bits << 8 | hash[i];
        Span<char> id = stackalloc char[Length];
        for (int i = 0; i < Length; i++) { id[i] = Alphabet[(int)(bits >> 59)]; bits <<= 5; }
        return new string(id);
    }

    [ThreadStatic] private static IncrementalHash? _sha;
}
