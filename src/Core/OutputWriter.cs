using System.Runtime.InteropServices;
using System.Text;

namespace Site.Core;

/// <summary>
/// Writes the site into a hidden staging folder beside the output folder and, only when the build
/// succeeds, swaps it into place (an atomic rename-exchange on Linux). A failed or killed build never
/// touches the previous site. Every path is checked to stay inside the staging root.
/// Ownership: the staging folder is marked (<see cref="OutputGuard.MarkerName"/>) the moment it is made, so
/// the site it becomes is marked too; only marked folders are ever deleted (leftover staging/old folders of
/// killed builds, the previous site this build swapped out). Callers check the output with
/// <see cref="OutputGuard.Check"/> and hold <see cref="OutputLock"/> first.
/// </summary>
public sealed class OutputWriter : IDisposable
{
    private readonly string _final;
    private readonly string _rootPrefix;
    /// <summary>Folders already created in the staging root: each is made once, not once per file.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _dirs = new(StringComparer.Ordinal);
    private bool _committed;

    /// <summary>
    /// A writer straight into the live output folder, for the preview's fast path: every file is written
    /// to a temporary name beside it and renamed over the old one, so a server reading the folder never
    /// sees half a file. There is nothing to commit; paths are checked like the staging writer's.
    /// </summary>
    public static OutputWriter InPlace(string outputDir) => new(outputDir, inPlace: true);

    /// <summary>True for <see cref="InPlace"/> writers.</summary>
    public bool IsInPlace { get; }

    private OutputWriter(string outputDir, bool inPlace)
    {
        _final = Path.GetFullPath(outputDir).TrimEnd(Path.DirectorySeparatorChar);
        Root = _final;
        Directory.CreateDirectory(Root);
        _rootPrefix = Root + Path.DirectorySeparatorChar;
        _dirs[Root] = 0;
        IsInPlace = inPlace;
        _committed = true;
    }

    public OutputWriter(string outputDir)
    {
        _final = Path.GetFullPath(outputDir).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(_final)!;
        Directory.CreateDirectory(parent);
        CleanStale(parent, Path.GetFileName(_final));
        Root = Path.Combine(parent, $".{Path.GetFileName(_final)}.staging-{Environment.ProcessId}-{Guid.NewGuid():N}"[..^24]);
        if (Directory.Exists(Root)) throw new IOException($"staging folder {Root} already exists");
        Directory.CreateDirectory(Root);
        OutputGuard.Mark(Root);
        _rootPrefix = Root + Path.DirectorySeparatorChar;
        _dirs[Root] = 0;
    }

    /// <summary>The staging root everything is written to during the build.</summary>
    public string Root { get; }
    public string FinalDir => _final;

    /// <summary>Old sites this process is deleting in the background: the stale sweep leaves them to it.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> BeingDeleted = new(StringComparer.Ordinal);

    private static void CleanStale(string parent, string name)
    {
        // Leftovers of builds that were killed: never the live output itself, and only folders this
        // generator made (a folder merely named like one is left alone).
        foreach (var d in Directory.EnumerateDirectories(parent, $".{name}.staging-*").Concat(Directory.EnumerateDirectories(parent, $".{name}.old-*")))
        {
            if (BeingDeleted.ContainsKey(d) || new DirectoryInfo(d).LinkTarget is not null || !OutputGuard.IsMarked(d)) continue;
            try { Directory.Delete(d, recursive: true); } catch { /* another build may own it */ }
        }
    }

    /// <summary>Deletes the previous site this build swapped or renamed away: recursively only when it carries
    /// the mark (an empty unmarked folder is removed, anything else is left where it is).</summary>
    private void DeleteOld(string old, bool background)
    {
        if (!OutputGuard.IsMarked(old))
        {
            try { Directory.Delete(old, recursive: false); } catch (IOException) { }
            return;
        }
        if (background)
        {
            BeingDeleted[old] = 0;
            _ = Task.Run(() =>
            {
                try { Directory.Delete(old, recursive: true); } catch { }
                finally { BeingDeleted.TryRemove(old, out _); }
            });
        }
        else if (_filesWritten + _filesLinked > DetachedDeleteThreshold && TryDetachedDelete(old)) { }
        else Directory.Delete(old, recursive: true);
    }

    /// <summary>
    /// Maps a site-relative path ("notes/a/index.html") to a full path inside the staging root,
    /// or returns null if it would escape (.., absolute, drive letters, NUL).
    /// </summary>
    public string? Resolve(string relative)
    {
        if (string.IsNullOrEmpty(relative) || relative.Contains('\0')) return null;
        var rel = relative.Replace('\\', '/').TrimStart('/');
        if (rel.Length == 0 || rel.Contains(':')) return null;
        for (int start = 0; start <= rel.Length;)
        {
            var end = rel.IndexOf('/', start);
            if (end < 0) end = rel.Length;
            var seg = rel.AsSpan(start, end - start);
            if (seg is ".." or ".") return null;
            start = end + 1;
        }
        // No empty, "." or ".." segment: Root + "/" + rel is already the full path.
        if (Path.DirectorySeparatorChar == '/' && !rel.Contains("//", StringComparison.Ordinal) && !rel.EndsWith('/')) return _rootPrefix + rel;
        var full = Path.GetFullPath(Path.Combine(Root, rel));
        return full.StartsWith(_rootPrefix, StringComparison.Ordinal) ? full : null;
    }

    public bool Exists(string relative) => Resolve(relative) is { } f && File.Exists(f);

    /// <summary>Above this many files, a command-line build hands the old site to a detached `rm -rf`
    /// (deleting a site of 1,500 pages took ~35 ms of a 0.35 s build, tens of thousands can take longer than
    /// the build); the next build sweeps leftovers.</summary>
    public const int DetachedDeleteThreshold = 300;
    private int _filesWritten;
    private int _pagesWritten;

    /// <summary>HTML pages written so far (the build summary counts these instead of re-listing the folder).</summary>
    public int PagesWritten => _pagesWritten;

    private static bool TryDetachedDelete(string dir)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return false;
        try
        {
            var psi = new System.Diagnostics.ProcessStartInfo("rm") { UseShellExecute = false, RedirectStandardError = false };
            psi.ArgumentList.Add("-rf");
            psi.ArgumentList.Add("--");
            psi.ArgumentList.Add(dir);
            using var p = System.Diagnostics.Process.Start(psi);
            return p is not null;
        }
        catch (Exception) { return false; }
    }

    public void WriteText(string relative, string content) => WriteBytes(relative, new UTF8Encoding(false).GetBytes(content));

    private void EnsureDirectory(string dir)
    {
        if (_dirs.ContainsKey(dir)) return;
        // A new leaf under a folder made earlier (a note's folder): one mkdir, no walk up the path.
        var parent = Path.GetDirectoryName(dir);
        if (!(OperatingSystem.IsLinux() && parent is not null && _dirs.ContainsKey(parent) && NativeFiles.Mkdir(dir)))
            Directory.CreateDirectory(dir);
        _dirs.TryAdd(dir, 0);
    }

    /// <summary>
    /// Writes one file: open, one write, close (no FileStream buffer); its folder is created once per build.
    /// With a previous site (<see cref="UsePrevious"/>) a file whose bytes it already holds is hard-linked instead.
    /// A staging path is always a new file: one that exists (written twice, or linked) is unlinked first, never
    /// opened for writing, because a linked file shares its inode with the previous site.
    /// </summary>
    public void WriteBytes(string relative, ReadOnlySpan<byte> content)
    {
        var full = Resolve(relative) ?? throw new InvalidOperationException($"refusing to write outside the output folder: {relative}");
        EnsureDirectory(Path.GetDirectoryName(full)!);
        if (IsInPlace)
        {
            AtomicFile.Write(full, content);
        }
        else if (_entries is not null)
        {
            var hash = ContentHash.Of(content);
            var key = full[_rootPrefix.Length..];
            if (TryLink(key, full, hash, relative)) return;
            if (NativeFiles.WriteNew(full, content, out var st)) _entries[key] = new OutputEntry(hash, st);
            else WriteNew(full, content);
        }
        else if (!(OperatingSystem.IsLinux() && NativeFiles.WriteNew(full, content, out _)))
            WriteNew(full, content);
        Interlocked.Increment(ref _filesWritten);
        Interlocked.Add(ref _bytesWritten, content.Length);
        CountPage(relative);
    }

    private void CountPage(string relative)
    {
        if (relative.EndsWith(".html", StringComparison.OrdinalIgnoreCase)) Interlocked.Increment(ref _pagesWritten);
    }

    /// <summary>The portable write: a new file (an existing one is removed first, never truncated).</summary>
    private static void WriteNew(string full, ReadOnlySpan<byte> content)
    {
        if (File.Exists(full) || new FileInfo(full).LinkTarget is not null) File.Delete(full);
        using var handle = File.OpenHandle(full, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        if (!content.IsEmpty) RandomAccess.Write(handle, content, 0);
    }

    /// <summary>
    /// Links <paramref name="relative"/> from the previous site when it holds bytes hashing to <paramref name="hash"/>
    /// (a product whose checksums are known, e.g. the cached search index): false, nothing written, otherwise.
    /// </summary>
    public bool TryLinkUnchanged(string relative, ContentHash hash)
    {
        if (_previous is null || _entries is null || IsInPlace) return false;
        var full = Resolve(relative);
        if (full is null) return false;
        var key = full[_rootPrefix.Length..];
        if (!_previous.Has(key, hash)) return false;
        EnsureDirectory(Path.GetDirectoryName(full)!);
        return TryLink(key, full, hash, relative);
    }

    /// <summary>Links <paramref name="full"/> from the previous site's file at <paramref name="key"/> when it holds
    /// bytes hashing to <paramref name="hash"/>, and records and counts it.</summary>
    private bool TryLink(string key, string full, ContentHash hash, string relative)
    {
        if (_previous?.TryLink(key, full, hash) is not { } linked) return false;
        _entries![key] = new OutputEntry(hash, linked);
        Interlocked.Increment(ref _filesLinked);
        CountPage(relative);
        return true;
    }

    /// <summary>Adds a file a module streamed into the staging folder itself to the manifest (hash and identity) and the counts.</summary>
    public void Record(string relative)
    {
        if (IsInPlace || Resolve(relative) is not { } full) return;
        if (_entries is not null && FileStat.Of(full) is { Kind: FileKind.File } st)
            _entries[full[_rootPrefix.Length..]] = new OutputEntry(ContentHash.Of(File.ReadAllBytes(full)), st);
        Interlocked.Increment(ref _filesWritten);
        Interlocked.Add(ref _bytesWritten, new FileInfo(full).Length);
    }

    /// <summary>Files copied into the site up to this size are hashed and linked when unchanged; larger ones are always copied.</summary>
    public const long TrackedCopyMaxBytes = 64L << 20;

    public void CopyFile(string sourceFile, string relative)
    {
        // Tracked copies are read whole to be hashed (theme files, fonts, images); a very large file is copied as before.
        if (IsInPlace || (_entries is not null && new FileInfo(sourceFile).Length <= TrackedCopyMaxBytes)) { WriteBytes(relative, File.ReadAllBytes(sourceFile)); return; }
        var full = Resolve(relative) ?? throw new InvalidOperationException($"refusing to write outside the output folder: {relative}");
        EnsureDirectory(Path.GetDirectoryName(full)!);
        if (File.Exists(full)) File.Delete(full);
        File.Copy(sourceFile, full, overwrite: false);
        Interlocked.Increment(ref _filesWritten);
        Interlocked.Add(ref _bytesWritten, new FileInfo(full).Length);
    }

    /// <summary>
    /// Turns on the output manifest for this (staging) writer: every file's hash and identity is recorded
    /// (<see cref="Entries"/>, saved by the caller after <see cref="Commit"/>), and with <paramref name="previous"/>
    /// unchanged files are linked from the site it describes. Needs <see cref="FileStat.Supported"/>.
    /// </summary>
    public void UsePrevious(PreviousOutput? previous)
    {
        if (IsInPlace || !FileStat.Supported) return;
        _entries = new System.Collections.Concurrent.ConcurrentDictionary<string, OutputEntry>(StringComparer.Ordinal);
        _previous = previous;
    }

    private System.Collections.Concurrent.ConcurrentDictionary<string, OutputEntry>? _entries;
    private PreviousOutput? _previous;
    private int _filesLinked;
    private long _bytesWritten;

    /// <summary>Path → hash and identity of every file written or linked through this writer (null without <see cref="UsePrevious"/>).</summary>
    public IEnumerable<KeyValuePair<string, OutputEntry>>? Entries => _entries;
    /// <summary>Files written with new bytes (counting files copied).</summary>
    public int FilesWritten => _filesWritten;
    /// <summary>Files hard-linked from the previous site.</summary>
    public int FilesLinked => _filesLinked;
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <summary>
    /// Swap the staging folder into place. The previous site is replaced in one step. With
    /// <paramref name="deleteOldInBackground"/> (long-lived processes like preview) the old site is
    /// removed off the build's path; a later build sweeps up anything a process exit interrupted.
    /// </summary>
    public void Commit(bool deleteOldInBackground = false)
    {
        if (_committed) return;
        var errno = Directory.Exists(_final) ? Exchange(Root, _final) : -1;
        if (errno == 0)
        {
            // Root now holds the previous site.
            _committed = true;
            DeleteOld(Root, deleteOldInBackground);
            return;
        }
        if (errno is 16 /*EBUSY*/ or 18 /*EXDEV*/)
            throw new IOException($"output folder {_final} cannot be replaced by renaming ({(errno == 16 ? "EBUSY" : "EXDEV")}: it is a mount point or on another file system than its parent folder); use a folder inside it as the output");
        string? old = null;
        if (Directory.Exists(_final))
        {
            old = Path.Combine(Path.GetDirectoryName(_final)!, $".{Path.GetFileName(_final)}.old-{Guid.NewGuid():N}");
            Directory.Move(_final, old);
        }
        Directory.Move(Root, _final);
        _committed = true;
        if (old != null) DeleteOld(old, deleteOldInBackground);
    }

    public void Dispose()
    {
        if (!_committed && Directory.Exists(Root))
        {
            try { Directory.Delete(Root, recursive: true); } catch { }
        }
    }

    [DllImport("libc", SetLastError = true, EntryPoint = "renameat2")]
    private static extern int RenameAt2(int olddirfd, string oldpath, int newdirfd, string newpath, uint flags);

    /// <summary>Tests replace the rename-exchange to simulate a mount point (return an errno; 0 = swapped; null = do the real one).</summary>
    internal static Func<string, string, int?>? ExchangeOverride;

    /// <summary>Swaps two folders atomically: 0, or the errno (-1 when the call is not available).</summary>
    private static int Exchange(string a, string b)
    {
        if (ExchangeOverride?.Invoke(a, b) is { } simulated) return simulated;
        if (!OperatingSystem.IsLinux()) return -1;
        try { return RenameAt2(-100 /*AT_FDCWD*/, a, -100, b, 2 /*RENAME_EXCHANGE*/) == 0 ? 0 : Math.Max(1, Marshal.GetLastPInvokeError()); }
        catch (Exception) { return -1; }
    }
}
