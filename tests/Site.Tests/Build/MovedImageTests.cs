using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Build;

/// <summary>Typora writes images to "./assets/" beside a note; when the note later moves into a subfolder the links
/// break though the files are in the input (18 images of a real Typora collection). The only file of that name is used, with a warning.</summary>
public class MovedImageTests
{
    private static readonly byte[] Png = { 0x89, 0x50, 0x4E, 0x47 };

    [Fact]
    public void An_image_left_in_the_parent_assets_folder_is_found_by_name()
    {
        using var site = new TempSite();
        site.WriteBytes("Notes/assets/image-20240101120000001.png", Png)
            .WriteBytes("Notes/assets/image-20240101120000002.png", Png)
            .WriteBytes("a/dup.png", Png).WriteBytes("b/dup.png", Png)
            .Write("Notes/core/Fiber.md", "# Fiber\n\n![image](./assets/image-20240101120000001.png)\n\n"
                + "<img src=\"./assets/image-20240101120000002.png\" alt=\"x\" style=\"zoom:50%;\" />\n\n![d](./assets/dup.png)\n");
        var r = site.Build();
        Assert.Equal(0, r.ExitCode);
        var html = site.ReadOutput("notes/core/fiber/index.html");
        Assert.Contains("src=\"/Notes/assets/image-20240101120000001.png\"", html);
        Assert.Contains("src=\"/Notes/assets/image-20240101120000002.png\"", html);
        Assert.True(site.OutputExists("Notes/assets/image-20240101120000001.png"));
        var moved = r.Diagnostics.Where(d => d.Message.Contains("the only file of that name")).ToList();
        Assert.Equal(new[] { ("Notes/core/Fiber.md", 3) }, moved.Take(1).Select(d => (d.Path, d.Line)));
        Assert.Equal(2, moved.Count);
        // Two files share the name: nothing is guessed.
        Assert.Single(r.Diagnostics, d => d.Message.StartsWith("missing image: ./assets/dup.png", StringComparison.Ordinal));
        Assert.Equal(1, site.Build(strict: true).ExitCode);
    }
}
