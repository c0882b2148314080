using Site.Render;
using Xunit;

namespace Site.Tests.MathTests;

public class NodeToolsTests
{
    private static string Theme(string lockVersion, string? installedVersion, bool pkgDir = true)
    {
        var t = MathTestSupport.TempDir("node-theme");
        File.WriteAllText(Path.Combine(t, "package-lock.json"),
            "{\"lockfileVersion\":3,\"packages\":{\"\":{\"name\":\"x\"},\"node_modules/katex\":{\"version\":\"" + lockVersion + "\"}}}");
        if (installedVersion is not null)
        {
            Directory.CreateDirectory(Path.Combine(t, "node_modules"));
            File.WriteAllText(Path.Combine(t, "node_modules", ".package-lock.json"),
                "{\"lockfileVersion\":3,\"packages\":{\"node_modules/katex\":{\"version\":\"" + installedVersion + "\"}}}");
            if (pkgDir) Directory.CreateDirectory(Path.Combine(t, "node_modules", "katex"));
        }
        return t;
    }

    [Fact]
    public void Fresh_node_modules_is_not_stale()
    {
        var t = Theme("0.16.22", "0.16.22");
        try { Assert.False(NodeTools.IsNodeModulesStale(t, out var why), why); }
        finally { Directory.Delete(t, true); }
    }

    [Theory]
    [InlineData("0.16.22", null, true, "missing")]
    [InlineData("0.16.22", "0.16.21", true, "package-lock.json wants 0.16.22")]
    [InlineData("0.16.22", "0.16.22", false, "node_modules/katex is missing")]
    public void Stale_node_modules_is_detected(string locked, string? installed, bool pkgDir, string reason)
    {
        var t = Theme(locked, installed, pkgDir);
        try
        {
            Assert.True(NodeTools.IsNodeModulesStale(t, out var why));
            Assert.Contains(reason, why);
        }
        finally { Directory.Delete(t, true); }
    }

    [Fact]
    public void The_real_theme_is_installed()
    {
        Assert.False(NodeTools.IsNodeModulesStale(MathTestSupport.ThemeDir, out var why), why);
    }

    [Fact]
    public void Missing_node_gives_the_one_clear_message()
    {
        var setup = NodeTools.EnsureTheme(MathTestSupport.ThemeDir, pathEnv: "/nonexistent-bin");
        Assert.False(setup.Ok);
        Assert.Null(setup.NodePath);
        Assert.StartsWith("Node.js 20+ is required to render math at build time: install it (e.g. apt-get install nodejs)", setup.Problem);
    }

    [SkippableNodeFact]
    public void Finds_node_20_or_newer_on_path()
    {
        var node = NodeTools.FindNode();
        Assert.NotNull(node);
        Assert.True(NodeTools.GetNodeVersion(node!)!.Major >= 20);
        var setup = NodeTools.EnsureTheme(MathTestSupport.ThemeDir);
        Assert.True(setup.Ok, setup.Problem);
    }
}
