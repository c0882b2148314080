using Site.Cli;
using Site.Preview;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Preview;

/// <summary>
/// The preview's fast path (only the edited notes' pages before the reload, site-wide files right after):
/// when it applies, and that the served folder then equals a full build of the same input.
/// </summary>
[Collection("Preview")]
public sealed class FastRebuildTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "site-fast-test-" + Guid.NewGuid().ToString("N")[..10]);
    private string Input => Path.Combine(_root, "input");
    private string Output => Path.Combine(_root, "output");

    public FastRebuildTests() => PreviewTestSite.CopyDir(PreviewTestSite.FixtureDir(), Input);

    public void Dispose() { try { Directory.Delete(_root, true); } catch { } }

    private PreviewSession NewSession()
    {
        var s = new PreviewSession(PreviewTestSite.Options(Input, Output, preview: true));
        Assert.True(s.Build(TextWriter.Null).Committed);
        return s;
    }

    private Dictionary<string, string> FullBuild()
    {
        var outDir = Path.Combine(_root, "full-" + Guid.NewGuid().ToString("N")[..6]);
        Assert.True(SiteBuilder.Build(PreviewTestSite.Options(Input, outDir, preview: true), TextWriter.Null, quiet: true).Committed);
        return SiteSnapshot.Of(outDir);
    }


    private void Edit(string rel, Func<string, string> change)
    {
        var path = Path.Combine(Input, rel);
        File.WriteAllText(path, change(File.ReadAllText(path)));
    }

    [Fact]
    public void Editing_the_text_of_a_note_takes_the_fast_path_and_ends_with_the_same_site_as_a_full_build()
    {
        var session = NewSession();
        Edit("alpha.md", t => t.Replace("Some details about alpha.", "Quickly edited words 快速编辑."));
        var b = session.Build(TextWriter.Null, new[] { "alpha.md" });
        Assert.True(b.Fast);
        Assert.True(b.Committed);
        Assert.Equal(1, b.Reuse.RenderRan);
        // Before the reload the edited page is already there …
        Assert.Contains("Quickly edited words 快速编辑.", File.ReadAllText(Path.Combine(Output, "alpha", "index.html")));
        // … and once the pending work ran, every file is what a full build writes (search index, home, sitemap too).
        session.FinishPending(TextWriter.Null);
        Assert.Contains("快速编辑", Site.Tests.Index.SearchOutput.DisplayJson(Output));
        SiteSnapshot.AssertSame(FullBuild(), SiteSnapshot.Of(Output), "a full build");
    }

    private string Registry() => File.ReadAllText(Site.Links.RegistryFile.PathIn(Input));

    [Fact]
    public void A_fast_edit_keeps_the_link_registry_as_a_full_build_writes_it_and_a_renamed_section_keeps_its_old_link()
    {
        var session = NewSession();
        var before = Registry();
        Edit("alpha.md", t => t.Replace("Some details about alpha.", "Entirely different words about the alpha details now."));
        Assert.True(session.Build(TextWriter.Null, new[] { "alpha.md" }).Fast); // only a text sketch changes: fast
        session.FinishPending(TextWriter.Null);
        var afterFast = Registry();
        Assert.NotEqual(before, afterFast);
        FullBuild(); // a full build of the same notes has nothing to add
        Assert.Equal(afterFast, Registry());

        var oldId = Site.Links.LinkRegistry.Parse(afterFast, (_, m) => throw new Exception(m)).Notes.Single(n => n.Url == "alpha/").Sections.Single(x => x.Title == "Details").ShareId;
        Edit("alpha.md", t => t.Replace("## Details", "## Particulars"));
        var b = session.Build(TextWriter.Null, new[] { "alpha.md" });
        Assert.False(b.Fast); // a renamed heading takes the full path, which records the old id
        Assert.Contains($"moved-share\t{oldId}\t", Registry());
        Assert.Contains("› Particulars", File.ReadAllText(Path.Combine(Output, "s", oldId + ".html")));
        SiteSnapshot.AssertSame(FullBuild(), SiteSnapshot.Of(Output), "a full build");
    }

    [Fact]
    public void A_newer_fast_build_supersedes_the_pending_work_of_the_one_before()
    {
        var session = NewSession();
        Edit("beta.md", t => t + "\nOne more paragraph.\n");
        Assert.True(session.Build(TextWriter.Null, new[] { "beta.md" }).Fast);
        Edit("beta.md", t => t + "\nAnd another.\n");
        Assert.True(session.Build(TextWriter.Null, new[] { "beta.md" }).Fast);
        session.FinishPending(TextWriter.Null);
        SiteSnapshot.AssertSame(FullBuild(), SiteSnapshot.Of(Output), "a full build");
    }

    [Fact]
    public void Renaming_a_section_falls_back_to_a_full_build()
    {
        var session = NewSession();
        Edit("alpha.md", t => t.Replace("## Details", "## Particulars"));
        var b = session.Build(TextWriter.Null, new[] { "alpha.md" });
        Assert.False(b.Fast);
        Assert.True(b.Committed);
        Assert.Contains(b.Result.Diagnostics, d => d.Path == "beta.md"); // beta links to alpha#details, now gone
        SiteSnapshot.AssertSame(FullBuild(), SiteSnapshot.Of(Output), "a full build");
    }

    [Fact]
    public void Retitling_or_retagging_a_note_falls_back_to_a_full_build()
    {
        var session = NewSession();
        Edit("alpha.md", t => t.Replace("tags: [preview]", "tags: [preview, more]"));
        Assert.False(session.Build(TextWriter.Null, new[] { "alpha.md" }).Fast);
        SiteSnapshot.AssertSame(FullBuild(), SiteSnapshot.Of(Output), "a full build");
        Edit("alpha.md", t => t.Replace("title: Alpha", "title: Alpha Prime"));
        Assert.False(session.Build(TextWriter.Null, new[] { "alpha.md" }).Fast);
        SiteSnapshot.AssertSame(FullBuild(), SiteSnapshot.Of(Output), "a full build");
    }

    [Fact]
    public void A_new_note_or_an_unknown_change_is_a_full_build()
    {
        var session = NewSession();
        File.WriteAllText(Path.Combine(Input, "new.md"), "# New\n\nFresh.\n");
        Assert.False(session.Build(TextWriter.Null, new[] { "new.md" }).Fast);
        Assert.False(session.Build(TextWriter.Null, null).Fast);
        SiteSnapshot.AssertSame(FullBuild(), SiteSnapshot.Of(Output), "a full build");
    }

    [Fact]
    public void Diagnostics_of_the_edited_note_are_replaced_and_the_others_kept()
    {
        var session = NewSession();
        Edit("beta.md", t => t + "\nA [dead link](nowhere.md).\n");
        var b = session.Build(TextWriter.Null, new[] { "beta.md" });
        Assert.True(b.Fast);
        Assert.Contains(b.Result.Diagnostics, d => d.Path == "beta.md" && d.Message.Contains("nowhere.md"));
        session.FinishPending(TextWriter.Null);

        Edit("beta.md", t => t.Replace("A [dead link](nowhere.md).", "Fixed."));
        var c = session.Build(TextWriter.Null, new[] { "beta.md" });
        Assert.True(c.Fast);
        Assert.DoesNotContain(c.Result.Diagnostics, d => d.Message.Contains("nowhere.md"));
        session.FinishPending(TextWriter.Null);
        var full = SiteBuilder.Build(PreviewTestSite.Options(Input, Path.Combine(_root, "check"), preview: true), TextWriter.Null, quiet: true);
        Assert.Equal(full.Diagnostics, c.Result.Diagnostics);
    }

    [Fact]
    public void Strict_previews_never_take_the_fast_path()
    {
        var s = new PreviewSession(PreviewTestSite.Options(Input, Output, preview: true) with { Strict = true });
        s.Build(TextWriter.Null);
        Edit("alpha.md", t => t + "\nMore.\n");
        Assert.False(s.Build(TextWriter.Null, new[] { "alpha.md" }).Fast);
    }
}
