using System.Text;

namespace Site.Read;

/// <summary>Result of decoding a note file's bytes; <paramref name="ProblemLine"/> is the 1-based line of the first byte that was not UTF-8 (0: none).</summary>
public sealed record DecodedText(string Text, string EncodingName, string? Problem, bool IsBinary, int ProblemLine = 0);

/// <summary>
/// Decodes note bytes: BOM-marked UTF-8/UTF-16/UTF-32, else strict UTF-8, else GB18030 (common for
/// Chinese text saved on Windows) when its double-byte pairs read as common Chinese (GB2312 range),
/// else Windows-1252 (Latin-1) when the non-ASCII bytes look like accented letters in Latin words, with a
/// warning naming the line, else UTF-8 with replacement characters and a warning. Never silently wrong.
/// Line endings are normalized to LF.
/// </summary>
public static class TextDecoder
{
    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static DecodedText Decode(byte[] bytes)
    {
        ReadOnlySpan<byte> b = bytes;
        if (b.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF })) return Done(Utf8(b[3..], out var p), "utf-8-bom", p);
        if (b.StartsWith(new byte[] { 0xFF, 0xFE, 0, 0 })) return Done(new UTF32Encoding(false, false).GetString(b[4..]), "utf-32le", null);
        if (b.StartsWith(new byte[] { 0xFF, 0xFE })) return Done(Encoding.Unicode.GetString(b[2..]), "utf-16le", null);
        if (b.StartsWith(new byte[] { 0xFE, 0xFF })) return Done(Encoding.BigEndianUnicode.GetString(b[2..]), "utf-16be", null);

        if (LooksBinary(b)) return new DecodedText("", "binary", "binary file (contains NUL bytes), not a text note", true);

        try { return Done(StrictUtf8.GetString(b), "utf-8", null); }
        catch (DecoderFallbackException) { }

        // Not UTF-8: GB18030 decodes almost any byte sequence, so only accept it when the result reads as Chinese text.
        var bad = FirstInvalidUtf8(b);
        var line = b[..bad].Count((byte)'\n') + 1;
        var gb = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);
        var text = gb.GetString(b);
        if (LooksLikeChinese(text) && PairsLookLikeGb2312(b)) return Done(text, "gb18030", null);

        if (LooksLikeLatin1(b))
            return Done(Encoding.GetEncoding(1252).GetString(b), "windows-1252", "invalid UTF-8: read as Windows-1252 (Latin-1); check the accented letters and save the file as UTF-8", line);

        var lossy = Utf8(b, out var problem);
        return Done(lossy, "utf-8", problem ?? "invalid UTF-8: undecodable bytes were replaced with U+FFFD", line);
    }

    /// <summary>Byte offset of the first byte that does not start a valid UTF-8 sequence.</summary>
    private static int FirstInvalidUtf8(ReadOnlySpan<byte> b)
    {
        int i = 0;
        while (i < b.Length)
        {
            if (Rune.DecodeFromUtf8(b[i..], out _, out var n) != System.Buffers.OperationStatus.Done) return i;
            i += n;
        }
        return b.Length;
    }

    /// <summary>
    /// Chinese text saved as GB18030/GBK is almost all GB2312 pairs (lead A1–F7, trail A1–FE). Latin-1 text read
    /// as GB18030 pairs an accented letter with the ASCII letter after it (trail below 0x80): "résumé" → "r閟um".
    /// </summary>
    private static bool PairsLookLikeGb2312(ReadOnlySpan<byte> b)
    {
        int gb2312 = 0, other = 0;
        for (int i = 0; i < b.Length; i++)
        {
            if (b[i] < 0x81) continue;
            if (i + 1 >= b.Length) { other++; break; }
            var t = b[i + 1];
            if (b[i] is >= 0xA1 and <= 0xF7 && t is >= 0xA1 and <= 0xFE) gb2312++;
            else other++;
            i += t is >= 0x30 and <= 0x39 ? 3 : 1; // a four-byte GB18030 sequence, or a pair
        }
        return gb2312 > 0 && other * 10 <= gb2312;
    }

    /// <summary>
    /// Windows-1252 text: no byte Windows-1252 leaves undefined, and non-ASCII bytes come alone or in pairs
    /// (an accented letter or a curly quote inside Latin words), not in the long runs of CJK or binary data.
    /// </summary>
    private static bool LooksLikeLatin1(ReadOnlySpan<byte> b)
    {
        int run = 0;
        foreach (var x in b)
        {
            if (x is 0x81 or 0x8D or 0x8F or 0x90 or 0x9D) return false;
            run = x >= 0x80 ? run + 1 : 0;
            if (run > 2) return false;
        }
        return true;
    }

    private static string Utf8(ReadOnlySpan<byte> b, out string? problem)
    {
        try { problem = null; return StrictUtf8.GetString(b); }
        catch (DecoderFallbackException)
        {
            problem = "invalid UTF-8: undecodable bytes were replaced with U+FFFD";
            return Encoding.UTF8.GetString(b);
        }
    }

    private static DecodedText Done(string text, string enc, string? problem, int line = 0) =>
        new(NormalizeNewlines(text), enc, problem, false, problem is null ? 0 : line);

    public static string NormalizeNewlines(string s) =>
        s.Contains('\r') ? s.Replace("\r\n", "\n").Replace('\r', '\n') : s;

    private static bool LooksBinary(ReadOnlySpan<byte> b)
    {
        return b[..Math.Min(b.Length, 8192)].IndexOf((byte)0) >= 0; // vectorized
    }

    private static bool LooksLikeChinese(string text)
    {
        int han = 0, bad = 0, other = 0;
        foreach (var c in text)
        {
            if (c == '\uFFFD') bad++;
            else if (c >= 0x4E00 && c <= 0x9FFF || c >= 0x3000 && c <= 0x303F || c >= 0xFF00 && c <= 0xFFEF) han++;
            else if (c > 0x7F) other++;
        }
        return bad == 0 && han > 0 && han >= other * 4;
    }
}
