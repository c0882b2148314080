using Site.Core;

namespace Site.Cli;

/// <summary>
/// First uses every build pays early on its critical path: YamlDotNet's first parse (~30 ms: its static tables include a
/// compiled regex, and every reading thread waits for that type to initialize) and Markdig's first parse with our
/// pipeline (~30 ms). <see cref="Start"/>, called before the command line is parsed, makes both on a pool thread while
/// the main thread starts up, on a core that would otherwise be idle. Nothing is kept but the initialized code; a
/// command that parses no notes only spent that thread's time.
/// </summary>
internal static class StartupWarmup
{
    public static void Start() => ThreadPool.UnsafeQueueUserWorkItem(static _ =>
    {
        try { Run(); }
        catch { /* only a head start: the build initializes whatever this did not */ }
    }, null);

    private static void Run()
    {
        Read.FrontMatterParser.Parse("---\ntitle: 标题 Title\ntags: [a, b]\ndate: 2024-01-02\n---\n\n# 标题\n", "warmup.md", new DiagnosticBag());
        Markdig.Markdown.Parse("# 标题\n\n正文 $x^2$ *a* [b](c.md) `d`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nx = 1\n```\n", MarkdownSyntax.Pipeline);
    }
}
