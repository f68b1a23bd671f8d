using System.Text;
using CsvHelper;
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
                Assert.False(cell.TrimStart(' ', '\t', '\r', '\n') is ['=' or '+' or '-' or '@', ..], $"'{separator}': {cell}");
        // Read with its own separator the cell is whole, with an apostrophe in front of each piece that started a formula.
        Assert.Equal(2, Cells(text, ';').Count(c => c == written));
    }

    [Fact]
    public void Read_back_by_CsvHelper_with_either_separator_no_field_starts_a_formula()
    {
        string[] payloads = ["K1,=1+1,", "x,=2+2,", "a;+1", "a, =1+1", "=HYPERLINK(\"http://evil\",\"klik\")", "regel\n=1+1", "@SUM(A1)", "-2+3"];
        var bytes = SafeCsv.ToUtf8Bytes([["clientreferentie", "gemeente"], .. payloads.Select(p => new[] { p, "Stad" })]);

        foreach (var separator in new[] { ';', ',' })
        {
            using var reader = CsvReader.Create(bytes, new CsvReaderOptions { Separator = separator, HasHeader = false });
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var field = reader.GetString(i);
                    Assert.False(field.TrimStart(' ', '\t', '\r', '\n') is ['=' or '+' or '-' or '@', ..], $"'{separator}': {field}");
                }
            }
        }

        // With its own separator every cell comes back whole, with the apostrophes.
        using var own = CsvReader.Create(bytes, new CsvReaderOptions { Separator = ';', HasHeader = true });
        var cells = new List<string>();
        while (own.Read())
        {
            cells.Add(own.GetString(0));
        }

        Assert.Equal(["'K1,'=1+1,", "'x,'=2+2,", "'a;'+1", "'a,' =1+1", "'=HYPERLINK(\"http://evil\",\"klik\")", "'regel\n'=1+1", "'@SUM(A1)", "'-2+3"], cells);
    }

    [Fact]
    public void Rows_of_no_cells_or_one_empty_cell_are_empty_lines_and_rows_may_differ_in_length()
    {
        var text = Encoding.UTF8.GetString(SafeCsv.ToUtf8Bytes([[], ["a", "b"], [""], [null], ["c"], ["d", "", "=e"], ["", ""]], withBom: false));
        Assert.Equal("\r\na;b\r\n\r\n\r\nc\r\nd;;'=e\r\n;\r\n", text);
        Assert.Equal([0xEF, 0xBB, 0xBF, 0x0D, 0x0A], SafeCsv.ToUtf8Bytes([[]]));
    }

    [Fact]
    public void Writes_to_a_text_writer_with_the_bom_as_a_character()
    {
        using var writer = new StringWriter();
        SafeCsv.Write(writer, [["a", "b,c"], ["+1"]], ',', writeBom: true);
        Assert.Equal("\uFEFFa,\"b,c\"\r\n'+1\r\n", writer.ToString());
        Assert.Equal("a;\"b,c\";'+1", SafeCsv.Line(["a", "b,c", "+1"]));
        Assert.Equal("", SafeCsv.Line([]));
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
