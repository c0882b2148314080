using Markdig.Syntax.Inlines;

namespace Site.Render.MissingImages;

/// <summary>
/// Marks an image whose file is not in the input (LinkResolver does, when it warns), so that
/// <see cref="MissingImageRenderer"/> shows a placeholder with its alt text instead of an &lt;img&gt; that would 404.
/// </summary>
public static class MissingImage
{
    private static readonly object Key = new();

    public static void Mark(LinkInline image) => image.SetData(Key, true);

    public static bool IsMarked(LinkInline link) => link.IsImage && link.GetData(Key) is true;
}
