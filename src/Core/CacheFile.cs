using System.Text;

namespace Site.Core;

/// <summary>
/// The frame every binary cache file shares: a magic string, a fingerprint of what the contents depend
/// on, the contents, and an "end" mark; written to a temporary file and renamed into place, so a reader
/// never sees half a file and a killed build leaves the previous cache. Caches are accelerators only:
/// a failed write is swallowed (the next build just does the work).
/// </summary>
public static class CacheFile
{
    public const string EndMark = "end";

    /// <summary>Writes <paramref name="path"/> atomically; false when it could not be written.</summary>
    public static bool Write(string path, string magic, string fingerprint, Action<BinaryWriter> contents)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            AtomicFile.Write(path, stream =>
            {
                using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
                w.Write(magic);
                w.Write(fingerprint);
                contents(w);
                w.Write(EndMark);
            });
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return false; }
    }
}
