using System.Text;
using Ervaring.Core.Frames;
using static Ervaring.Core.Tests.Frames.FrameInput;

namespace Ervaring.Core.Tests.Frames;

/// <summary>Errors that refuse the whole file (empty, no header, missing or identifying columns, not UTF-8), one test per case.</summary>
public class FrameFileErrorTests
{
    [Fact]
    public void Empty_file()
    {
        var result = FrameParser.Parse(new MemoryStream([]), Options);
        Assert.Null(result.Frame);
        Assert.Equal("Het bestand is leeg. Kies het CSV-bestand met de cliëntgegevens.", Assert.Single(result.FileErrors).Reason);
    }

    [Fact]
    public void Header_only()
    {
        var result = Parse(Header + "\n\n");
        Assert.Equal("Het bestand heeft wel een kopregel, maar geen regels met cliënten.", Assert.Single(result.FileErrors).Reason);
    }

    [Fact]
    public void No_header()
    {
        var result = Parse("A1;2012;Utrecht;ambulant;huisarts;AGB01;2024-03-01;\n");
        var error = Assert.Single(result.FileErrors);
        Assert.Equal(1, error.LineNumber);
        Assert.StartsWith("De eerste regel is geen kopregel: er staan geen bekende kolomnamen in.", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_column()
    {
        var result = Parse("clientreferentie;geboortejaar;gemeente;zorgvorm;aanbieder;startdatum\nA1;2012;Utrecht;ambulant;AGB01;2024-03-01\n");
        var error = Assert.Single(result.FileErrors);
        Assert.Equal("Regel 1: De verplichte kolom 'verwijzer' ontbreekt in de kopregel.", error.ToString());
        Assert.Null(result.Frame);
    }

    [Fact]
    public void Missing_birth_year_and_age_columns()
    {
        var result = Parse("clientreferentie;gemeente;zorgvorm;verwijzer;aanbieder;startdatum\nA1;Utrecht;ambulant;huisarts;AGB01;2024-03-01\n");
        Assert.Equal("De kolom 'geboortejaar' of 'leeftijd' ontbreekt in de kopregel. Eén van de twee is nodig.", Assert.Single(result.FileErrors).Reason);
    }

    [Fact]
    public void Not_utf8()
    {
        // "Cliënt" in Windows-1252: ë = 0xEB, invalid in UTF-8 here. On line 2.
        var bytes = Encoding.ASCII.GetBytes(Header + "\nA1;2012;Utrecht;ambulant;huisarts;Cli").Concat(new byte[] { 0xEB }).Concat(Encoding.ASCII.GetBytes("nt;2024-03-01;\n")).ToArray();
        var result = FrameParser.Parse(new MemoryStream(bytes), Options);
        var error = Assert.Single(result.FileErrors);
        Assert.Equal(2, error.LineNumber);
        Assert.StartsWith("Het bestand is geen UTF-8-tekst", error.Reason, StringComparison.Ordinal);
        Assert.Contains("CSV UTF-8", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unterminated_quote()
    {
        var result = ParseRows("A1;2012;Utrecht;ambulant;huisarts;\"AGB01;2024-03-01;");
        var error = Assert.Single(result.FileErrors);
        Assert.Equal(2, error.LineNumber);
        Assert.Contains("aanhalingsteken", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Identifying_columns_are_refused()
    {
        var result = Parse(Header + ";Naam\nA1;2012;Utrecht;ambulant;huisarts;AGB01;2024-03-01;;Jan\n");
        var error = Assert.Single(result.FileErrors);
        Assert.StartsWith("Kolom 'Naam' hoort niet in het bestand.", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_column_meaning()
    {
        var result = Parse("clientnummer;pseudoniem;geboortejaar;gemeente;zorgvorm;verwijzer;aanbieder;startdatum\nA1;P1;2012;Utrecht;ambulant;huisarts;AGB01;2024-03-01\n");
        Assert.Equal("Kolom 'pseudoniem' en kolom 'clientnummer' betekenen allebei 'clientreferentie'. Laat er één staan.", Assert.Single(result.FileErrors).Reason);
    }
}
