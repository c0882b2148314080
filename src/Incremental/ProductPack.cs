using System.Globalization;
using System.Text;
using Site.Core;

namespace Site.Incremental;

/// <summary>
/// How <see cref="ProductCache"/> keeps a product made of many files (the search index: ~2,500 files per
/// 1,000 notes) in the cache folder: one <c>pack</c> file with all their bytes one after the other, a
/// <c>list</c> of their site-relative paths and a <c>key</c> stamp. The stamp's first line is the key; line
/// i + 1 describes file i: the SHA-256 of its bytes (hex), the hash of what it was made from (its
/// <i>source</i>, e.g. the JSON a .gz file compresses; "-" when not given), its offset and length in the pack.
/// One pack instead of a file per output file: storing the index is one write, not 2,500 file creations.
/// Every slice read from the pack is checked against its SHA-256 before use; anything wrong means "compute".
/// </summary>
public sealed class ProductPack
{
    public const string PackFile = "pack", ListFile = "list", StampFile = "key";

    private readonly string _pack;
    private readonly string[] _paths;
    private readonly Entry[] _entries;
    private readonly Dictionary<string, int> _byPath;

    private readonly record struct Entry(ContentHash Hash, ContentHash? Source, long Offset, int Length);

    private ProductPack(string dir, string key, string[] paths, Entry[] entries)
    {
        _pack = Path.Combine(dir, PackFile);
        Key = key;
        _paths = paths;
        _entries = entries;
        _byPath = new Dictionary<string, int>(paths.Length, StringComparer.Ordinal);
        for (int i = 0; i < paths.Length; i++) _byPath[paths[i]] = i;
    }

    /// <summary>The stamp's key (the product key and the checksum of the list: <see cref="ListedKey"/>).</summary>
    public string Key { get; }

    /// <summary>The product key the entry was stored under (<see cref="Key"/> without the list's checksum).</summary>
    public string ProductKey => Key[..Key.LastIndexOf('|')];

    /// <summary>The files' site-relative paths, in the order they were stored.</summary>
    public IReadOnlyList<string> Paths => _paths;

    /// <summary>A listed product's stamp key: the product key and the checksum of its list of paths.</summary>
    public static string ListedKey(string key, byte[] listBytes) => key + "|" + ContentHash.Of(listBytes).ToHex();

    /// <summary>The stored entry of <paramref name="product"/> under <paramref name="productsDir"/>; null when there is none or its stamp or list is unreadable.</summary>
    public static ProductPack? Open(string productsDir, string product)
    {
        var dir = Path.Combine(productsDir, product);
        try
        {
            var stamp = Path.Combine(dir, StampFile);
            if (!File.Exists(stamp)) return null;
            var listBytes = File.ReadAllBytes(Path.Combine(dir, ListFile));
            var paths = Encoding.UTF8.GetString(listBytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var lines = File.ReadAllText(stamp).Split('\n');
            if (lines.Length != paths.Length + 1) return null;
            var key = lines[0];
            // the key names the list it was stored with: a list that does not match is another entry's (or damaged)
            int bar = key.LastIndexOf('|');
            if (bar < 0 || key != ListedKey(key[..bar], listBytes)) return null;
            var entries = new Entry[paths.Length];
            for (int i = 0; i < paths.Length; i++)
            {
                var f = lines[i + 1].Split(' ');
                if (f.Length != 4 || ContentHash.FromHex(f[0]) is not { } hash
                    || !long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                    || !int.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var length)) return null;
                ContentHash? source = null;
                if (f[1] != "-" && (source = ContentHash.FromHex(f[1])) is null) return null;
                entries[i] = new Entry(hash, source, offset, length);
            }
            return new ProductPack(dir, key, paths, entries);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>
    /// Writes every file to <paramref name="output"/>: a file the previous site holds with the same bytes is
    /// hard-linked from there (<see cref="OutputWriter.TryLinkUnchanged"/>) without reading the pack; the
    /// others are read from the pack and verified before any is written. False (nothing written but such
    /// links, which a rebuild replaces) when a slice is missing or damaged.
    /// </summary>
    public bool TryCopy(OutputWriter output)
    {
        try
        {
            var files = new byte[]?[_paths.Length];
            var linked = new bool[_paths.Length];
            Microsoft.Win32.SafeHandles.SafeFileHandle? pack = null;
            try
            {
                for (int i = 0; i < _paths.Length; i++)
                {
                    if (output.TryLinkUnchanged(_paths[i], _entries[i].Hash)) { linked[i] = true; continue; }
                    if ((files[i] = Read(pack ??= File.OpenHandle(_pack), i)) is null) return false;
                }
            }
            finally { pack?.Dispose(); }
            for (int i = 0; i < _paths.Length; i++)
                if (!linked[i]) output.WriteBytes(_paths[i], files[i]!);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>The source hash <paramref name="path"/> was stored with (null: none, or no such file).</summary>
    public ContentHash? SourceOf(string path) => _byPath.TryGetValue(path, out int i) ? _entries[i].Source : null;

    /// <summary>
    /// The stored bytes of <paramref name="path"/> when it was made from a source hashing to
    /// <paramref name="source"/> (so making it again would give these bytes); null otherwise or when its slice is damaged.
    /// Thread-safe.
    /// </summary>
    public byte[]? Reuse(string path, ContentHash source)
    {
        if (!_byPath.TryGetValue(path, out int i) || _entries[i].Source != source) return null;
        try
        {
            using var pack = File.OpenHandle(_pack);
            return Read(pack, i);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>Slice <paramref name="i"/> of the pack, or null when it is short or does not match its checksum.</summary>
    private byte[]? Read(Microsoft.Win32.SafeHandles.SafeFileHandle pack, int i)
    {
        var e = _entries[i];
        var bytes = new byte[e.Length];
        int read = 0;
        while (read < bytes.Length)
        {
            int n = RandomAccess.Read(pack, bytes.AsSpan(read), e.Offset + read);
            if (n <= 0) return null;
            read += n;
        }
        return ContentHash.Of(bytes) == e.Hash ? bytes : null;
    }

    /// <summary>One file to store: its site-relative path, its bytes and (optionally) the hash of what it was made from.</summary>
    public sealed record PackedFile(string Path, ReadOnlyMemory<byte> Bytes, ContentHash? Source);

    /// <summary>
    /// Stores <paramref name="files"/> as <paramref name="product"/>'s entry under <paramref name="key"/>, replacing
    /// the previous one. The stamp goes first and comes back last, so a build killed in between leaves no entry.
    /// Failures are swallowed (the cache is an accelerator).
    /// </summary>
    public static void Put(string productsDir, string product, string key, IReadOnlyList<PackedFile> files)
    {
        try
        {
            var dir = Path.Combine(productsDir, product);
            Directory.CreateDirectory(dir);
            var stamp = Path.Combine(dir, StampFile);
            if (File.Exists(stamp)) File.Delete(stamp);
            var list = new StringBuilder();
            foreach (var f in files) list.Append(f.Path).Append('\n');
            var listBytes = Encoding.UTF8.GetBytes(list.ToString());
            AtomicFile.Write(Path.Combine(dir, ListFile), listBytes);
            var lines = new StringBuilder(ListedKey(key, listBytes));
            long offset = 0;
            var sums = new string[files.Count];
            System.Threading.Tasks.Parallel.For(0, files.Count, i => sums[i] = ContentHash.Of(files[i].Bytes.Span).ToHex());
            AtomicFile.Write(Path.Combine(dir, PackFile), s =>
            {
                for (int i = 0; i < files.Count; i++)
                {
                    var f = files[i];
                    s.Write(f.Bytes.Span);
                    lines.Append('\n').Append(sums[i]).Append(' ')
                        .Append(f.Source is { } src ? src.ToHex() : "-").Append(' ')
                        .Append(offset.ToString(CultureInfo.InvariantCulture)).Append(' ')
                        .Append(f.Bytes.Length.ToString(CultureInfo.InvariantCulture));
                    offset += f.Bytes.Length;
                }
            }, 1 << 20);
            AtomicFile.Write(stamp, Encoding.UTF8.GetBytes(lines.ToString()));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
    }
}
