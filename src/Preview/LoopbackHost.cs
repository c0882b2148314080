namespace Site.Preview;

/// <summary>
/// The preview answers only requests addressed to this machine by name: a Host header of <c>localhost</c>,
/// <c>127.0.0.1</c> or <c>[::1]</c>, with or without a port. Anything else gets 421 Misdirected Request, so a
/// web page whose DNS name is re-bound to 127.0.0.1 (DNS rebinding) cannot read the site or its search data.
/// </summary>
public static class LoopbackHost
{
    private static readonly string[] Allowed = { "localhost", "127.0.0.1", "[::1]" };

    /// <summary>True for an allowed Host header value ("localhost:5000", "[::1]", "127.0.0.1:80").</summary>
    public static bool IsAllowed(string? hostHeader)
    {
        if (string.IsNullOrEmpty(hostHeader)) return false;
        var h = hostHeader;
        string name, port;
        if (h.StartsWith('['))
        {
            var close = h.IndexOf(']');
            if (close < 0) return false;
            name = h[..(close + 1)];
            port = h[(close + 1)..];
        }
        else
        {
            var colon = h.IndexOf(':');
            name = colon < 0 ? h : h[..colon];
            port = colon < 0 ? "" : h[colon..];
        }
        if (port.Length > 0 && (port[0] != ':' || port.Length is 1 or > 6 || !port.AsSpan(1).ToString().All(char.IsAsciiDigit))) return false;
        return Allowed.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
    }
}
