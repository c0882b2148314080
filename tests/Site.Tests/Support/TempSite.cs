using System.Text;
using Site.Cli;
using Site.Core;

namespace Site.Tests.Support;

/// <summary>A throwaway input folder + output folder for end-to-end builds.</summary>
public sealed class TempSite : IDisposable
{
    public TempSite()
    {
        Root = Path.Combine(Path.GetTempPath(), "kb-test-" + Guid.NewGuid().ToString("N")[..10]);
        Input = Path.Combine(Root, "input");
        Output = Path.Combine(Root, "output");
        Directory.CreateDirectory(Input);
    }

    public string Root { get; }
    public string Input { get; }
    public string Output { get; }

    public static string RepoRoot
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "Site.csproj"))) return d.FullName;
            var meta = typeof(TempSite).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
                .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
            if (meta is not null && File.Exists(Path.Combine(meta, "Site.csproj"))) return Path.GetFullPath(meta);
            throw new InvalidOperationException("Site.csproj not found above " + AppContext.BaseDirectory);
        }
    }

    public static string ThemeDir => Path.Combine(RepoRoot, "theme");

    public TempSite Write(string relPath, string text) => WriteBytes(relPath, new UTF8Encoding(false).GetBytes(text));

    public TempSite WriteBytes(string relPath, byte[] bytes)
    {
        var full = Path.Combine(Input, relPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return this;
    }

    public BuildOptions Options(bool strict = false, string baseUrl = "/") => new()
    {
        InputDir = Input, OutputDir = Output, ThemeDir = ThemeDir, Strict = strict, BaseUrl = baseUrl,
        CacheDir = Path.Combine(Root, ".cache"), SiteTitle = "Test KB",
    };

    public BuildResult Build(bool strict = false, string baseUrl = "/") => SiteBuilder.Build(Options(strict, baseUrl), TextWriter.Null, quiet: true);

    public BuildResult Build(BuildOptions options) => SiteBuilder.Build(options, TextWriter.Null, quiet: true);

    public string ReadOutput(string rel) => File.ReadAllText(Path.Combine(Output, rel));
    public bool OutputExists(string rel) => File.Exists(Path.Combine(Output, rel));

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch { }
    }
}
