using System.Security.Cryptography;
using System.Text;

namespace Site.Incremental;

/// <summary>
/// Keeps whole site-wide build products (e.g. the search index files) in the cache folder, keyed by a
/// hash of everything they are made from, so a build whose inputs to that product did not change copies
/// the files instead of computing them. One slot per product name: a new key replaces the old entry.
/// Like the note cache it is only an accelerator: any problem reading it means "compute".
/// </summary>
public static class ProductCache
{
    public const string Folder = "products";

    /// <summary>Incremental hash of a product's inputs; feed every input in a fixed order, with separators.
    /// Inputs are framed (4-byte length + UTF-8) into a 64 KB buffer that is hashed when full: the same bytes
    /// in the same order as one call per input, without one hash call per string (a site's search key feeds
    /// ~150,000 strings).</summary>
    public sealed class KeyBuilder : IDisposable
    {
        private const int BufferSize = 1 << 16;
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private byte[] _buf = new byte[BufferSize];
        private int _used;

        public KeyBuilder(string product)
        {
            Add(product);
            Add(typeof(ProductCache).Assembly.ManifestModule.ModuleVersionId.ToString());
        }

        public KeyBuilder Add(string? s)
        {
            s ??= "\u0000null";
            var max = Encoding.UTF8.GetMaxByteCount(s.Length) + 4;
            if (_used + max > _buf.Length)
            {
                Flush();
                if (max > _buf.Length) _buf = new byte[max];
            }
            var n = Encoding.UTF8.GetBytes(s, 0, s.Length, _buf, _used + 4);
            BitConverter.TryWriteBytes(_buf.AsSpan(_used, 4), n);
            _used += n + 4;
            return this;
        }

        private void Flush()
        {
            if (_used > 0) _hash.AppendData(_buf, 0, _used);
            _used = 0;
        }

        public KeyBuilder Add(double d) => Add(d.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        public KeyBuilder Add(int i) => Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));

        public string Finish()
        {
            Flush();
            return Convert.ToHexString(_hash.GetHashAndReset(), 0, 16);
        }

        public void Dispose() => _hash.Dispose();
    }

    private static string Dir(string cacheDir) => Path.Combine(cacheDir, Folder);

    /// <summary>
    /// Writes the cached files of <paramref name="product"/> for <paramref name="key"/> to <paramref name="targets"/>
    /// (site-relative). The entry's stamp holds the key and a SHA-256 per file; a file that does not match
    /// (truncated, zeroed, garbage, flipped bits) makes the whole entry unusable. False (nothing usable) when
    /// there is no such entry or it is damaged; then nothing was written.
    /// A target the previous site already holds with the stamp's checksum (the output manifest says so) is
    /// hard-linked from there without reading the cached copy (<see cref="Core.OutputWriter.TryLinkUnchanged"/>);
    /// only the others are read and verified before any is written (links already made to such identical files
    /// are replaced, never written through, when the caller then builds the product itself).
    /// </summary>
    public static bool TryCopy(string? cacheDir, string product, string key, IReadOnlyList<string> targets, Core.OutputWriter output)
    {
        if (cacheDir is null) return false;
        try
        {
            var dir = Path.Combine(Dir(cacheDir), product);
            var stamp = Path.Combine(dir, "key");
            if (!File.Exists(stamp)) return false;
            var lines = File.ReadAllText(stamp).Split('\n');
            if (lines.Length != targets.Count + 1 || lines[0] != key) return false;
            var files = new byte[targets.Count][];
            var linked = new bool[targets.Count];
            for (int i = 0; i < targets.Count; i++)
            {
                if (Core.ContentHash.FromHex(lines[i + 1]) is { } hash && output.TryLinkUnchanged(targets[i], hash)) { linked[i] = true; continue; }
                files[i] = File.ReadAllBytes(Path.Combine(dir, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                if (Core.CacheFile.Checksum(files[i]) != lines[i + 1]) return false;
            }
            for (int i = 0; i < targets.Count; i++)
                if (!linked[i]) output.WriteBytes(targets[i], files[i]);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>Stores copies of <paramref name="sourceFiles"/> as the product's files under <paramref name="key"/>, with their checksums.</summary>
    public static void PutFiles(string? cacheDir, string product, string key, IReadOnlyList<string> sourceFiles)
    {
        if (cacheDir is null) return;
        try
        {
            var dir = Path.Combine(Dir(cacheDir), product);
            Directory.CreateDirectory(dir);
            var stamp = Path.Combine(dir, "key");
            if (File.Exists(stamp)) File.Delete(stamp);
            var sums = new List<string> { key };
            for (int i = 0; i < sourceFiles.Count; i++)
            {
                var bytes = File.ReadAllBytes(sourceFiles[i]);
                Core.AtomicFile.Write(Path.Combine(dir, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), bytes);
                sums.Add(Core.CacheFile.Checksum(bytes));
            }
            Core.AtomicFile.Write(stamp, System.Text.Encoding.UTF8.GetBytes(string.Join('\n', sums)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>
    /// Like <see cref="TryCopy"/> for a product made of a variable set of files: the site-relative paths
    /// were stored by <see cref="PutListed"/> beside the key.
    /// </summary>
    public static bool TryCopyListed(string? cacheDir, string product, string key, Core.OutputWriter output)
    {
        if (cacheDir is null) return false;
        byte[] listBytes;
        try { listBytes = File.ReadAllBytes(Path.Combine(Dir(cacheDir), product, "list")); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return false; }
        // The stamp's key covers the list of paths (ListedKey); TryCopy checks it and every file before writing any.
        var list = System.Text.Encoding.UTF8.GetString(listBytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return TryCopy(cacheDir, product, ListedKey(key, listBytes), list, output);
    }

    /// <summary>Stores the output files <paramref name="relatives"/> (site-relative, as written to <paramref name="output"/>) under <paramref name="key"/>.</summary>
    public static void PutListed(string? cacheDir, string product, string key, IReadOnlyList<string> relatives, Core.OutputWriter output)
    {
        if (cacheDir is null) return;
        byte[] listBytes;
        var sources = new string[relatives.Count];
        for (int i = 0; i < sources.Length; i++) sources[i] = output.Resolve(relatives[i]) ?? throw new InvalidOperationException("outside the output folder: " + relatives[i]);
        try
        {
            var dir = Path.Combine(Dir(cacheDir), product);
            Directory.CreateDirectory(dir);
            var stamp = Path.Combine(dir, "key");
            if (File.Exists(stamp)) File.Delete(stamp);
            listBytes = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', relatives) + "\n");
            Core.AtomicFile.Write(Path.Combine(dir, "list"), listBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return; }
        PutFiles(cacheDir, product, ListedKey(key, listBytes), sources);
    }

    /// <summary>A listed product's stamp key: the product key and the checksum of its list of paths.</summary>
    private static string ListedKey(string key, byte[] listBytes) => key + "|" + Core.CacheFile.Checksum(listBytes);
}
