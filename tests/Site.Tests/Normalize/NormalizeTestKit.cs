using Markdig;
using Markdig.Syntax;
using Site.Core;
using Site.Normalize;

namespace Site.Tests.Normalize;

/// <summary>Shared helpers for the Normalize tests: fixtures, parse + normalize, outline summaries.</summary>
internal static class NormalizeTestKit
{
    public static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Normalize", name)).Replace("\r\n", "\n");

    public static MarkdownDocument Parse(string md) => Markdown.Parse(md, MarkdownSyntax.Pipeline);

    public static (MarkdownDocument Doc, NormalizeResult Result) Norm(string md, string? title = null, string key = "notes/a.md")
    {
        var doc = Parse(md);
        return (doc, HeadingNormalizer.Normalize(doc, key, title));
    }

    public static List<(int Level, string Number, string Title)> Outline(NormalizeResult r) =>
        r.Sections.Select(s => (s.Level, s.Number, s.Title)).ToList();

    /// <summary>Plain text → Markdown → sections: what a reader sees in the sidebar.</summary>
    public static List<(int Level, string Number, string Title)> PlainOutline(string text, string? title = null)
    {
        var r = new PlainTextOutliner().Convert(text);
        var (_, result) = Norm(r.Markdown, title ?? r.Title);
        return Outline(result);
    }

    /// <summary>Levels and raw heading texts the outliner inferred.</summary>
    public static List<(int Level, string Text)> Headings(string text) =>
        new PlainTextOutliner().Convert(text).Headings.Select(h => (h.Level, h.Text)).ToList();

    public static string Html(MarkdownDocument doc) => doc.ToHtml(MarkdownSyntax.Pipeline);
}
