using System.Collections.Concurrent;

namespace Site.Core;

/// <summary>
/// The site the last build published, as a source of hard links for the next one (<see cref="OutputWriter"/>):
/// a file whose new bytes hash like the manifest's entry is linked into the staging folder instead of written.
/// Rules, each checked per file:
/// <list type="bullet">
/// <item>only a path the manifest lists, in the folder the manifest describes (real path, device, inode and mark
///   checked by <see cref="OutputManifest.Load"/>);</item>
/// <item>every folder on the way is a real directory (lstat), never a symbolic link; the file itself is linked as
///   it is (linkat never follows a final symbolic link);</item>
/// <item>the new link must have exactly the recorded identity (device, inode, size, modification time) and be a
///   regular file, else it is removed and the file written — so a file edited by hand, replaced, or reached through
///   a link swapped in meanwhile is never used; a "racy" entry's bytes are compared too.</item>
/// </list>
/// Nothing is ever opened for writing in the previous site: a link only adds a name in the staging folder.
/// </summary>
public sealed class PreviousOutput
{
    private readonly OutputManifest _manifest;
    private readonly string _rootPrefix;
    /// <summary>Folders of the previous site already seen to be real directories (or not).</summary>
    private readonly ConcurrentDictionary<string, bool> _dirs = new(StringComparer.Ordinal);

    public PreviousOutput(OutputManifest manifest)
    {
        _manifest = manifest;
        _rootPrefix = manifest.OutputDir + Path.DirectorySeparatorChar;
    }

    /// <summary>True when the manifest says the previous site holds <paramref name="relative"/> with these bytes.</summary>
    public bool Has(string relative, ContentHash hash) => _manifest.Entries.TryGetValue(relative, out var e) && e.Hash == hash;

    /// <summary>
    /// Links the previous site's <paramref name="relative"/> to <paramref name="stagingPath"/> when it holds
    /// <paramref name="hash"/>; the new name's identity, or null (nothing left behind) when it could not be used.
    /// </summary>
    public FileStat? TryLink(string relative, string stagingPath, ContentHash hash)
    {
        if (!_manifest.Entries.TryGetValue(relative, out var e) || e.Hash != hash || !DirectoriesAreReal(relative)) return null;
        if (!FileStat.HardLink(_rootPrefix + relative, stagingPath)) return null;
        var st = FileStat.Of(stagingPath);
        if (st.Kind == FileKind.File && st == e.Stat && (!_manifest.IsRacy(e) || BytesMatch(stagingPath, hash))) return st;
        // Not the file that was published (edited, replaced, a link): drop the new name only.
        if (st.Kind != FileKind.Missing) AtomicFile.TryDelete(stagingPath);
        return null;
    }

    private static bool BytesMatch(string path, ContentHash hash)
    {
        try { return ContentHash.Of(File.ReadAllBytes(path)) == hash; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    private bool DirectoriesAreReal(string relative)
    {
        for (int slash = relative.IndexOf('/'); slash > 0; slash = relative.IndexOf('/', slash + 1))
        {
            var dir = relative[..slash];
            if (!_dirs.TryGetValue(dir, out var real))
                _dirs[dir] = real = FileStat.Of(_rootPrefix + dir).Kind == FileKind.Directory;
            if (!real) return false;
        }
        return true;
    }
}
