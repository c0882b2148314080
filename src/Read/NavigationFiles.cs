using System.Collections.Immutable;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Site.Core;

namespace Site.Read;

/// <summary>One entry of a navigation file: a label, the link as written (null for a plain label), nested entries.</summary>
public sealed record NavEntry(string Title, string? Href, int Line, ImmutableArray<NavEntry> Children);

/// <summary>A parsed navigation file: its input-relative path, its folder ("" = input root) and its entries in order.</summary>
public sealed record NavFile(string SourcePath, string Folder, ImmutableArray<NavEntry> Entries);

/// <summary>
/// Navigation files give the sidebar's order and labels and are not notes: docsify <c>_sidebar.md</c>
/// (at the root or in any folder), GitBook/mdBook <c>SUMMARY.md</c> (at the root). docsify's
/// <c>_navbar.md</c> and <c>_coverpage.md</c> are skipped like every other "_" name.
/// </summary>
public static class NavigationFiles
{
    public const string DocsifySidebar = "_sidebar.md";
    public const string Summary = "SUMMARY.md";
    /// <summary>ctx.Items key of the parsed navigation files (ImmutableArray&lt;NavFile&gt;, root first, then by path).</summary>
    public const string ItemKey = "navigation";

    public static bool IsNavigationFile(string relPath)
    {
        var name = relPath[(relPath.LastIndexOf('/') + 1)..];
        return name.Equals(DocsifySidebar, StringComparison.OrdinalIgnoreCase)
            || (relPath.Length == name.Length && name.Equals(Summary, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Reads and parses every navigation file among <paramref name="files"/> (input-relative paths).</summary>
    public static ImmutableArray<NavFile> Load(string root, IEnumerable<string> files, BuildContext ctx)
    {
        var result = ImmutableArray.CreateBuilder<NavFile>();
        foreach (var rel in files.Where(IsNavigationFile).OrderBy(f => f.Contains('/')).ThenBy(f => f, StringComparer.Ordinal))
        {
            string text;
            try { text = File.ReadAllText(Path.Combine(root, rel)); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                ctx.Diagnostics.Warn(rel, 1, $"cannot read navigation file: {ex.Message}");
                continue;
            }
            var slash = rel.LastIndexOf('/');
            result.Add(new NavFile(rel, slash < 0 ? "" : rel[..slash], Parse(text)));
        }
        return result.ToImmutable();
    }

    /// <summary>Parses a Markdown list of links ("- [label](path)", nested by indentation); other blocks are ignored.</summary>
    public static ImmutableArray<NavEntry> Parse(string markdown)
    {
        var doc = Markdown.Parse(markdown.Replace("\r\n", "\n"), MarkdownSyntax.Pipeline);
        var all = ImmutableArray.CreateBuilder<NavEntry>();
        foreach (var block in doc)
            if (block is ListBlock list) all.AddRange(Entries(list));
        return all.ToImmutable();
    }

    private static IEnumerable<NavEntry> Entries(ListBlock list)
    {
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var para = item.OfType<ParagraphBlock>().FirstOrDefault();
            var link = para?.Inline?.Descendants<LinkInline>().FirstOrDefault(l => !l.IsImage);
            var title = link is not null ? Text(link) : para?.Inline is { } inl ? Text(inl) : "";
            var kids = item.OfType<ListBlock>().SelectMany(Entries).ToImmutableArray();
            if (title.Length == 0 && link is null && kids.IsEmpty) continue;
            yield return new NavEntry(title, link?.Url, item.Line + 1, kids);
        }
    }

    private static string Text(ContainerInline inline)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var d in inline.Descendants<Inline>())
            if (d is LiteralInline lit) sb.Append(lit.Content);
            else if (d is CodeInline code) sb.Append(code.Content);
            else if (d is LineBreakInline) sb.Append(' ');
        return sb.ToString().Trim();
    }
}
