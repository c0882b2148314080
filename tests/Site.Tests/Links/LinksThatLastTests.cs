using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Site.Links;
using Xunit;

namespace Site.Tests.Links;

/// <summary>
/// Every ordinary edit keeps old section links alive (README "Links that last"). Each case: a git repository
/// of notes is built and committed (registry included), edited, built and committed again, and then checked on
/// a fresh clone built with <c>--strict</c> and no cache: the committed registry alone carries the old ids.
/// </summary>
public sealed class LinksThatLastTests
{
    private const string Lora = "---\ntitle: LoRA\n---\n\n## Why low rank\n\nThe update to a weight matrix has low intrinsic rank, so two thin matrices carry it well.\n\n" +
        "## Training\n\nOnly the adapters are trained while the base model stays frozen in memory.\n\n### Learning rate\n\nAdapters like a larger learning rate than full fine-tuning does.\n\n" +
        "## Setup\n\nInstall the peft package and pick the target modules by name.\n\nThen set the rank and alpha in the config and wrap the model before training starts.\n\n" +
        "## Results\n\nOn the small benchmark the adapter matched full fine-tuning within half a point.\n";

    private const string Dupes = "---\ntitle: Shells\n---\n\n## Linux\n\n### Example\n\nls -la lists every file including hidden ones in long form.\n\n" +
        "## Mac\n\n### Example\n\nopen dot opens the current folder in the Finder window.\n";

    /// <summary>One edit: the notes before, the edit, and where each old section should lead (title now, or null: removed).</summary>
    public sealed record Case(string Name, string File, string Text, Action<GitNotes> Edit, string NoteUrlAfter, (string Old, string? Now)[] Sections);

    public static readonly TheoryData<string> Names = new(Cases.Keys);

    private static Dictionary<string, Case> Cases => new Case[]
    {
        new("heading rename", "lora.md", Lora, g => g.Write("lora.md", Lora.Replace("## Training", "## Training the adapters")), "lora/",
            [("Training", "Training the adapters"), ("Learning rate", "Learning rate"), ("Why low rank", "Why low rank")]),
        new("parent rename", "lora.md", Lora, g => g.Write("lora.md", Lora.Replace("## Training", "## Fine-tuning")), "lora/",
            [("Training", "Fine-tuning"), ("Learning rate", "Learning rate")]),
        new("reorder (section moved under another parent)", "lora.md", Lora,
            g => g.Write("lora.md", Lora.Replace("### Learning rate\n\nAdapters like a larger learning rate than full fine-tuning does.\n\n", "")
                + "\n### Learning rate\n\nAdapters like a larger learning rate than full fine-tuning does.\n"), "lora/",
            [("Learning rate", "Learning rate"), ("Results", "Results"), ("Training", "Training")]),
        new("note move", "lora.md", Lora, g => g.Move("lora.md", "ml/peft/lora.md"), "ml/peft/lora/",
            [("Why low rank", "Why low rank"), ("Learning rate", "Learning rate"), ("Results", "Results")]),
        new("note rename", "lora.md", Lora, g => g.Move("lora.md", "low-rank-adaptation.md"), "low-rank-adaptation/",
            [("Why low rank", "Why low rank"), ("Setup", "Setup")]),
        new("permalink change", "lora.md", Lora.Replace("title: LoRA\n", "title: LoRA\npermalink: /peft/lora/\n"),
            g => g.Write("lora.md", Lora.Replace("title: LoRA\n", "title: LoRA\npermalink: /adapters/low-rank/\n")), "adapters/low-rank/",
            [("Training", "Training"), ("Results", "Results")]),
        new("section deleted", "lora.md", Lora,
            g => g.Write("lora.md", Lora[..Lora.IndexOf("## Results", StringComparison.Ordinal)]), "lora/",
            [("Results", null), ("Setup", "Setup")]),
        new("section split in two", "lora.md", Lora,
            g => g.Write("lora.md", Lora.Replace("## Setup\n\nInstall", "## Install\n\nInstall").Replace("\n\nThen set the rank", "\n\n## Configure\n\nThen set the rank")), "lora/",
            [("Setup", "Install"), ("Results", "Results")]),
        new("duplicate headings (note renamed)", "shells.md", Dupes, g => g.Move("shells.md", "shell-tips.md"), "shell-tips/",
            [("Linux", "Linux"), ("Mac", "Mac")]),
    }.ToDictionary(c => c.Name);

    [Theory]
    [MemberData(nameof(Names))]
    public void Old_links_lead_to_the_section_where_it_is_now(string name)
    {
        var c = Cases[name];
        using var g = new GitNotes();
        g.Write(c.File, c.Text).Write("other.md", "# Other\n\n## Unrelated\n\nNothing to do with adapters at all, just a second note.\n");
        Assert.Equal(0, g.BuildAndCommit("v1").ExitCode);
        var before = g.Registry();
        var oldNote = before.Notes.Single(n => n.Source == c.File);

        c.Edit(g);
        g.Commit("edit: " + name);
        var stale = g.BuildFreshClone(strict: true);
        Assert.Equal(1, stale.Result.ExitCode); // CI: the registry was not updated with the edit
        Assert.Contains(stale.Result.Diagnostics, d => d.Path == RegistryFile.RelativePath && d.Message.Contains("out of date"));

        var r = g.BuildAndCommit("links for: " + name);
        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain(r.Diagnostics, d => d.Message.Contains("link registry"));
        var (ci, output, _) = g.BuildFreshClone(strict: true);
        Assert.True(ci.ExitCode == 0, string.Join("\n", ci.Diagnostics) + "\n" + g.Log);

        var after = g.Registry();
        var newNote = after.Notes.Single(n => n.Url == c.NoteUrlAfter);
        var anchors = File.Exists(Path.Combine(output, "s/anchors.json")) ? File.ReadAllText(Path.Combine(output, "s/anchors.json")) : "{}";
        foreach (var (oldTitle, nowTitle) in c.Sections)
        {
            foreach (var old in oldNote.Sections.Where(s => s.Title == oldTitle))
            {
                var page = Parse(Path.Combine(output, "s", old.ShareId + ".html"));
                if (nowTitle is null)
                {
                    Assert.Contains("removed", page.Body!.ClassName);
                    Assert.Contains("removed", page.QuerySelector(".share-notice")!.TextContent);
                    Assert.Equal("/" + c.NoteUrlAfter, page.QuerySelector("a.read-in-note")!.GetAttribute("href"));
                    continue;
                }
                // Duplicate titles: the section with the same text (the same position in this table's notes).
                var now = newNote.Sections.Where(s => s.Title == nowTitle).ElementAt(oldNote.Sections.Where(s => s.Title == oldTitle).ToList().IndexOf(old));
                // The anchor as share pages print it (CJK unescaped: Permalinks.Fragment); a browser follows it the same.
                var target = "/" + c.NoteUrlAfter + "#" + Site.Read.Permalinks.Fragment(now.Anchor);
                Assert.Equal("0; url=" + target, page.QuerySelector("meta[http-equiv=refresh]")?.GetAttribute("content"));
                Assert.Equal(target, page.QuerySelector("a.read-in-note")!.GetAttribute("href"));
                Assert.EndsWith("› " + nowTitle, page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
                // An old id's page names the current one as canonical; a page at its own id needs none (og:url).
                if (old.ShareId != now.ShareId) Assert.Equal("/s/" + now.ShareId + ".html", page.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
                else Assert.Null(page.QuerySelector("link[rel=canonical]"));
                Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("meta[property='og:description']")?.GetAttribute("content")));
                if (old.Anchor != now.Anchor)
                    Assert.Contains($"\"{old.Anchor}\":\"{now.Anchor}\"", anchors);
            }
        }
        if (c.NoteUrlAfter != oldNote.Url)
        {
            var moved = Parse(Path.Combine(output, oldNote.Url, "index.html"));
            Assert.Equal("0; url=/" + c.NoteUrlAfter, moved.QuerySelector("meta[http-equiv=refresh]")?.GetAttribute("content"));
            Assert.Equal("/" + c.NoteUrlAfter, moved.QuerySelector("body a")!.GetAttribute("href"));
            Assert.Equal("/" + c.NoteUrlAfter, moved.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        }
        // The unrelated note's links did not move.
        var other = after.Notes.Single(n => n.Url == "other/").Sections.Select(s => s.ShareId).ToHashSet();
        Assert.DoesNotContain(after.MovedShares, m => m.Value.ShareId is { } id && other.Contains(id));
    }

    private static IDocument Parse(string file)
    {
        Assert.True(File.Exists(file), "missing " + file);
        return new HtmlParser().ParseDocument(File.ReadAllText(file));
    }
}
