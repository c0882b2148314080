using System.Text;
using Site.Render.Mathematics;
using Xunit;

namespace Site.Tests.MathTests;

/// <summary>The KaTeX server's answers are read as UTF-8 lines (ByteLineReader): what StreamReader.ReadLine would give, as bytes.</summary>
public class ByteLineReaderTests
{
    /// <summary>A stream that hands out at most <paramref name="chunk"/> bytes per read, as a pipe does.</summary>
    private sealed class Trickle(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }

    private static List<string> Lines(string text, int chunk)
    {
        var reader = new ByteLineReader(new Trickle(Encoding.UTF8.GetBytes(text), chunk));
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(Encoding.UTF8.GetString(line.Span));
        return lines;
    }

    [Theory]
    [InlineData("", 7)]
    [InlineData("one\n", 7)]
    [InlineData("one\ntwo\n", 1)]
    [InlineData("a\r\nb\r\n", 3)]                 // CRLF
    [InlineData("a\n\nb\n", 2)]                   // an empty line
    [InlineData("last line without newline", 4)]
    [InlineData("公式 {\"html\":\"<span>α</span>\"}\n中文\n", 5)] // multi-byte characters split across reads
    public void Reads_the_lines_streamreader_reads(string text, int chunk)
    {
        var expected = new List<string>();
        using (var sr = new StringReader(text)) while (sr.ReadLine() is { } l) expected.Add(l);
        Assert.Equal(expected, Lines(text, chunk));
    }

    [Fact]
    public void A_line_longer_than_the_buffer_comes_out_whole()
    {
        var big = new string('x', 300_000) + "公式";
        Assert.Equal(new[] { "first", big, "after" }, Lines("first\n" + big + "\nafter\n", 40_000));
    }
}
