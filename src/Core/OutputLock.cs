namespace Site.Core;

/// <summary>
/// One build at a time per output folder: an exclusive lock on a file named after the output's real path
/// (<c>(<c>&lt;temp&gt;/kbsite-locks/&lt;hash&gt;.lock</c>lt;temp(<c>&lt;temp&gt;/kbsite-locks/&lt;hash&gt;.lock</c>gt;/kbsite-locks-(<c>&lt;temp&gt;/kbsite-locks/&lt;hash&gt;.lock</c>lt;user(<c>&lt;temp&gt;/kbsite-locks/&lt;hash&gt;.lock</c>gt;/(<c>&lt;temp&gt;/kbsite-locks/&lt;hash&gt;.lock</c>lt;hash(<c>&lt;temp&gt;/kbsite-locks/&lt;hash&gt;.lock</c>gt;.lock</c>, or under <c>KBSITE_LOCK_DIR</c>; nothing is added beside
/// the output), an advisory lock the kernel drops when the process dies, so a killed build never leaves a stale
/// lock. A second build waits up to <see cref="Wait"/> for the first one, then stops with a message. The lock
/// file is left in place (deleting it would let a third build lock a different file), so lock files live in one
/// folder of their own — one small file per output folder ever built — instead of littering the temp folder.
/// </summary>
public sealed class OutputLock : IDisposable
{
    /// <summary>How long a second build waits for the first (tests shorten it).</summary>
    public static TimeSpan Wait { get; set; } = TimeSpan.FromSeconds(10);
    private readonly FileStream _stream;

    private OutputLock(FileStream stream, string path) { _stream = stream; Path = path; }

    public string Path { get; }

    /// <summary>The lock file of an output folder (the same for every spelling of its path).</summary>
    public static string PathFor(string outputDir)
    {
        var real = OutputGuard.RealPath(outputDir);
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(real)))[..24].ToLowerInvariant();
        return System.IO.Path.Combine(Folder, $"{hash}.lock");
    }

    /// <summary>Where lock files live: <c>KBSITE_LOCK_DIR</c> when set (the test suite points it at a folder it
    /// removes afterwards), else <c>kbsite-locks-else <c>kbsite-locks</c> in the temp folderlt;userelse <c>kbsite-locks</c> in the temp foldergt;</c> in the temp folder.</summary>
    public static string Folder =>
        Environment.GetEnvironmentVariable("KBSITE_LOCK_DIR") is { Length: > 0 } dir
            ? System.IO.Path.GetFullPath(dir)
            : System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"kbsite-locks-{Environment.UserName}");

    /// <summary>Takes the lock, waiting at most <paramref name="wait"/>; throws <see cref="IOException"/> with a
    /// message naming the output when another build still holds it.</summary>
    public static OutputLock Acquire(string outputDir, TimeSpan? wait = null)
    {
        var path = PathFor(outputDir);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + (wait ?? Wait);
        while (true)
        {
            try { return new OutputLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1), path); }
            catch (IOException) when (File.Exists(path) && DateTime.UtcNow < deadline) { Thread.Sleep(100); }
            catch (IOException) when (File.Exists(path))
            {
                throw new IOException($"another build is writing to {outputDir} (it holds the lock {path}); waited {(wait ?? Wait).TotalSeconds:0} s — try again when it has finished");
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
