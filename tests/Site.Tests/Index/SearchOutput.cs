using System.Text;
using Site.Index;

namespace Site.Tests.Index;

/// <summary>Reads a built site's search files as the browser does (the *.gz ones inflated).</summary>
public static class SearchOutput
{
    /// <summary>The bytes of <c>search/</c>-relative file <paramref name="rel"/> of <paramref name="siteDir"/>, inflated if stored as .gz.</summary>
    public static byte[] Read(string siteDir, string rel)
    {
        var bytes = File.ReadAllBytes(Path.Combine(siteDir, "search", rel));
        return rel.EndsWith(".gz", StringComparison.Ordinal) ? GzipBytes.Decompress(bytes) : bytes;
    }

    /// <summary>All display chunks (search/d/*.json.gz) as JSON text, in chunk order, one per line.</summary>
    public static string DisplayJson(string siteDir)
    {
        var dir = Path.Combine(siteDir, "search", "d");
        var sb = new StringBuilder();
        for (int c = 0; File.Exists(Path.Combine(dir, $"{c}.json.gz")); c++)
            sb.Append(Encoding.UTF8.GetString(Read(siteDir, $"d/{c}.json.gz"))).Append('\n');
        return sb.ToString();
    }
}
