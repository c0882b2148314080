namespace Site.Core;

/// <summary>
/// The one place that names temporary files and renames them into place, so a reader (the preview server,
/// the next build) never sees half a file: output files written in place, cache files, the product cache.
/// A temporary name is hidden (leading '.'), unique per process and thread, and ends in ".tmp" (the preview
/// watcher and the note reader skip such names).
/// </summary>
public static class AtomicFile
{
    /// <summary>"dir/.name.&lt;pid&gt;.&lt;thread&gt;.tmp" beside <paramref name="path"/>.</summary>
    public static string TempFor(string path)
    {
        var dir = Path.GetDirectoryName(path) ?? "";
        return Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp");
    }

    /// <summary>Moves a finished temporary file over <paramref name="path"/> (one rename).</summary>
    public static void Publish(string temp, string path) => File.Move(temp, path, overwrite: true);

    /// <summary>Writes <paramref name="content"/> to a temporary file and renames it over <paramref name="path"/>.</summary>
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var tmp = TempFor(path);
        try
        {
            using (var handle = File.OpenHandle(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
                if (!content.IsEmpty) RandomAccess.Write(handle, content, 0);
            Publish(tmp, path);
        }
        catch { TryDelete(tmp); throw; }
    }

    /// <summary>Streams into a temporary file and renames it over <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> contents, int bufferSize = 1 << 16)
    {
        var tmp = TempFor(path);
        try
        {
            using (var s = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize)) contents(s);
            Publish(tmp, path);
        }
        catch { TryDelete(tmp); throw; }
    }

    /// <summary>
    /// Streams into a temporary file now and leaves it there: <see cref="Pending.Publish"/> renames it over
    /// <paramref name="path"/> later (a build writes its cache while pages are emitted and publishes it only
    /// if the build succeeds), <see cref="Pending.Discard"/> deletes it.
    /// </summary>
    public static Pending WritePending(string path, Action<Stream> contents, int bufferSize = 1 << 16)
    {
        var tmp = TempFor(path);
        try
        {
            using (var s = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize)) contents(s);
            return new Pending(tmp, path);
        }
        catch { TryDelete(tmp); throw; }
    }

    /// <summary>A finished temporary file waiting to be renamed into place (<see cref="WritePending"/>).</summary>
    public sealed record Pending(string Temp, string Path)
    {
        public void Publish() => AtomicFile.Publish(Temp, Path);
        public void Discard() => TryDelete(Temp);
    }

    /// <summary>Copies <paramref name="source"/> to a temporary file and renames it over <paramref name="path"/>.</summary>
    public static void Copy(string source, string path)
    {
        var tmp = TempFor(path);
        try
        {
            File.Copy(source, tmp, overwrite: true);
            Publish(tmp, path);
        }
        catch { TryDelete(tmp); throw; }
    }

    public static void TryDelete(string tmp)
    {
        try { File.Delete(tmp); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
