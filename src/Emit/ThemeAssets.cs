using Site.Core;

namespace Site.Emit;

/// <summary>Copies the theme's static files into output/assets/: theme/assets/**, theme/search/* (browser files), lunr.</summary>
public static class ThemeAssets
{
    public static void Copy(BuildContext ctx)
    {
        var theme = Path.GetFullPath(ctx.Options.ThemeDir);
        CopyTree(ctx, Path.Combine(theme, "assets"), "assets");
        if (!ctx.Options.SearchEnabled) return; // site.yml `search: { enabled: false }`: no search scripts, no lunr
        var search = Path.Combine(theme, "search");
        if (Directory.Exists(search))
            foreach (var f in Directory.EnumerateFiles(search))
            {
                var name = Path.GetFileName(f);
                if (name.EndsWith(".test.mjs") || name is "query.mjs" or "build-index.mjs" or "node-lunr.mjs") continue;
                if (name.EndsWith(".mjs") || name.EndsWith(".js") || name.EndsWith(".css")) ctx.Output.CopyFile(f, "assets/search/" + name);
            }
        var lunr = Path.Combine(theme, "node_modules", "lunr", "lunr.min.js");
        // A site without math never ran the math stage's npm ci: search still needs lunr.
        var problem = File.Exists(lunr) ? null : Render.NodeTools.EnsureTheme(theme, s => Console.Error.WriteLine(s)).Problem;
        if (File.Exists(lunr)) ctx.Output.CopyFile(lunr, "assets/search/lunr.min.js");
        else ctx.Diagnostics.Warn(Path.Combine(ctx.Options.ThemeDir, "package.json"), 1,
            $"lunr is not installed ({problem ?? "run npm ci in the theme folder"}); search will not work");
    }

    private static void CopyTree(BuildContext ctx, string dir, string target)
    {
        if (!Directory.Exists(dir)) return;
        foreach (var f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(dir, f).Replace('\\', '/');
            ctx.Output.CopyFile(f, target + "/" + rel);
        }
    }
}
