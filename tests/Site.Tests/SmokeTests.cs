using Site.Core;
using Xunit;

namespace Site.Tests;

public class DiagnosticFormatTests
{
    [Fact]
    public void Diagnostic_prints_path_line_severity_message()
    {
        var d = new Diagnostic("notes/a.md", 12, Severity.Warning, "broken link");
        Assert.Equal("notes/a.md:12: warning: broken link", d.ToString());
    }
}
