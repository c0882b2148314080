using System.Diagnostics;
using Site.Cli;
using Site.Core;
using Site.Links;
using Site.Tests.Support;

namespace Site.Tests.Links;

/// <summary>
/// A git repository of notes under /tmp, edited the way an author does (write, build, commit) and built the
/// way CI does: a fresh clone, <c>--no-cache</c>. Everything it makes lives under <see cref="Root"/> and is deleted on dispose.
/// </summary>
public sealed class GitNotes : IDisposable
{
    public GitNotes()
    {
        Root = Path.Combine("/tmp", "kb-links-" + Guid.NewGuid().ToString("N")[..10]);
        Work = Path.Combine(Root, "work");
        Directory.CreateDirectory(Work);
        Git(Work, "init", "-q", "-b", "main");
        Git(Work, "config", "user.email", "t@example.org");
        Git(Work, "config", "user.name", "Test");
        Git(Work, "config", "commit.gpgsign", "false");
    }

    public string Root { get; }
    /// <summary>The author's working copy (the input folder is the repository itself).</summary>
    public string Work { get; }
    private int _n;

    public GitNotes Write(string rel, string text)
    {
        var full = Path.Combine(Work, rel);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return this;
    }

    public GitNotes Move(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(Work, to))!);
        Git(Work, "mv", from, to);
        return this;
    }

    public GitNotes Delete(string rel) { Git(Work, "rm", "-q", rel); return this; }

    public void Commit(string message)
    {
        Git(Work, "add", "-A");
        Git(Work, "commit", "-q", "--allow-empty", "-m", message);
    }

    /// <summary>The author's step: a normal build of the working copy (it updates the registry), then commit everything.</summary>
    public BuildResult BuildAndCommit(string message)
    {
        var r = Build(Work, strict: false, out _);
        Commit(message);
        return r;
    }

    /// <summary>CI's step: clone the repository afresh and build it with no cache; returns the result and the output folder.</summary>
    public (BuildResult Result, string Output, string Clone) BuildFreshClone(bool strict = true)
    {
        var clone = Path.Combine(Root, "clone-" + ++_n);
        Git(Root, "clone", "-q", Work, clone);
        var r = Build(clone, strict, out var output);
        return (r, output, clone);
    }

    private BuildResult Build(string input, bool strict, out string output)
    {
        output = Path.Combine(Root, "out-" + ++_n);
        var log = new StringWriter();
        var r = SiteBuilder.Build(new BuildOptions
        {
            InputDir = input, OutputDir = output, ThemeDir = TempSite.ThemeDir, Strict = strict, CacheDir = null, SiteTitle = "Git KB",
        }, log, quiet: true);
        Log += log + "\n";
        return r;
    }

    public string Log { get; private set; } = "";

    /// <summary>The registry committed in the working copy.</summary>
    public LinkRegistry Registry() =>
        LinkRegistry.Parse(File.ReadAllText(RegistryFile.PathIn(Work)), (line, msg) => throw new InvalidOperationException($"registry line {line}: {msg}"));

    public static string Git(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        if (!p.WaitForExit(60_000)) { p.Kill(true); throw new TimeoutException("git " + string.Join(' ', args)); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {stderr}");
        return stdout.Result;
    }

    public void Dispose()
    {
        // Only the folder this helper made under /tmp.
        if (Root.StartsWith("/tmp/kb-links-", StringComparison.Ordinal))
            try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
