using Xunit;

namespace Site.Tests.Support;

/// <summary>Every file of a built site by its '/'-separated relative path, and the check that two sites are the same.</summary>
public static class SiteSnapshot
{
    public static Dictionary<string, string> Of(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f).Replace('\\', '/'), File.ReadAllText, StringComparer.Ordinal);

    /// <summary>Same file names, same contents; a difference names the file and <paramref name="reference"/> ("a full build").</summary>
    public static void AssertSame(Dictionary<string, string> expected, Dictionary<string, string> actual, string reference)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (k, v) in expected) Assert.True(v == actual[k], $"{k} differs from {reference}");
    }
}
