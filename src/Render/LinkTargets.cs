using System.Collections.Immutable;
using Site.Core;
using Site.Read;

namespace Site.Render;

/// <summary>
/// The lookup tables <see cref="LinkResolver"/> resolves against: notes by source path (with or without
/// extension), folders by their page (README.md / index.md / _index.md / a note named like the folder, see
/// <see cref="Permalinks.FolderPageRank"/>), assets by path, and notes and assets by bare file name for
/// Obsidian-style links (shortest path wins).
/// </summary>
public sealed class LinkTargets
{
    private readonly Dictionary<string, Note> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Note> _bySource = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Note> _bySourceNoExt = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Note> _folderPages = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _folders = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Note> _folderFirst = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _assets;
    private readonly Dictionary<string, List<string>> _assetsByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<Note>> _notesByName = new(StringComparer.OrdinalIgnoreCase);

    public LinkTargets(ImmutableArray<Note> notes, ImmutableArray<string> assets)
    {
        // Exact paths first; a link in another case finds the first note of that name in path order
        // ("Note.md" beside "note.md" is allowed).
        foreach (var n in notes) _exact.TryAdd(n.SourcePath, n);
        foreach (var n in notes.OrderBy(n => n.SourcePath, StringComparer.Ordinal))
        {
            _bySource.TryAdd(n.SourcePath, n);
            var noExt = n.SourcePath[..^Path.GetExtension(n.SourcePath).Length];
            _bySourceNoExt.TryAdd(noExt, n);
            Add(_notesByName, noExt[(noExt.LastIndexOf('/') + 1)..], n);
            for (var dir = Folder(n.SourcePath); dir.Length > 0; dir = Folder(dir))
            {
                _folders.Add(dir);
                // A folder without a page links to its first note (the shallowest, then in path order).
                if (!_folderFirst.TryGetValue(dir, out var first) || ByShortestPath(n.SourcePath, first.SourcePath) < 0) _folderFirst[dir] = n;
            }
        }
        // A folder's page is the note that won its folder's URL (Read assigned URLs by the same rule).
        foreach (var n in notes)
            if (Permalinks.FolderPageUrl(n.SourcePath) == n.Url) _folderPages.TryAdd(Folder(n.SourcePath), n);
        _assets = new HashSet<string>(assets, StringComparer.Ordinal);
        foreach (var a in assets) Add(_assetsByName, a[(a.LastIndexOf('/') + 1)..], a);
        foreach (var l in _notesByName.Values) l.Sort((x, y) => ByShortestPath(x.SourcePath, y.SourcePath));
        foreach (var l in _assetsByName.Values) l.Sort(ByShortestPath);
    }

    public bool IsAsset(string path) => _assets.Contains(path);

    /// <summary>The note at an input-relative path: "a/b.md", "a/b" (docsify), "a/b/" or "a/b" (the folder's page, <see cref="FolderPage"/>).</summary>
    public Note? Note(string path)
    {
        if (_exact.TryGetValue(path, out var n) || _bySource.TryGetValue(path, out n)) return n;
        var trimmed = path.TrimEnd('/');
        if (path.EndsWith('/') && FolderPage(trimmed) is { } page) return page;
        return _bySourceNoExt.TryGetValue(trimmed, out n) ? n : FolderPage(trimmed);
    }

    /// <summary>
    /// The page of a folder: its README.md / index.md / … note, else its first note (so a link to a folder
    /// never 404s while the folder holds a note); null for the input root or a folder without notes.
    /// </summary>
    public Note? FolderPage(string folder) => folder.Length == 0 ? null : _folderPages.GetValueOrDefault(folder) ?? _folderFirst.GetValueOrDefault(folder);

    public bool IsFolder(string path) => _folders.Contains(path.TrimEnd('/'));

    /// <summary>
    /// A note by Obsidian name: "note", "note.md" or a path suffix "dir/note"; the shortest path wins.
    /// <paramref name="others"/> counts the other notes the name also fits.
    /// </summary>
    public Note? NoteByName(string name, out int others)
    {
        others = 0;
        name = name.Trim().Replace('\\', '/').TrimStart('/');
        if (NoteFiles.IsNote(name)) name = name[..^Path.GetExtension(name).Length];
        if (_bySourceNoExt.TryGetValue(name, out var exact)) return exact;
        var file = name[(name.LastIndexOf('/') + 1)..];
        if (!_notesByName.TryGetValue(file, out var list)) return null;
        var fits = name.Contains('/') ? list.Where(n => n.SourcePath.Contains("/" + name + ".", StringComparison.OrdinalIgnoreCase)).ToList() : list;
        others = Math.Max(0, fits.Count - 1);
        return fits.FirstOrDefault();
    }

    /// <summary>An asset by file name (or path suffix) anywhere in the input; the shortest path wins.</summary>
    public string? AssetByName(string name, out int others)
    {
        others = 0;
        name = name.Trim().Replace('\\', '/').TrimStart('/');
        if (_assets.Contains(name)) return name;
        if (!_assetsByName.TryGetValue(name[(name.LastIndexOf('/') + 1)..], out var list)) return null;
        var fits = name.Contains('/') ? list.Where(a => a.EndsWith("/" + name, StringComparison.OrdinalIgnoreCase)).ToList() : list;
        others = Math.Max(0, fits.Count - 1);
        return fits.FirstOrDefault();
    }

    private static string Folder(string path) { var i = path.LastIndexOf('/'); return i < 0 ? "" : path[..i]; }

    private static int ByShortestPath(string a, string b) =>
        a.Count(c => c == '/') != b.Count(c => c == '/') ? a.Count(c => c == '/').CompareTo(b.Count(c => c == '/'))
        : a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);

    private static void Add<T>(Dictionary<string, List<T>> d, string key, T value)
    {
        if (!d.TryGetValue(key, out var l)) d[key] = l = new List<T>();
        l.Add(value);
    }
}
