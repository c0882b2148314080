using Site.Read;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Read;

/// <summary>Jekyll and Hexo blogs: <c>_posts</c> / <c>_drafts</c> are read, dated file names give dates (real Hexo blog: 55 of 57 posts were skipped).</summary>
public class PostFoldersTests
{
    [Theory]
    [InlineData("_posts", false)]
    [InlineData("_POSTS", false)]
    [InlineData("_drafts", false)]
    [InlineData("_layouts", true)]
    [InlineData("_includes", true)]
    [InlineData("_site", true)]
    public void Posts_folders_are_read_other_underscore_folders_are_not(string name, bool skipped) =>
        Assert.Equal(skipped, NoteFiles.IsSkippedName(name));

    [Theory]
    [InlineData("_posts/2021-05-03-hello.md", "2021-05-03")]
    [InlineData("source/_posts/2019-12-31-x y.markdown", "2019-12-31")]
    [InlineData("_posts/hello.md", null)]
    [InlineData("_posts/2021-13-03-bad-month.md", null)]
    [InlineData("_posts/2021-05-03.md", null)] // the date alone is a name, not a prefix
    [InlineData("_posts/20210503-x.md", null)]
    public void Date_from_a_posts_file_name(string path, string? date) =>
        Assert.Equal(date, PostFolders.DateFromName(path)?.ToString("yyyy-MM-dd"));

    [Theory]
    [InlineData("_posts/a.md", "posts/a/")]
    [InlineData("source/_posts/tools/a.md", "source/posts/tools/a/")]
    [InlineData("_drafts/a.md", "drafts/a/")]
    [InlineData("notes/_postsx/a.md", "notes/_postsx/a/")]
    public void Posts_folder_url_has_no_underscore(string path, string url) => Assert.Equal(url, Permalinks.FromSourcePath(path));

    [Theory]
    [InlineData("_posts/2021-05-03-hello-world.md", "hello-world")]
    [InlineData("_posts/hello.md", "hello")]
    [InlineData("notes/1.概述.md", "概述")]
    public void File_title_without_the_date(string path, string title) =>
        Assert.Equal(title, Site.Normalize.NormalizeNotes.FileTitle(path));

    [Fact]
    public void A_blog_source_folder_builds_its_posts_and_skips_drafts_and_layouts()
    {
        using var site = new TempSite();
        site.Write("_posts/hexo-post.md", "---\ntitle: 一篇文章\ndate: 2020-03-09 08:15:42\ntags: [数学]\n---\n\n正文 $x^2$。\n")
            .Write("_posts/2021-05-03-jekyll-post.md", "正文，没有 front matter。\n")
            .Write("_drafts/wip.md", "---\ntitle: 草稿\n---\n\n未完成。\n")
            .Write("_layouts/post.md", "# 模板\n")
            .Write("about.md", "# 关于\n");
        var r = site.Build();
        Assert.Equal(0, r.ExitCode);
        var hexo = site.ReadOutput("posts/hexo-post/index.html");
        Assert.Contains("一篇文章", hexo);
        Assert.Contains("2020-03-09", hexo);
        var jekyll = site.ReadOutput("posts/2021-05-03-jekyll-post/index.html");
        Assert.Contains("<title>jekyll-post", jekyll);
        Assert.Contains("datetime=\"2021-05-03\"", jekyll);
        Assert.False(site.OutputExists("drafts/wip/index.html"));
        Assert.False(site.OutputExists("_layouts/post/index.html"));
        Assert.False(site.OutputExists("layouts/post/index.html"));
    }

    [Fact]
    public void Drafts_folder_is_built_with_drafts_on()
    {
        using var site = new TempSite();
        site.Write("_posts/a.md", "# 甲\n").Write("_drafts/wip.md", "# 草稿\n");
        var o = site.Options();
        var r = site.Build(o with { IncludeDrafts = true });
        Assert.Equal(0, r.ExitCode);
        Assert.True(site.OutputExists("drafts/wip/index.html"));
    }
}
