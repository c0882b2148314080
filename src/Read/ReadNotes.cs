using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Site.Core;

namespace Site.Read;

/// <summary>
/// Read stage: finds note files, decodes them, splits front matter, decides Markdown vs plain text,
/// and assigns each note its URL. Files that are not notes are remembered as assets (images …).
/// </summary>
public sealed partial class ReadNotes : IModule
{
    public const string AssetsKey = "assets";
    /// <summary>ctx.Items key of the last-commit dates the read stage found (IReadOnlyDictionary&lt;string, DateTimeOffset&gt;).</summary>
    public const string GitDatesKey = "gitdates";
    /// <summary>Notes larger than this are refused with an error (a pasted 20 MB log is not a note).</summary>
    public const long MaxNoteBytes = 8 * 1024 * 1024;

    public string Name => "ReadNotes";

    public ImmutableArray<Note> Execute(ImmutableArray<Note> _, BuildContext ctx)
    {
        var root = Path.GetFullPath(ctx.Options.InputDir);
        if (!Directory.Exists(root))
        {
            ctx.Diagnostics.Error(ctx.Options.InputDir, 1, "input folder does not exist");
            return ImmutableArray<Note>.Empty;
        }
        var files = NoteFiles.Enumerate(root, (p, m) => ctx.Diagnostics.Warn(p, 1, m));
        var notes = files.Where(f => NoteFiles.IsNote(f) && !NavigationFiles.IsNavigationFile(f)).ToList();
        ctx.Items[AssetsKey] = files.Where(f => !NoteFiles.IsNote(f)).ToImmutableArray();
        ctx.Items[NavigationFiles.ItemKey] = NavigationFiles.Load(root, files, ctx);

        // `git log` runs while the files are read; its dates are applied afterwards with the same precedence.
        var gitTask = Task.Run(() => GitDates.Load(root));
        var read = new Note?[notes.Count];
        Parallel.For(0, notes.Count, new ParallelOptions { MaxDegreeOfParallelism = ctx.Parallelism }, i =>
        {
            try { read[i] = ReadOne(root, notes[i], ctx, gitDate: null); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                ctx.Diagnostics.Error(notes[i], 1, $"cannot read file: {ex.Message}");
            }
        });
        var gitDates = gitTask.GetAwaiter().GetResult();
        ctx.Items[GitDatesKey] = gitDates;
        if (gitDates.Count > 0)
            for (int i = 0; i < read.Length; i++)
                if (read[i] is { } n && n.Meta.Modified is null && gitDates.TryGetValue(n.SourcePath, out var g)) read[i] = n with { Modified = g };
        return AssignUrls(read.Where(n => n is not null).Select(n => n!).ToList(), ctx);
    }

    /// <summary>
    /// The read stage for a live preview after some notes changed: re-reads only <paramref name="changed"/>
    /// (input-relative paths of notes that existed before and still exist) and keeps every other note of
    /// <paramref name="previous"/> (the last read-stage output) as it was; URLs are assigned again over all
    /// of them, exactly as a full read would. Git dates come from the last full read (an edit does not
    /// commit). Diagnostics go to <paramref name="ctx"/> for all notes (URL clashes); callers keep those of
    /// the changed notes. Returns null when a changed file is no longer a readable note (too big, binary,
    /// empty, a draft now …): the caller then does a full build.
    /// </summary>
    public static ImmutableArray<Note>? Reread(ImmutableArray<Note> previous, IReadOnlyCollection<string> changed,
        IReadOnlyDictionary<string, DateTimeOffset> gitDates, BuildContext ctx)
    {
        var root = Path.GetFullPath(ctx.Options.InputDir);
        var byPath = previous.ToDictionary(n => n.SourcePath, StringComparer.Ordinal);
        foreach (var rel in changed)
        {
            if (!byPath.ContainsKey(rel) || !NoteFiles.IsNote(rel)) return null;
            // Replaced by a link that leaves the input since the last full read: the full build skips it with a warning.
            if (!InputBoundary.IsInside(root, Path.Combine(root, rel))) return null;
            Note? fresh;
            try { fresh = ReadOne(root, rel, ctx, gitDates.TryGetValue(rel, out var g) ? g : null); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
            if (fresh is null) return null;
            byPath[rel] = fresh;
        }
        return AssignUrls(byPath.Values.ToList(), ctx);
    }

    private static Note? ReadOne(string root, string rel, BuildContext ctx, DateTimeOffset? gitDate)
    {
        var full = Path.Combine(root, rel);
        // One open: size, bytes and time from the handle (FileInfo would stat again and work out attributes).
        byte[] bytes;
        DateTime writeTimeUtc;
        using (var handle = File.OpenHandle(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            var length = RandomAccess.GetLength(handle);
            if (length > MaxNoteBytes)
            {
                ctx.Diagnostics.Error(rel, 1, $"note is {length / (1024.0 * 1024):0.#} MB, over the {MaxNoteBytes / (1024 * 1024)} MB limit for one note; skipped (split it into smaller notes)");
                return null;
            }
            bytes = new byte[length];
            int got = 0;
            while (got < bytes.Length)
            {
                var n = RandomAccess.Read(handle, bytes.AsSpan(got), got);
                if (n == 0) break; // the file shrank while we read it
                got += n;
            }
            if (got < bytes.Length) bytes = bytes[..got];
            writeTimeUtc = File.GetLastWriteTimeUtc(handle);
        }
        var decoded = TextDecoder.Decode(bytes);
        if (decoded.IsBinary)
        {
            ctx.Diagnostics.Error(rel, 1, $"{decoded.Problem}; skipped");
            return null;
        }
        if (decoded.Problem is not null) ctx.Diagnostics.Warn(rel, decoded.ProblemLine > 0 ? decoded.ProblemLine : FirstBadLine(decoded.Text), decoded.Problem);
        var text = decoded.Text;
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        if (string.IsNullOrWhiteSpace(text))
        {
            ctx.Diagnostics.Warn(rel, 1, "empty note; skipped");
            return null;
        }

        var fm = FrontMatterParser.Parse(text, rel, ctx.Diagnostics, ctx.TryGet<FrontMatterCache>(FrontMatterCache.ItemKey));
        if ((fm.Meta.Draft || PostFolders.IsDraft(rel)) && !ctx.Options.IncludeDrafts) return null;

        var isTxt = Path.GetExtension(rel).Equals(".txt", StringComparison.OrdinalIgnoreCase);
        var format = isTxt && !fm.HadFrontMatter && !HasMarkdownHeading(fm.Body) ? NoteFormat.PlainText : NoteFormat.Markdown;
        // A Jekyll post's dated file name ("2021-05-03-x.md") is its date when the front matter has none.
        var date = fm.Meta.Date ?? PostFolders.DateFromName(rel);

        return new Note
        {
            SourcePath = rel,
            FullPath = full,
            Format = format,
            Text = text,
            Meta = fm.Meta,
            Body = fm.Body,
            BodyLine = fm.BodyLine,
            Title = fm.Meta.Title ?? "",
            Date = date,
            // Last modified: front matter, else the last git commit, else the file's time.
            Modified = fm.Meta.Modified ?? gitDate ?? date ?? new DateTimeOffset(writeTimeUtc, TimeSpan.Zero),
        };
    }

    private static int FirstBadLine(string text)
    {
        var i = text.IndexOf('\uFFFD');
        return i < 0 ? 1 : text.AsSpan(0, i).Count('\n') + 1;
    }

    /// <summary>True if the text has an ATX heading outside fenced code.</summary>
    public static bool HasMarkdownHeading(string body)
    {
        bool inFence = false;
        foreach (var line in body.Split('\n'))
        {
            var t = line.TrimStart();
            if (t.StartsWith("```", StringComparison.Ordinal) || t.StartsWith("~~~", StringComparison.Ordinal)) { inFence = !inFence; continue; }
            if (!inFence && AtxHeading().IsMatch(line)) return true;
        }
        return false;
    }

    [GeneratedRegex(@"^ {0,3}#{1,6}[ \t]+\S")]
    private static partial Regex AtxHeading();

    /// <summary>
    /// Permalink or path-derived URL for each note. A URL whose page clashes (case-insensitively) with another
    /// note's or with a generated file or folder (<see cref="Permalinks.GeneratedFiles"/>, <see cref="Permalinks.GeneratedFolders"/>)
    /// gets a warning at the note's file:line and the first free fallback URL (<see cref="UrlClaims.Fallback"/>); the build goes on.
    /// </summary>
    private static ImmutableArray<Note> AssignUrls(List<Note> notes, BuildContext ctx)
    {
        var claims = new UrlClaims();
        var result = ImmutableArray.CreateBuilder<Note>(notes.Count);
        // Notes with explicit permalinks claim first, in path order, so a path-derived URL never steals one.
        // Folder pages come last (best claim first) and take their folder's URL only when it is still free.
        foreach (var n in notes.OrderBy(n => n.Meta.Permalink is null).ThenBy(n => n.Meta.Permalink is null ? Permalinks.FolderPageRank(n.SourcePath) : -1)
                     .ThenBy(n => n.SourcePath, StringComparer.Ordinal))
        {
            string url;
            if (n.Meta.Permalink is { } p)
            {
                var u = Permalinks.FromPermalink(p, out var problem);
                if (u is null)
                {
                    ctx.Diagnostics.Error(n.SourcePath, PermalinkLine(n), $"permalink \"{p}\" rejected: {problem}; using the file's path instead");
                    url = Permalinks.FromSourcePath(n.SourcePath);
                }
                else url = u;
            }
            else if (Permalinks.FolderPageUrl(n.SourcePath) is { } folderUrl && claims.TryClaim(Permalinks.OutputPathFor(folderUrl), n.SourcePath) is null)
            {
                result.Add(n with { Url = folderUrl, OutputPath = Permalinks.OutputPathFor(folderUrl) });
                continue;
            }
            else url = Permalinks.FromSourcePath(n.SourcePath);

            // The home page ("/") belongs to the generator.
            var clash = url.Length == 0 ? "the home page" : claims.TryClaim(Permalinks.OutputPathFor(url), n.SourcePath);
            if (clash is not null)
            {
                var newUrl = url;
                for (int k = 2; ; k++)
                {
                    newUrl = UrlClaims.Fallback(url, k);
                    if (claims.TryClaim(Permalinks.OutputPathFor(newUrl), n.SourcePath) is null) break;
                }
                ctx.Diagnostics.Warn(n.SourcePath, n.Meta.Permalink is null ? 1 : PermalinkLine(n),
                    $"URL /{url} is {clash}; this note is published at /{newUrl} instead");
                url = newUrl;
            }
            result.Add(n with { Url = url, OutputPath = Permalinks.OutputPathFor(url) });
        }
        return result.OrderBy(n => n.SourcePath, StringComparer.Ordinal).ToImmutableArray();
    }

    private static int PermalinkLine(Note n)
    {
        var lines = n.Text.Split('\n');
        for (int i = 0; i < Math.Min(lines.Length, n.BodyLine); i++)
            if (lines[i].TrimStart().StartsWith("permalink:", StringComparison.OrdinalIgnoreCase) || lines[i].TrimStart().StartsWith("url:", StringComparison.OrdinalIgnoreCase)) return i + 1;
        return 1;
    }
}
