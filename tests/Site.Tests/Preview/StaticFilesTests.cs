using Site.Preview;
using Xunit;

namespace Site.Tests.Preview;

public sealed class StaticFilesTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "site-static-test-" + Guid.NewGuid().ToString("N")[..10], "output");

    public StaticFilesTests()
    {
        Directory.CreateDirectory(Path.Combine(_out, "张量"));
        File.WriteAllText(Path.Combine(_out, "张量", "index.html"), "x");
        File.WriteAllText(Path.Combine(_out, "a.css"), "x");
    }

    public void Dispose() { try { Directory.Delete(Path.GetDirectoryName(_out)!, true); } catch { } }

    [Theory]
    [InlineData("/", "/", PathKind.Directory)]
    [InlineData("/%E5%BC%A0%E9%87%8F/", "/", PathKind.Directory)]
    [InlineData("/%E5%BC%A0%E9%87%8F", "/", PathKind.Directory)]
    [InlineData("/张量/index.html", "/", PathKind.File)]
    [InlineData("/a.css?v=1", "/", PathKind.File)]
    [InlineData("/nope", "/", PathKind.Missing)]
    [InlineData("/kb/a.css", "/kb/", PathKind.File)]
    [InlineData("/a.css", "/kb/", PathKind.OutsideBase)]
    [InlineData("/kbx/a.css", "/kb/", PathKind.OutsideBase)]
    [InlineData("/../a.css", "/", PathKind.Bad)]
    [InlineData("/./a.css", "/", PathKind.Bad)]
    [InlineData("/%2e/a.css", "/", PathKind.Bad)]
    [InlineData("/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/", PathKind.Bad)]
    [InlineData("/kb/%2e%2e/a.css", "/kb/", PathKind.Bad)]
    [InlineData("/a%5c..%5cb", "/", PathKind.Bad)]
    [InlineData("/a%00.css", "/", PathKind.Bad)]
    [InlineData("/a%0a.css", "/", PathKind.Bad)]
    [InlineData("/%ff", "/", PathKind.Bad)]
    [InlineData("/%zz", "/", PathKind.Bad)]
    [InlineData("/%", "/", PathKind.Bad)]
    [InlineData("relative", "/", PathKind.Bad)]
    [InlineData("http://evil/a.css", "/", PathKind.Bad)]
    [InlineData("/D:%5cx", "/", PathKind.Bad)]
    public void Resolve(string target, string baseUrl, PathKind kind) =>
        Assert.Equal(kind, StaticFiles.Resolve(target, _out, baseUrl).Kind);

    [Fact]
    public void Redirect_locations_are_re_encoded_from_clean_segments() =>
        Assert.Equal("/%E5%BC%A0%E9%87%8F/a%20b/", StaticFiles.EncodePath(new[] { "张量", "a b" }, trailingSlash: true));
}
