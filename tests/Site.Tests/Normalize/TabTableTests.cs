using Site.Normalize;
using Xunit;

namespace Site.Tests.Normalize;

public class TabTableTests
{
    [Fact]
    public void Rows_become_pipe_table()
    {
        var t = TabTable.ToPipeTable(new[] { "模型\t参数量", "BERT\t110M" });
        Assert.Equal(new[] { "| 模型 | 参数量 |", "|---|---|", "| BERT | 110M |" }, t);
    }

    [Fact]
    public void Pipes_in_cells_are_escaped()
    {
        var t = TabTable.ToPipeTable(new[] { "a\tb", "x | y\tz" })!;
        Assert.Equal("| x \\| y | z |", t[2]);
    }

    [Fact]
    public void Empty_trailing_columns_are_dropped_and_short_rows_padded()
    {
        var t = TabTable.ToPipeTable(new[] { "a\tb\tc\t\t", "1\t2" })!;
        Assert.Equal("| a | b | c |", t[0]);
        Assert.Equal("| 1 | 2 |  |", t[2]);
    }

    [Fact]
    public void One_row_or_one_column_is_not_a_table()
    {
        Assert.Null(TabTable.ToPipeTable(new[] { "a\tb" }));
        Assert.Null(TabTable.ToPipeTable(new[] { "a\t", "b\t" }));
    }
}
