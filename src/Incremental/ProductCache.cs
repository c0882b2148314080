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
    public sealed class KeyBuilder
    {
        private const int BufferSize = 1 << 16;
        private readonly Site.Core.ContentHash.Builder _hash = new();
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
            if (_used > 0) _hash.Append(_buf.AsSpan(0, _used));
            _used = 0;
        }

        public KeyBuilder Add(double d) => Add(d.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        public KeyBuilder Add(int i) => Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));

        public string Finish()
        {
            Flush();
            return _hash.Finish().ToHex();
        }
    }

    private static string Dir(string cacheDir) => Path.Combine(cacheDir, Folder);

    /// <summary>The stored entry of a listed product (its files in one pack, <see cref="ProductPack"/>); null when none is readable.</summary>
    public static ProductPack? OpenListed(string? cacheDir, string product) => cacheDir is null ? null : ProductPack.Open(Dir(cacheDir), product);

    /// <summary>
    /// Writes the cached files of <paramref name="product"/> to <paramref name="output"/> when they were stored
    /// under <paramref name="key"/> (<see cref="ProductPack.TryCopy"/>: unchanged files are hard-linked from the
    /// previous site, the others read from the pack and verified before any is written). False when there is no
    /// such entry or it is damaged.
    /// </summary>
    public static bool TryCopyListed(string? cacheDir, string product, string key, Core.OutputWriter output) =>
        TryCopyListed(OpenListed(cacheDir, product), key, output);

    /// <inheritdoc cref="TryCopyListed(string?, string, string, Core.OutputWriter)"/>
    public static bool TryCopyListed(ProductPack? stored, string key, Core.OutputWriter output)
    {
        return stored is not null && stored.ProductKey == key && stored.TryCopy(output);
    }

    /// <summary>Stores <paramref name="files"/> (site-relative paths, bytes as written to the output) under <paramref name="key"/>, in one pack.</summary>
    public static void PutListed(string? cacheDir, string product, string key, IReadOnlyList<ProductPack.PackedFile> files)
    {
        if (cacheDir is null) return;
        ProductPack.Put(Dir(cacheDir), product, key, files);
    }
}
