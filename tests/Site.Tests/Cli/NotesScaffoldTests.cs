using Xunit;
using Site.Cli.Config;
using Site.Cli.Scaffold;

namespace Site.Tests.Cli;

/// <summary>`kbsite new DIR` writes a complete notes folder, and refuses any DIR that already holds something. All under /tmp.</summary>
public sealed class NotesScaffoldTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("kb-new-");
    public void Dispose() => _scratch.Delete(recursive: true);

    [Fact]
    public void Writes_settings_a_sample_note_gitignore_and_the_pages_workflow()
    {
        var dir = Path.Combine(_scratch.FullName, "notes");
        Assert.Null(NotesScaffold.Create(dir, "My \"quoted\" notes", "1.2.3"));
        Assert.Equal(new[] { ".github/workflows/pages.yml", ".gitignore", "site.yml", "welcome.md" },
            Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/')).Order(StringComparer.Ordinal));
        var (config, diags) = SiteConfigReader.ReadFolder(dir);
        Assert.Empty(diags);
        Assert.Equal("My \"quoted\" notes", config.Title);
        var note = File.ReadAllText(Path.Combine(dir, "welcome.md"));
        Assert.Contains("$$", note);
        Assert.Contains("```python", note);
        Assert.Contains("欢迎", note);
        Assert.Contains("Welcome", note);
        var workflow = File.ReadAllText(Path.Combine(dir, ".github/workflows/pages.yml"));
        Assert.Contains("dotnet tool install --global Kbsite --version 1.2.3", workflow);
        Assert.Contains("kbsite build --strict", workflow);
        Assert.Contains("actions/deploy-pages", workflow);
        Assert.Contains("_site/", File.ReadAllText(Path.Combine(dir, ".gitignore")));
    }

    [Fact]
    public void An_empty_existing_folder_is_accepted()
    {
        var dir = _scratch.CreateSubdirectory("empty").FullName;
        Assert.Null(NotesScaffold.Create(dir, "T", "1.0.0"));
        Assert.True(File.Exists(Path.Combine(dir, "site.yml")));
    }

    [Theory]
    [InlineData("a.md")]
    [InlineData(".hidden")]
    [InlineData("site.yml")]
    public void A_folder_with_anything_in_it_is_refused_and_left_as_it_was(string existing)
    {
        var dir = _scratch.CreateSubdirectory("full").FullName;
        File.WriteAllText(Path.Combine(dir, existing), "mine");
        Assert.Contains("not empty", NotesScaffold.Create(dir, "T", "1.0.0"));
        Assert.Equal(new[] { existing }, Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, existing)));
    }

    [Fact]
    public void A_file_is_refused()
    {
        var file = Path.Combine(_scratch.FullName, "notes");
        File.WriteAllText(file, "mine");
        Assert.Contains("is a file", NotesScaffold.Create(file, "T", "1.0.0"));
        Assert.Equal("mine", File.ReadAllText(file));
    }
}
