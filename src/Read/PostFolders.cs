using System.Globalization;

namespace Site.Read;

/// <summary>
/// One owner for the blog conventions of Jekyll and Hexo: posts live in <c>_posts/</c> (Hexo: <c>source/_posts/</c>),
/// drafts in <c>_drafts/</c>, and a Jekyll post's file name starts with its date (<c>2021-05-03-title.md</c>).
/// Every other "_" folder (<c>_layouts</c>, <c>_includes</c>, <c>_site</c>) stays skipped (<see cref="NoteFiles.IsSkippedName"/>).
/// A posts folder is published without its underscore (<c>_posts/x.md</c> → <c>posts/x/</c>), a dated file name gives
/// the note its date when the front matter has none, and its title comes without the date. Notes under
/// <c>_drafts/</c> are drafts: built only with <c>--drafts</c>.
/// </summary>
public static class PostFolders
{
    public const string Posts = "_posts", Drafts = "_drafts";

    /// <summary>Whether a folder name is a blog's posts or drafts folder (read, though it starts with "_").</summary>
    public static bool IsPostsFolder(string name) =>
        name.Equals(Posts, StringComparison.OrdinalIgnoreCase) || name.Equals(Drafts, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a note lies in a <c>_drafts</c> folder.</summary>
    public static bool IsDraft(string sourcePath) =>
        sourcePath.Split('/').SkipLast(1).Any(s => s.Equals(Drafts, StringComparison.OrdinalIgnoreCase));

    /// <summary>The URL segment of a source folder name: "_posts" → "posts", "_drafts" → "drafts", any other name as it is.</summary>
    public static string UrlName(string folderName) => IsPostsFolder(folderName) ? folderName[1..] : folderName;

    /// <summary>The date a Jekyll post's file name starts with ("2021-05-03-title.md" → 2021-05-03, UTC), or null.</summary>
    public static DateTimeOffset? DateFromName(string sourcePath) => DateOfStem(Path.GetFileNameWithoutExtension(sourcePath));

    /// <summary>A file name without a Jekyll date prefix: "2021-05-03-title" → "title"; other names as they are.</summary>
    public static string WithoutDate(string stem) => stem.Length > 11 && DateOfStem(stem) is not null ? stem[11..] : stem;

    private static DateTimeOffset? DateOfStem(string stem)
    {
        if (stem.Length < 11 || stem[10] != '-') return null;
        return DateTime.TryParseExact(stem[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? new DateTimeOffset(d, TimeSpan.Zero) : null;
    }
}
