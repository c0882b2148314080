using System.Text;

namespace Site.Core;

/// <summary>
/// What the last published site holds, kept in the cache folder (<c>output.manifest</c>): the output folder's
/// real path and identity (device, inode), and per site-relative path the content hash and the identity of the file.
/// The next build hard-links a file of that site into its staging folder instead of writing it when the new bytes
/// hash the same and the file still has the recorded identity (<see cref="PreviousOutput"/>). A file whose
/// modification time is within <see cref="RacyMarginNs"/> of the publish is "racy" (an edit in the same clock tick
/// would keep its time): its bytes are compared before it is used, as git does for its index.
/// Like every cache file it is only an accelerator: a missing, damaged or foreign manifest means "write everything".
/// </summary>
public sealed class OutputManifest
{
    public const string FileName = "output.manifest";
    private const string Magic = "kbsite-output-manifest";
    private const string Version = "1";
    /// <summary>Files modified this close to the publish (or after it) have their bytes compared before reuse.</summary>
    public const long RacyMarginNs = 100_000_000;

    private OutputManifest(string outputDir, FileStat folder, long publishedNs, Dictionary<string, OutputEntry> entries)
    {
        OutputDir = outputDir; Folder = folder; PublishedNs = publishedNs; Entries = entries;
    }

    /// <summary>The output folder's real path when it was published.</summary>
    public string OutputDir { get; }
    /// <summary>The output folder's identity (the staging folder that was renamed into place).</summary>
    public FileStat Folder { get; }
    /// <summary>Wall-clock time just before the site was swapped into place, in Unix nanoseconds.</summary>
    public long PublishedNs { get; }
    public IReadOnlyDictionary<string, OutputEntry> Entries { get; }

    public bool IsRacy(OutputEntry e) => e.Stat.MtimeNs >= PublishedNs - RacyMarginNs;

    public static string PathFor(string cacheDir) => Path.Combine(cacheDir, FileName);

    public static long NowNs() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

    /// <summary>
    /// The manifest of <paramref name="outputDir"/> when it still describes that folder: same real path, the folder
    /// is a real directory (not a link) with the recorded device and inode, and it carries the generator's mark.
    /// Null otherwise (no manifest, damaged, another output, the folder was replaced or unmarked).
    /// </summary>
    public static OutputManifest? Load(string cacheDir, string outputDir)
    {
        if (!FileStat.Supported) return null;
        try
        {
            var path = PathFor(cacheDir);
            if (!File.Exists(path)) return null;
            if (!CacheFile.TryVerify(File.ReadAllBytes(path), out var payload)) return null;
            using var r = new BinaryReader(new MemoryStream(payload.ToArray()), Encoding.UTF8);
            if (r.ReadString() != Magic || r.ReadString() != Version) return null;
            var dir = r.ReadString();
            var folder = ReadStat(r);
            var published = r.ReadInt64();
            var count = r.ReadInt32();
            if (count < 0) return null;
            var entries = new Dictionary<string, OutputEntry>(count, StringComparer.Ordinal);
            for (int i = 0; i < count; i++)
            {
                var rel = r.ReadString();
                var hash = new ContentHash(r.ReadUInt64(), r.ReadUInt64());
                entries[rel] = new OutputEntry(hash, ReadStat(r));
            }
            if (r.ReadString() != CacheFile.EndMark) return null;
            var full = Path.GetFullPath(outputDir).TrimEnd(Path.DirectorySeparatorChar);
            if (dir != OutputGuard.RealPath(full) || dir != full) return null;
            var now = FileStat.Of(full);
            if (now.Kind != FileKind.Directory || now.Dev != folder.Dev || now.Ino != folder.Ino || !OutputGuard.IsMarked(full)) return null;
            return new OutputManifest(dir, folder, published, entries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EndOfStreamException or FormatException or ArgumentException) { return null; }
    }

    /// <summary>Records the site just published in <paramref name="outputDir"/>; a failure only costs the next build its links.</summary>
    public static void Save(string cacheDir, string outputDir, IEnumerable<KeyValuePair<string, OutputEntry>> entries, long publishedNs)
    {
        var path = PathFor(cacheDir);
        var full = Path.GetFullPath(outputDir).TrimEnd(Path.DirectorySeparatorChar);
        var folder = FileStat.Supported ? FileStat.Of(full) : default;
        if (folder.Kind != FileKind.Directory || OutputGuard.RealPath(full) != full)
        {
            AtomicFile.TryDelete(path);
            return;
        }
        var list = entries.ToList();
        if (!CacheFile.Write(path, Magic, Version, w =>
            {
                w.Write(full);
                WriteStat(w, folder);
                w.Write(publishedNs);
                w.Write(list.Count);
                foreach (var (rel, e) in list)
                {
                    w.Write(rel);
                    w.Write(e.Hash.A);
                    w.Write(e.Hash.B);
                    WriteStat(w, e.Stat);
                }
            }))
            AtomicFile.TryDelete(path);
    }

    /// <summary>Forgets the manifest (e.g. before a publish whose manifest cannot be written).</summary>
    public static void Delete(string cacheDir) => AtomicFile.TryDelete(PathFor(cacheDir));

    private static void WriteStat(BinaryWriter w, FileStat s)
    {
        w.Write((byte)s.Kind);
        w.Write(s.Dev);
        w.Write(s.Ino);
        w.Write(s.Size);
        w.Write(s.MtimeNs);
    }

    private static FileStat ReadStat(BinaryReader r) => new((FileKind)r.ReadByte(), r.ReadUInt64(), r.ReadUInt64(), r.ReadInt64(), r.ReadInt64());
}
