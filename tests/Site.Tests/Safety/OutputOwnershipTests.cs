using Site.Cli;
using Site.Core;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Safety;

/// <summary>
/// The generator replaces or deletes only what it made. Every destructive case runs in a scratch folder under
/// the temp folder; "home", "project" and "current folder" are scratch folders handed to the guard.
/// </summary>
[Collection("OutputOwnership")]
public sealed class OutputOwnershipTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kb-own-").FullName;
    private string P(string rel) => Path.Combine(_root, rel);

    public OutputOwnershipTests()
    {
        foreach (var d in new[] { "home/notes", "home/proj/theme", "home/proj/cwd", "other" }) Directory.CreateDirectory(P(d));
        File.WriteAllText(P("home/notes/a.md"), "# A\n\ntext\n");
    }

    public void Dispose() { try { Directory.Delete(_root, recursive: true); } catch { } }

    private ProtectedFolders Protected => new(P("home/notes"), P("home/proj/theme"), P("home/proj"), P("home/proj/cwd"), P("home"));

    [Theory]
    [InlineData("home/notes", "is the input folder")]
    [InlineData("home/notes/site", "lies inside the input folder")]
    [InlineData("home/proj/theme", "is the theme folder")]
    [InlineData("home/proj/theme/out", "lies inside the theme folder")]
    [InlineData("home/proj", "is the project folder")]
    [InlineData("home/proj/cwd", "is the current folder")]
    [InlineData("home", "is the home folder")]
    [InlineData("", "contains the input folder")]
    [InlineData("home/proj/cwd/..", "is the project folder")]
    public void Protected_folders_are_refused(string output, string expected)
    {
        var why = OutputGuard.Check(P(output), Protected);
        Assert.NotNull(why);
        Assert.Contains(expected, why);
    }

    [Fact]
    public void The_home_folder_itself_is_refused()
    {
        var why = OutputGuard.Check(P("other"), new ProtectedFolders(null, null, null, null, P("other")));
        Assert.Contains("is the home folder", why);
    }

    [Fact]
    public void The_root_folder_is_refused() => Assert.Contains("root folder", OutputGuard.Check("/", new ProtectedFolders(null, null, null, null, null)));

    [Fact]
    public void A_file_is_refused()
    {
        File.WriteAllText(P("other/file"), "x");
        Assert.Contains("is a file", OutputGuard.Check(P("other/file"), Protected));
    }

    [Fact]
    public void A_symbolic_link_to_a_protected_folder_is_refused_as_that_folder()
    {
        Directory.CreateSymbolicLink(P("other/link"), P("home"));
        Assert.NotNull(OutputGuard.Check(P("other/link"), Protected));
        Directory.CreateSymbolicLink(P("other/link2"), P("other"));
        Assert.Contains("symbolic link", OutputGuard.Check(P("other/link2"), Protected));
    }

    [Fact]
    public void A_non_empty_folder_without_the_mark_is_refused_an_empty_or_marked_one_is_not()
    {
        Directory.CreateDirectory(P("other/full"));
        File.WriteAllText(P("other/full/keep.txt"), "mine");
        Assert.Contains("not made by this generator", OutputGuard.Check(P("other/full"), Protected));
        Directory.CreateDirectory(P("other/empty"));
        Assert.Null(OutputGuard.Check(P("other/empty"), Protected));
        Assert.Null(OutputGuard.Check(P("other/new"), Protected));
        OutputGuard.Mark(P("other/full"));
        Assert.Null(OutputGuard.Check(P("other/full"), Protected));
    }

    [Fact]
    public void A_mount_point_is_refused_with_the_reason()
    {
        Directory.CreateDirectory(P("other/mnt"));
        var why = OutputGuard.Check(P("other/mnt"), Protected, mountPoints: new[] { P("other/mnt") });
        Assert.Contains("mount point", why);
    }

    private BuildOptions Options(string output) => new()
    {
        InputDir = P("home/notes"), OutputDir = output, ThemeDir = TempSite.ThemeDir, CacheDir = null, SiteTitle = "T", Parallelism = 2,
    };

    private static string Listing(string dir) => string.Join("\n", Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal).Select(f => Path.GetRelativePath(dir, f) + (File.Exists(f) ? ":" + File.ReadAllText(f) : "")));

    [Fact]
    public void Building_into_the_input_folder_exits_2_and_touches_nothing()
    {
        var before = Listing(_root);
        var log = new StringWriter();
        var r = SiteBuilder.Build(Options(P("home/notes")), log, quiet: true);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is the input folder", log.ToString());
        Assert.Equal(before, Listing(_root));
    }

    [Fact]
    public void Building_into_a_foreign_non_empty_folder_exits_2_and_touches_nothing()
    {
        Directory.CreateDirectory(P("other/docs"));
        File.WriteAllText(P("other/docs/report.txt"), "do not delete");
        var before = Listing(_root);
        var r = SiteBuilder.Build(Options(P("other/docs")), TextWriter.Null, quiet: true);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(before, Listing(_root));
    }

    [Fact]
    public void The_output_is_marked_and_a_second_build_replaces_it()
    {
        var o = Options(P("other/site"));
        Assert.Equal(0, SiteBuilder.Build(o, TextWriter.Null, quiet: true).ExitCode);
        Assert.True(OutputGuard.IsMarked(P("other/site")));
        Assert.Equal(0, SiteBuilder.Build(o, TextWriter.Null, quiet: true).ExitCode);
        Assert.True(OutputGuard.IsMarked(P("other/site")));
        // Nothing but the site is left beside it.
        Assert.Equal(new[] { "site" }, Directory.EnumerateFileSystemEntries(P("other")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Folders_named_like_staging_or_old_folders_are_left_alone_unless_the_generator_made_them()
    {
        foreach (var d in new[] { ".site.old-mine", ".site.staging-mine" })
        {
            Directory.CreateDirectory(P("other/" + d));
            File.WriteAllText(P($"other/{d}/precious.txt"), "keep");
        }
        Directory.CreateDirectory(P("other/.site.staging-leftover"));
        OutputGuard.Mark(P("other/.site.staging-leftover")); // what a killed build leaves
        var o = Options(P("other/site"));
        Assert.Equal(0, SiteBuilder.Build(o, TextWriter.Null, quiet: true).ExitCode);
        Assert.Equal(0, SiteBuilder.Build(o, TextWriter.Null, quiet: true).ExitCode);
        Assert.Equal("keep", File.ReadAllText(P("other/.site.old-mine/precious.txt")));
        Assert.Equal("keep", File.ReadAllText(P("other/.site.staging-mine/precious.txt")));
        Assert.False(Directory.Exists(P("other/.site.staging-leftover")));
    }

    [Fact]
    public void Lock_files_live_in_their_own_folder_not_loose_in_the_temp_folder()
    {
        var path = OutputLock.PathFor(P("other/site"));
        Assert.Equal(OutputLock.Folder, Path.GetDirectoryName(path));
        Assert.NotEqual(Path.GetFullPath(Path.GetTempPath()).TrimEnd('/'), OutputLock.Folder.TrimEnd('/'));
        Assert.Equal(Environment.GetEnvironmentVariable("KBSITE_LOCK_DIR"), OutputLock.Folder); // the test run's own folder
        using (OutputLock.Acquire(P("other/site"))) Assert.True(File.Exists(path));
        Assert.Equal(path, OutputLock.PathFor(P("other/../other/site"))); // every spelling of the output, one lock
    }

    [Fact]
    public void A_second_build_of_the_same_output_waits_then_stops_with_a_message()
    {
        var o = Options(P("other/site"));
        Assert.Equal(0, SiteBuilder.Build(o, TextWriter.Null, quiet: true).ExitCode);
        var index = File.ReadAllText(P("other/site/index.html"));
        var wait = OutputLock.Wait;
        using (OutputLock.Acquire(o.OutputDir))
        {
            OutputLock.Wait = TimeSpan.FromMilliseconds(300);
            try
            {
                var log = new StringWriter();
                var r = SiteBuilder.Build(o with { SiteTitle = "Other" }, log, quiet: true);
                Assert.Equal(2, r.ExitCode);
                Assert.Contains("another build is writing to", log.ToString());
            }
            finally { OutputLock.Wait = wait; }
        }
        Assert.Equal(index, File.ReadAllText(P("other/site/index.html")));
        Assert.Equal(0, SiteBuilder.Build(o, TextWriter.Null, quiet: true).ExitCode); // released
    }

    [Theory]
    [InlineData(18)] // EXDEV
    [InlineData(16)] // EBUSY
    public void When_the_swap_fails_like_on_a_mount_point_the_build_says_why_and_keeps_the_previous_site(int errno)
    {
        var o = Options(P("other/site"));
        Assert.Equal(0, SiteBuilder.Build(o, TextWriter.Null, quiet: true).ExitCode);
        var index = File.ReadAllText(P("other/site/index.html"));
        var final = Path.GetFullPath(o.OutputDir);
        OutputWriter.ExchangeOverride = (_, b) => b == final ? errno : null;
        try
        {
            var log = new StringWriter();
            var r = SiteBuilder.Build(o with { SiteTitle = "Changed" }, log, quiet: true);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("mount point", log.ToString());
        }
        finally { OutputWriter.ExchangeOverride = null; }
        Assert.Equal(index, File.ReadAllText(P("other/site/index.html")));
        Assert.Empty(Directory.EnumerateDirectories(P("other"), ".site.*"));
    }

    [Fact]
    public void A_generated_site_inside_the_input_is_not_read_as_notes()
    {
        Directory.CreateDirectory(P("home/notes/old-site"));
        File.WriteAllText(P("home/notes/old-site/page.md"), "# Generated\n\nx\n");
        OutputGuard.Mark(P("home/notes/old-site"));
        var r = SiteBuilder.Build(Options(P("other/site")), TextWriter.Null, quiet: true);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(1, r.Notes);
        Assert.Contains(r.Diagnostics, d => d.Path == "old-site" && d.Message.Contains("not read as notes"));
    }
}

[CollectionDefinition("OutputOwnership", DisableParallelization = true)]
public sealed class OutputOwnershipCollection { }
