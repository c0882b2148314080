using System.Collections.Immutable;
using Markdig;
using Site.Core;

namespace Site.Tests.MathTests;

internal static class MathTestSupport
{
    public static string RepoRoot => Support.TempSite.RepoRoot;

    public static string ThemeDir => Path.Combine(RepoRoot, "theme");

    public static bool NodeAvailable => Site.Render.NodeTools.FindNode() is not null
        && File.Exists(Path.Combine(ThemeDir, "node_modules", "katex", "package.json"));

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Math", name);

    public static string TempDir(string prefix)
    {
        var d = Path.Combine(Path.GetTempPath(), $"{prefix}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..^20]);
        Directory.CreateDirectory(d);
        return d;
    }

    public static Note NoteFrom(string path, string body, int bodyLine = 1) => new()
    {
        SourcePath = path,
        FullPath = "/nonexistent/" + path,
        Body = body,
        Text = body,
        BodyLine = bodyLine,
        Ast = Markdown.Parse(body, MarkdownSyntax.Pipeline),
    };

    public static (BuildContext Ctx, OutputWriter Output, string Dir) Context(bool fixMath = false, string? cacheDir = null)
    {
        var dir = TempDir("math-ctx");
        var output = new OutputWriter(Path.Combine(dir, "out"));
        var ctx = new BuildContext(new BuildOptions
        {
            InputDir = Path.Combine(dir, "in"),
            OutputDir = Path.Combine(dir, "out"),
            ThemeDir = ThemeDir,
            FixMath = fixMath,
            CacheDir = cacheDir,
            Parallelism = 2,
        }, output);
        return (ctx, output, dir);
    }

    public static ImmutableArray<Note> Notes(params Note[] notes) => notes.ToImmutableArray();
}
