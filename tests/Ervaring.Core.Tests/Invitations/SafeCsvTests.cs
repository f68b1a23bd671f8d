using System.Text;
using Ervaring.Core.Csv;

namespace Ervaring.Core.Tests.Invitations;

public class SafeCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"klik\")", "\"'=HYPERLINK(\"\"http://evil\"\",\"\"klik\"\")\"")]
    [InlineData("+31 6 1234", "'+31 6 1234")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\t=1+1", "\"'\t'=1+1\"")]
    [InlineData("\r=1+1", "\"'\r'=1+1\"")]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    public void Formula_injection_is_neutralised(string value, string expected)
    {
        Assert.True(SafeCsv.IsDangerous(value));
        Assert.Equal(expected, SafeCsv.Cell(value));
    }

    [Theory]
    [InlineData("gewoon", "gewoon")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("zei \"hoi\"", "\"zei \"\"hoi\"\"\"")]
    [InlineData("twee\nregels", "\"twee\nregels\"")]
    [InlineData("a,b", "\"a,b\"")] // a reader assuming ',' would split it otherwise
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Quotes_only_when_needed(string? value, string expected) => Assert.Equal(expected, SafeCsv.Cell(value));

    [Fact]
    public void Comma_separator_quotes_commas() => Assert.Equal("\"a,b\"", SafeCsv.Cell("a,b", ','));

    [Fact]
    public void File_has_bom_semicolons_and_crlf()
    {
        var bytes = SafeCsv.ToUtf8Bytes([["clientreferentie", "link"], ["=A1", "https://x/abc"]]);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("clientreferentie;link\r\n'=A1;https://x/abc\r\n", Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal(0x63, SafeCsv.ToUtf8Bytes([["c"]], withBom: false)[0]);
    }
}
