using System.Text;
using Ervaring.Core.Csv;

namespace Ervaring.Core.Tests.Csv;

/// <summary>
/// A cell is safe whatever separator the reader assumes: anything holding ',', ';', a tab, a quote or a line break
/// is quoted, and a formula at the start of the cell or at the start of any piece a reader could split off gets the
/// apostrophe that keeps the whole cell text.
/// </summary>
public class SafeCsvAnySeparatorTests
{
    [Theory]
    [InlineData("K1,=1+1,", "\"'K1,'=1+1,\"")]
    [InlineData("x,=2+2,", "\"'x,'=2+2,\"")]
    [InlineData("a;+1", "\"'a;'+1\"")]
    [InlineData("a\t-1", "\"'a\t'-1\"")]
    [InlineData("a,@SUM(A1)", "\"'a,'@SUM(A1)\"")]
    [InlineData("a, =1+1", "\"'a,' =1+1\"")]
    [InlineData("a;\t=1", "\"'a;'\t'=1\"")]
    [InlineData("a,\r=1", "\"'a,'\r'=1\"")]
    [InlineData("regel\n=1+1", "\"'regel\n'=1+1\"")]
    public void A_formula_after_any_separator_is_neutralised(string value, string expected)
    {
        Assert.True(SafeCsv.IsDangerous(value));
        Assert.Equal(expected, SafeCsv.Cell(value));
        Assert.Equal(expected, SafeCsv.Cell(value, ','));
    }

    [Theory]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("a\tb", "\"a\tb\"")]
    [InlineData("62,5", "\"62,5\"")]
    [InlineData("zei \"hoi\"", "\"zei \"\"hoi\"\"\"")]
    [InlineData("a\r\nb", "\"a\r\nb\"")]
    [InlineData("Bergen/L", "Bergen/L")]
    [InlineData("a-b+c=d", "a-b+c=d")]
    public void Quoted_for_every_separator_without_an_apostrophe_when_nothing_starts_a_formula(string value, string expected)
    {
        Assert.False(SafeCsv.IsDangerous(value));
        foreach (var separator in new[] { ';', ',', '\t' })
            Assert.Equal(expected, SafeCsv.Cell(value, separator));
    }

    [Fact]
    public void The_separator_itself_is_always_quoted() => Assert.Equal("\"a|b\"", SafeCsv.Cell("a|b", '|'));

    [Theory]
    [InlineData("K1,=1+1,", "'K1,'=1+1,")]
    [InlineData("x,=2+2,", "'x,'=2+2,")]
    public void A_reader_assuming_either_separator_sees_no_cell_starting_a_formula(string payload, string written)
    {
        var text = Encoding.UTF8.GetString(SafeCsv.ToUtf8Bytes([["clientreferentie", "gemeente"], [payload, "Stad"], ["Stad", payload]], withBom: false));
        foreach (var separator in new[] { ',', ';' })
            foreach (var cell in Cells(text, separator))
                Assert.False(cell.TrimStart(' ', '\t', '\r', '\n') is [ '=' or '+' or '-' or '@', ..], $"'{separator}': {cell}");
        // Read with its own separator the cell is whole, with an apostrophe in front of each piece that started a formula.
        Assert.Equal(2, Cells(text, ';').Count(c => c == written));
    }

    /// <summary>RFC 4180 reading as spreadsheets do it: a quote opens a group only at the start of a cell.</summary>
    private static List<string> Cells(string text, char separator)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false, started = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') cell.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"' && !started) { quoted = true; started = true; }
            else if (c == separator || c == '\n') { cells.Add(cell.ToString().TrimEnd('\r')); cell.Clear(); started = false; }
            else { cell.Append(c); started = true; }
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
