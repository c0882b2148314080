using System.Collections.Immutable;
using Markdig;
using Markdig.Syntax;
using Site.Core;

namespace Site.Normalize;

/// <summary>
/// Normalize stage: plain-text notes get an inferred Markdown outline; every note is parsed once into
/// <see cref="Note.Ast"/>, its headings normalized into <see cref="Note.Sections"/>, and its title decided:
/// front matter title ?? plain-text inferred title ?? the note's title heading ?? file name.
/// </summary>
public sealed class NormalizeNotes : PerNoteModule
{
    /// <summary>A Markdown note without headings is outlined like plain text when at least this many numbered headings are found.</summary>
    public const int MinNumberedHeadingsForMarkdownOutline = 2;

    /// <summary>
    /// <c>ctx.Items</c> key of an optional <c>Action&lt;MarkdownDocument&gt;</c> called with each note's final AST as soon as
    /// it is normalized, from the worker threads (the math prefetch renders its formulas while the other notes are parsed).
    /// </summary>
    public const string ParsedHookKey = "normalize.parsed";

    protected override Note? Process(Note note, BuildContext ctx)
    {
        var body = note.Body;
        var lineMap = note.LineMap;
        string? inferredTitle = null;

        if (note.Format == NoteFormat.PlainText)
        {
            var r = new PlainTextOutliner().Convert(body);
            body = r.Markdown;
            lineMap = r.LineMap.Select(l => note.SourceLineOf(l - 1)).ToImmutableArray();
            inferredTitle = r.Title;
        }

        if (note.Format == NoteFormat.Markdown) body = QuotedMathLines.Repair(body); // same lines: the line map holds
        var doc = Markdown.Parse(body, MarkdownSyntax.For(note.Format));
        if (note.Format == NoteFormat.Markdown && !HasHeading(doc))
        {
            // e.g. a .txt with front matter: Markdown, but structured by "一、" / "1." lines instead of '#'.
            var r = new PlainTextOutliner(markdownInput: true).Convert(body);
            if (r.Headings.Count(h => HeadingNumbering.Parse(h.Text).IsNumbered) >= MinNumberedHeadingsForMarkdownOutline)
            {
                body = r.Markdown; // same lines, only heading lines rewritten: the line map is unchanged
                doc = Markdown.Parse(body, MarkdownSyntax.Pipeline);
            }
        }

        var title = NonEmpty(note.Meta.Title) ?? NonEmpty(inferredTitle) ?? TitleHeading(doc) ?? FileTitle(note.SourcePath);
        var mapped = note with { Body = body, LineMap = lineMap };
        var result = HeadingNormalizer.Normalize(doc, NoteKey(note), title, mapped.SourceLineOf);
        foreach (var w in result.Warnings) ctx.Diagnostics.Warn(note.SourcePath, w.Line, w.Message);

        // The title reads as text in <title>, og:title, the sidebar and search: formulas made readable (R_{t} → R_t).
        title = MarkdownText.TitleText(title, Site.Emit.PlainText.ReadableMathCached);
        ctx.TryGet<Action<MarkdownDocument>>(ParsedHookKey)?.Invoke(doc);
        return mapped with { Ast = doc, Sections = result.Sections, Title = title, Intro = result.Preamble };
    }

    /// <summary>Whether any block at any depth is a heading (what <c>doc.Descendants&lt;HeadingBlock&gt;().Any()</c> says, without
    /// its iterator's stack of every block: this runs once per note).</summary>
    internal static bool HasHeading(ContainerBlock container)
    {
        foreach (var block in container)
        {
            if (block is HeadingBlock) return true;
            if (block is ContainerBlock inner && HasHeading(inner)) return true;
        }
        return false;
    }

    /// <summary>What share ids are keyed on: the permalink if the note has one (it survives moving the file), else the source path.</summary>
    public static string NoteKey(Note note) => NonEmpty(note.Meta.Permalink) ?? note.SourcePath;

    /// <summary>The note's title heading: the only heading at the shallowest level, and the first heading.</summary>
    internal static string? TitleHeading(MarkdownDocument doc)
    {
        var heads = doc.OfType<HeadingBlock>().ToList();
        if (heads.Count == 0) return null;
        var min = heads.Min(h => h.Level);
        if (heads[0].Level != min || heads.Count(h => h.Level == min) != 1) return null;
        var (_, t) = HeadingNumbering.Clean(MarkdownText.Collapse(MarkdownText.Inline(heads[0].Inline)));
        return NonEmpty(t);
    }

    /// <summary>A title from the file name, without its sort number: "1.概述.md" → "概述", "04-AI算法.md" → "AI算法".
    /// A Jekyll post's date prefix is not part of it: "2021-05-03-hello.md" → "hello".</summary>
    public static string FileTitle(string sourcePath) => HeadingNumbering.Clean(Site.Read.PostFolders.WithoutDate(Path.GetFileNameWithoutExtension(sourcePath))).Title;

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
