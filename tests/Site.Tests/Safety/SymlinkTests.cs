using AngleSharp.Html.Parser;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Safety;

/// <summary>Symbolic links whose target lies outside the input folder are skipped with a warning naming the link; links inside still work.</summary>
public class SymlinkTests
{
    private const string Secret = "TOP-SECRET-OUTSIDE-THE-INPUT";

    /// <summary>A folder beside the input (inside the test's own temp root) holding what must never be published.</summary>
    private static string Outside(TempSite site)
    {
        var dir = Path.Combine(site.Root, "outside");
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        File.WriteAllText(Path.Combine(dir, "passwd"), Secret + "\n");
        File.WriteAllText(Path.Combine(dir, "sub", "stolen.md"), "# Stolen\n\n" + Secret + "\n");
        File.WriteAllBytes(Path.Combine(dir, "photo.png"), System.Text.Encoding.ASCII.GetBytes(Secret));
        return dir;
    }

    private static void AssertNotPublished(TempSite site)
    {
        foreach (var f in Directory.EnumerateFiles(site.Output, "*", SearchOption.AllDirectories))
            Assert.DoesNotContain(Secret, File.ReadAllText(f));
    }

    [Fact]
    public void A_note_linked_to_a_file_outside_is_skipped_with_a_warning()
    {
        using var site = new TempSite();
        var outside = Outside(site);
        site.Write("ok.md", "# OK\n\ntext\n");
        File.CreateSymbolicLink(Path.Combine(site.Input, "leak.md"), Path.Combine(outside, "passwd"));
        var r = site.Build();
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(r.Diagnostics, d => d.Path == "leak.md" && d.Message.Contains("outside the input folder"));
        Assert.False(site.OutputExists("leak/index.html"));
        AssertNotPublished(site);
    }

    [Fact]
    public void An_image_linked_to_a_file_outside_is_not_copied()
    {
        using var site = new TempSite();
        var outside = Outside(site);
        site.Write("note.md", "# Note\n\n![pic](photo.png)\n");
        File.CreateSymbolicLink(Path.Combine(site.Input, "photo.png"), Path.Combine(outside, "photo.png"));
        var r = site.Build();
        Assert.Contains(r.Diagnostics, d => d.Path == "photo.png" && d.Message.Contains("outside the input folder"));
        Assert.False(site.OutputExists("photo.png"));
        AssertNotPublished(site);
    }

    [Fact]
    public void A_folder_linked_outside_is_not_crawled()
    {
        using var site = new TempSite();
        var outside = Outside(site);
        site.Write("ok.md", "# OK\n\ntext\n");
        Directory.CreateSymbolicLink(Path.Combine(site.Input, "linked"), Path.Combine(outside, "sub"));
        var r = site.Build();
        Assert.Contains(r.Diagnostics, d => d.Path == "linked" && d.Message.Contains("outside the input folder"));
        Assert.False(site.OutputExists("linked/stolen/index.html"));
        AssertNotPublished(site);
    }

    [Fact]
    public void Links_inside_the_input_still_work()
    {
        using var site = new TempSite();
        site.Write("real/note.md", "# Real note\n\n![pic](pic.png)\n").WriteBytes("real/pic.png", new byte[] { 1, 2, 3 });
        File.CreateSymbolicLink(Path.Combine(site.Input, "alias.md"), Path.Combine(site.Input, "real", "note.md"));
        Directory.CreateSymbolicLink(Path.Combine(site.Input, "mirror"), "real"); // relative target
        var r = site.Build();
        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain(r.Diagnostics, d => d.Message.Contains("outside the input folder"));
        Assert.True(site.OutputExists("alias/index.html"));
        Assert.True(site.OutputExists("mirror/note/index.html"));
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(Path.Combine(site.Output, "mirror/pic.png")));
        Assert.Equal("Real note", new HtmlParser().ParseDocument(site.ReadOutput("alias/index.html")).QuerySelector("h1")!.TextContent);
    }
}
