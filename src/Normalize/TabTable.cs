namespace Site.Normalize;

/// <summary>Turns tab-separated rows copied from a PDF into a Markdown pipe table.</summary>
public static class TabTable
{
    /// <summary>
    /// Rows → pipe-table lines (header, delimiter, body). Cells are trimmed, '|' escaped, columns empty in
    /// every row dropped, short rows padded. Returns null when fewer than two columns remain.
    /// </summary>
    public static List<string>? ToPipeTable(IReadOnlyList<string> rows)
    {
        if (rows.Count < 2) return null;
        var cells = rows.Select(r => r.Split('\t').Select(c => c.Trim()).ToList()).ToList();
        int width = cells.Max(r => r.Count);
        var keep = Enumerable.Range(0, width).Where(c => cells.Any(r => c < r.Count && r[c].Length > 0)).ToList();
        if (keep.Count < 2) return null;
        string Row(List<string> r) => "| " + string.Join(" | ", keep.Select(c => Escape(c < r.Count ? r[c] : ""))) + " |";
        var lines = new List<string> { Row(cells[0]), "|" + string.Join("|", keep.Select(_ => "---")) + "|" };
        for (int i = 1; i < cells.Count; i++) lines.Add(Row(cells[i]));
        return lines;
    }

    private static string Escape(string cell) => cell.Replace("\\|", "|").Replace("|", "\\|");
}
