using Site.Read;
using Xunit;

namespace Site.Tests.Read;

public class FolderPageTests
{
    [Theory]
    [InlineData("guide/README.md", 0, "guide/")]
    [InlineData("guide/readme.md", 0, "guide/")]
    [InlineData("guide/index.md", 1, "guide/")]
    [InlineData("guide/_index.md", 2, "guide/")]
    [InlineData("04.分布式训练/1.概述/1.概述.md", 3, "04.分布式训练/1.概述/")]
    [InlineData("ML 笔记/ML 笔记.md", 3, "ml-笔记/")]
    [InlineData("README.md", -1, null)] // the input root has no folder to be the page of
    [InlineData("guide/step.md", -1, null)]
    [InlineData("guide/guide-2.md", -1, null)]
    public void Folder_page_rule(string sourcePath, int rank, string? url)
    {
        Assert.Equal(rank, Permalinks.FolderPageRank(sourcePath));
        Assert.Equal(url, Permalinks.FolderPageUrl(sourcePath));
    }

    [Theory]
    [InlineData("_sidebar.md", true)]
    [InlineData("sub/_sidebar.md", true)]
    [InlineData("SUMMARY.md", true)]
    [InlineData("sub/SUMMARY.md", false)] // GitBook/mdBook read it at the root only
    [InlineData("_navbar.md", false)]
    [InlineData("notes.md", false)]
    public void Navigation_files(string path, bool isNav) => Assert.Equal(isNav, NavigationFiles.IsNavigationFile(path));

    [Theory]
    [InlineData("_index.md", false)]
    [InlineData("_sidebar.md", false)]
    [InlineData("_navbar.md", true)]
    [InlineData("_coverpage.md", true)]
    [InlineData(".hidden.md", true)]
    [InlineData("note.md", false)]
    public void Skipped_names(string name, bool skipped) => Assert.Equal(skipped, NoteFiles.IsSkippedName(name));

    [Fact]
    public void Navigation_file_parses_nested_entries_with_lines()
    {
        var entries = NavigationFiles.Parse("- 第一篇\n  - [第1章 `概论`](ch01/ch01.md)\n  - [第2章](ch02/)\n- [附录](<附录 A.md>)\n");
        Assert.Equal(2, entries.Length);
        Assert.Equal(("第一篇", (string?)null, 1), (entries[0].Title, entries[0].Href, entries[0].Line));
        Assert.Equal(new[] { ("第1章 概论", "ch01/ch01.md", 2), ("第2章", "ch02/", 3) }, entries[0].Children.Select(c => (c.Title, c.Href!, c.Line)));
        Assert.Equal(("附录", "附录 A.md"), (entries[1].Title, entries[1].Href!));
    }
}
