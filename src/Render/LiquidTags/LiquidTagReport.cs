using Markdig.Syntax;

namespace Site.Render.LiquidTags;

/// <summary>The warnings for Hexo / Jekyll tags a note's page does not render (<see cref="LiquidTagBlock"/>, <see cref="LiquidTagLine"/>).</summary>
public static class LiquidTagReport
{
    /// <summary>Calls <paramref name="warn"/> with the 0-based body line and message of each tag left out.</summary>
    public static void Report(MarkdownDocument doc, Action<int, string> warn)
    {
        Site.Core.MarkdownWalk.Each(doc, warn, static (b, warn) =>
        {
            switch (b)
            {
                case LiquidTagBlock { Silent: false } t:
                    warn(t.Line, $"Hexo/Jekyll tag {{% {t.Name} %}} is not supported; its content is shown without it");
                    break;
                case LiquidTagLine l:
                    warn(l.Line, $"Hexo/Jekyll tag {l.Tag} is not supported; left out of the page");
                    break;
            }
        });
    }
}
