using System.Text;

namespace Site.Read;

/// <summary>Result of decoding a note file's bytes.</summary>
public sealed record DecodedText(string Text, string EncodingName, string? Problem, bool IsBinary);

/// <summary>
/// Decodes note bytes: BOM-marked UTF-8/UTF-16/UTF-32, else strict UTF-8, else GB18030 (common for
/// Chinese text saved on Windows), else UTF-8 with replacement characters and a warning.
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

        // Not UTF-8: GB18030 decodes every byte sequence, so only accept it when the result reads as Chinese text.
        var gb = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);
        var text = gb.GetString(b);
        if (LooksLikeChinese(text)) return Done(text, "gb18030", null);

        var lossy = Utf8(b, out var problem);
        return Done(lossy, "utf-8", problem ?? "invalid UTF-8: undecodable bytes were replaced with U+FFFD");
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

    private static DecodedText Done(string text, string enc, string? problem) =>
        new(NormalizeNewlines(text), enc, problem, false);

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
