using Site.Cli;
using Site.Preview;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Preview;

/// <summary>The per-note cache, without the server: what is reused, and that reuse never changes the output.</summary>
[Collection("Preview")]
public sealed class IncrementalBuildTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "site-incremental-test-" + Guid.NewGuid().ToString("N")[..10]);
    private string Input => Path.Combine(_root, "input");

    public IncrementalBuildTests() => PreviewTestSite.CopyDir(PreviewTestSite.FixtureDir(), Input);

    public void Dispose() { try { Directory.Delete(_root, true); } catch { } }

    private PreviewSession NewSession() => new(PreviewTestSite.Options(Input, Path.Combine(_root, "output"), preview: true));

    /// <summary>Every output file of a fresh, non-incremental preview build of the same input.</summary>
    private Dictionary<string, string> FullBuild()
    {
        var outDir = Path.Combine(_root, "full-" + Guid.NewGuid().ToString("N")[..6]);
        var r = SiteBuilder.Build(PreviewTestSite.Options(Input, outDir, preview: true), TextWriter.Null, quiet: true);
        Assert.True(r.Committed);
        return SiteSnapshot.Of(outDir);
    }


    [Fact]
    public void An_unchanged_rebuild_reuses_every_note_and_writes_the_same_site_with_the_same_diagnostics()
    {
        var session = NewSession();
        var first = session.Build(TextWriter.Null);
        Assert.True(first.Committed);
        Assert.Equal(first.Reuse.Notes, first.Reuse.RenderRan);

        var second = session.Build(TextWriter.Null);
        Assert.True(second.Committed);
        Assert.Equal(0, second.Reuse.RenderRan);
        Assert.Equal(0, second.Reuse.NormalizeRan);
        Assert.Equal(second.Reuse.Notes, second.Reuse.RenderReused);
        Assert.Equal(first.Result.Diagnostics, second.Result.Diagnostics);
        SiteSnapshot.AssertSame(FullBuild(), SiteSnapshot.Of(session.Options.OutputDir), "a full build");
    }

    [Fact]
    public void Editing_one_note_rerenders_only_it_and_the_site_equals_a_full_build()
    {
        var session = NewSession();
        session.Build(TextWriter.Null);
        var beta = Path.Combine(Input, "beta.md");
        File.WriteAllText(beta, File.ReadAllText(beta) + "\nA new line with a [dead link](nowhere.md).\n");

        var b = session.Build(TextWriter.Null);
        Assert.Equal(1, b.Reuse.RenderRan);
        Assert.Equal(1, b.Reuse.NormalizeRan);
        Assert.Contains(b.Result.Diagnostics, d => d.Path == "beta.md" && d.Message.Contains("broken link: nowhere.md"));
        SiteSnapshot.AssertSame(FullBuild(), SiteSnapshot.Of(session.Options.OutputDir), "a full build");

        // The warning is replayed while beta stays unchanged, and goes away once fixed.
        var again = session.Build(TextWriter.Null);
        Assert.Equal(0, again.Reuse.RenderRan);
        Assert.Contains(again.Result.Diagnostics, d => d.Path == "beta.md" && d.Message.Contains("broken link: nowhere.md"));
        File.WriteAllText(beta, "---\ntitle: Beta\n---\n\n# Beta\n\nNo links now.\n");
        Assert.DoesNotContain(session.Build(TextWriter.Null).Result.Diagnostics, d => d.Path == "beta.md");
    }

    [Fact]
    public void Adding_or_removing_a_note_rerenders_the_notes_that_may_link_to_it()
    {
        var session = NewSession();
        session.Build(TextWriter.Null);
        File.Delete(Path.Combine(Input, "beta.md"));
        var b = session.Build(TextWriter.Null);
        Assert.True(b.Reuse.UniverseChanged);
        Assert.Equal(b.Reuse.Notes, b.Reuse.RenderRan);
        Assert.Equal(0, b.Reuse.NormalizeRan); // the notes themselves did not change
        Assert.Contains(b.Result.Diagnostics, d => d.Path == "alpha.md" && d.Message.Contains("broken link: beta.md"));
        Assert.False(Directory.Exists(Path.Combine(session.Options.OutputDir, "beta")));
        SiteSnapshot.AssertSame(FullBuild(), SiteSnapshot.Of(session.Options.OutputDir), "a full build");

        File.WriteAllText(Path.Combine(Input, "beta.md"), "# Beta again\n");
        var c = session.Build(TextWriter.Null);
        Assert.DoesNotContain(c.Result.Diagnostics, d => d.Message.Contains("broken link: beta.md"));
        Assert.True(File.Exists(Path.Combine(session.Options.OutputDir, "beta", "index.html")));
        SiteSnapshot.AssertSame(FullBuild(), SiteSnapshot.Of(session.Options.OutputDir), "a full build");
    }

    [Fact]
    public void Images_used_by_reused_notes_are_still_published()
    {
        var session = NewSession();
        session.Build(TextWriter.Null);
        File.AppendAllText(Path.Combine(Input, "beta.md"), "\nMore.\n");
        var b = session.Build(TextWriter.Null);
        Assert.True(b.Reuse.RenderReused > 0);
        Assert.True(File.Exists(Path.Combine(session.Options.OutputDir, "images", "pixel.png"))); // used by alpha.md, which was reused
    }

    [Fact]
    public void Touching_a_file_without_changing_it_reuses_its_results_but_shows_the_new_date()
    {
        var session = NewSession();
        session.Build(TextWriter.Null);
        File.SetLastWriteTimeUtc(Path.Combine(Input, "gamma.md"), DateTime.UtcNow.AddDays(-3));
        var b = session.Build(TextWriter.Null);
        Assert.Equal(0, b.Reuse.NormalizeRan); // dates come from this build's read stage, not from the cache
        SiteSnapshot.AssertSame(FullBuild(), SiteSnapshot.Of(session.Options.OutputDir), "a full build");
    }

    [Fact]
    public void A_failing_build_keeps_the_previous_site_and_reports_why()
    {
        var session = NewSession() is var s0 ? new PreviewSession(s0.Options with { Strict = true }) : null!;
        File.WriteAllText(Path.Combine(Input, "alpha.md"), File.ReadAllText(Path.Combine(Input, "alpha.md")).Replace("[Beta](beta.md)", "[Beta](beta.md) [x](missing.md)"));
        var b = session.Build(TextWriter.Null);
        Assert.False(b.Committed);
        Assert.NotNull(b.Failure);
        Assert.Contains(b.Result.Diagnostics, d => d.Message.Contains("broken link: missing.md"));
        var json = PreviewEvents.DiagnosticsJson(b);
        Assert.Contains("\"ok\":false", json);
    }

    [Fact]
    public void Diagnostics_json_escapes_markup()
    {
        var session = NewSession();
        File.WriteAllText(Path.Combine(Input, "evil.md"), "# Evil\n\n[x](<script>alert(1)</script>.md)\n");
        var b = session.Build(TextWriter.Null);
        var json = PreviewEvents.DiagnosticsJson(b);
        Assert.DoesNotContain("<script>", json);
    }
}
