using System.Collections.Immutable;

namespace Site.Normalize;

/// <summary>
/// One normalized section of a note: what the sidebar, table of contents, search index and share
/// pages all read. Ids are stable: they depend only on the section's own text, its ancestors and
/// (for duplicates) its ordinal among same-titled siblings, never on unrelated sections.
/// </summary>
public sealed record Section
{
    /// <summary>Level after repair: 1 = top level within the note (rendered as &lt;h2&gt;), up to 6.</summary>
    public int Level { get; init; }
    /// <summary>The numbering the author used, e.g. "1.2", "三", "(一)"; "" if none.</summary>
    public string Number { get; init; } = "";
    /// <summary>Clean heading text: numbering and decoration stripped, plain text; formulas read as text ($R_{t}$ → "R_t",
    /// PlainText.ReadableMath), so TOC, sidebar, share titles and search show no TeX. Ids are keyed on the TeX.</summary>
    public string Title { get; init; } = "";
    /// <summary>Readable anchor id, unique within the page, Chinese kept: "张量并行", "lora-2".</summary>
    public string Id { get; init; } = "";
    /// <summary>Short ASCII id for share pages: /s/{ShareId}.html.</summary>
    public string ShareId { get; init; } = "";
    /// <summary>Titles of the ancestors from the note root, not including this section.</summary>
    public ImmutableArray<string> Path { get; init; } = ImmutableArray<string>.Empty;
    /// <summary>1-based line in the source file.</summary>
    public int SourceLine { get; init; }
    /// <summary>Plain text of this section's own content (up to the next heading of any level), math as TeX.</summary>
    public string Text { get; init; } = "";
}
