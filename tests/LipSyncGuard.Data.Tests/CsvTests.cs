using Xunit;

namespace LipSyncGuard.Data.Tests;

public sealed class CsvTests
{
    [Fact]
    public void Split_QuotedComma_KeptInCell() =>
        Assert.Equal(["a", "b,c", "d\"e"], Csv.Split("a,\"b,c\",\"d\"\"e\""));

    [Theory]
    [InlineData("clips/a.mp4", "clips/a.mp4")]
    [InlineData("a,b.mp4", "\"a,b.mp4\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    public void Quote_Cell_QuotedOnlyWhenNeeded(string cell, string written) => Assert.Equal(written, Csv.Quote(cell));

    [Fact]
    public void Split_QuotedCells_ReadBackAsWritten()
    {
        string[] cells = ["plain", "with, comma", "with \"quotes\"", ""];
        Assert.Equal(cells, Csv.Split(string.Join(',', cells.Select(Csv.Quote))));
    }
}
