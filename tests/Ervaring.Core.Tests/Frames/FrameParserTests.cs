using System.Security.Cryptography;
using System.Text;
using Ervaring.Core.Frames;
using static Ervaring.Core.Tests.Frames.FrameInput;

namespace Ervaring.Core.Tests.Frames;

/// <summary>Reading frames (separators, quotes, line numbers) and the row errors, one test per case.</summary>
public class FrameParserTests
{
    [Fact]
    public void Reads_a_valid_file()
    {
        var result = ParseRows(
            "A1;2012;Utrecht;ambulant;huisarts;AGB01;2024-03-01;",
            "A2;2008;zeist;Verblijf;CJG;AGB02;01-02-2024;31-12-2024",
            "A3;2003;Utrecht;jeugdbescherming;GI;AGB03;5-6-2024;",
            "A4;2020;'s-Hertogenbosch;PGB;medisch specialist;AGB04;07/08/2024;");

        Assert.True(result.IsValid, string.Join("\n", result.RowErrors));
        var records = result.Frame!.Records;
        Assert.Equal(4, records.Count);
        Assert.Equal(new FrameRecord(2, "A1", 2012, 13, "Utrecht", CareType.Ambulant, Referrer.Huisarts, "AGB01", new DateOnly(2024, 3, 1), null), records[0]);
        Assert.Equal("Zeist", records[1].Municipality);
        Assert.Equal(Referrer.Wijkteam, records[1].Referrer);
        Assert.Equal(new DateOnly(2024, 12, 31), records[1].EndDate);
        Assert.Equal(Referrer.GecertificeerdeInstelling, records[2].Referrer);
        Assert.Equal(new DateOnly(2024, 6, 5), records[2].StartDate);
        Assert.Equal(CareType.Pgb, records[3].CareType);
        Assert.Equal(Referrer.MedischSpecialist, records[3].Referrer);
        Assert.Equal(new DateOnly(2024, 8, 7), records[3].StartDate);
    }

    [Fact]
    public void Reads_comma_separated_with_bom_quotes_aliases_and_age()
    {
        var text = "Cliëntnummer , Leeftijd,GEMEENTE,Soort zorg,Verwijzing,Zorgaanbieder,Begindatum,extra kolom\r\n"
            + "\"X,1\",15,Utrecht,jeugdhulp met verblijf,lokaal team,\"AGB \"\"7\"\"\",2024-01-01,wat dan ook\r\n"
            + "X2,4,Utrecht,overig,onbekend,AGB8,2024-01-01,\"met\nregeleinde\"\r\n"
            + "X3,9,Utrecht,overig,onbekend,AGB8,2024-01-01,\r\n";
        var result = Parse(text, bom: true);

        Assert.True(result.IsValid, string.Join("\n", result.FileErrors.Select(e => e.ToString()).Concat(result.RowErrors.Select(e => e.ToString()))));
        var first = result.Frame!.Records[0];
        Assert.Equal("X,1", first.ClientReference);
        Assert.Null(first.BirthYear);
        Assert.Equal(15, first.Age);
        Assert.Equal(CareType.Verblijf, first.CareType);
        Assert.Equal(Referrer.Wijkteam, first.Referrer);
        Assert.Equal("AGB \"7\"", first.ProviderCode);

        // The quoted line break makes X3 start on physical line 5.
        Assert.Equal(5, result.Frame.Records[2].LineNumber);
    }

    [Fact]
    public void Fingerprint_is_sha256_of_the_raw_bytes()
    {
        var bytes = Encoding.UTF8.GetBytes(Header + "\nA1;2012;Utrecht;ambulant;huisarts;AGB01;2024-03-01;\n");
        var result = FrameParser.Parse(new MemoryStream(bytes), Options);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), result.Fingerprint);
        Assert.Equal(result.Fingerprint, result.Frame!.Fingerprint);
    }

    [Fact]
    public void Composition_counts_per_municipality_care_type_and_age_band()
    {
        var result = ParseRows(
            "A1;2012;Utrecht;ambulant;huisarts;AGB01;2024-03-01;",
            "A2;2010;Utrecht;ambulant;huisarts;AGB01;2024-03-01;",
            "A3;2020;Utrecht;ambulant;huisarts;AGB01;2024-03-01;",
            "A4;2020;Zeist;verblijf;huisarts;AGB01;2024-03-01;");

        Assert.Equal(
            [
                new CompositionCell("Utrecht", CareType.Ambulant, "4-11", 1),
                new CompositionCell("Utrecht", CareType.Ambulant, "12-17", 2),
                new CompositionCell("Zeist", CareType.Verblijf, "4-11", 1),
            ],
            result.Composition);
    }

    // ---- Reading the CSV (CsvHelper): lines, quotes, separators ----

    [Fact]
    public void A_quoted_line_break_keeps_the_line_numbers_of_later_rows_and_errors()
    {
        var result = Parse(Header + "\r\n"
            + "\"A\r\n1\";2012;Utrecht;ambulant;huisarts;\"AGB\n01\";2024-03-01;\r\n"
            + "\r\n"
            + "A2;2012;Utrecht;ambulant;huisarts;AGB01;2024-03-01;\r\n"
            + "A3;2012;Utrecht;ambulant;huisarts;AGB01;gisteren;\r\n");

        // Row A1 takes lines 2 to 4 (two line breaks inside quotes), line 5 is blank.
        Assert.Equal([2, 6], result.Frame!.Records.Select(r => r.LineNumber));
        Assert.Equal("A\r\n1", result.Frame.Records[0].ClientReference);
        Assert.Equal("AGB\n01", result.Frame.Records[0].ProviderCode);
        Assert.Equal(new FrameRowError(7, "startdatum", "'gisteren' is geen geldige datum. Gebruik bijvoorbeeld 2025-03-31 of 31-03-2025."), SingleError(result));
    }

    [Fact]
    public void Bom_and_comma_separator_report_lines_and_the_header_as_written()
    {
        var result = Parse("Client_Ref,Leeftijd,Gemeente,Zorgvorm,Verwijzer,Aanbieder,Startdatum\n"
            + "\"K,1\",12,Utrecht,ambulant,huisarts,\"AGB;1\",2024-03-01\n"
            + "K2,30,Utrecht,ambulant,huisarts,AGB1,2024-03-01\n", bom: true);

        var record = Assert.Single(result.Frame!.Records);
        Assert.Equal(("K,1", "AGB;1", 2), (record.ClientReference, record.ProviderCode, record.LineNumber));
        Assert.Equal("Regel 3, kolom 'Leeftijd': Leeftijd 30 jaar op de peildatum (2025-01-01) kan niet: jeugdhulp is voor 0 tot en met 23 jaar.", SingleError(result).ToString());
    }

    [Fact]
    public void Carriage_returns_alone_end_lines_too()
    {
        var result = Parse(Header + "\rA1;2012;Utrecht;ambulant;huisarts;AGB01;2024-03-01;\r\rA2;2012;Utrecht;ambulant;;AGB01;2024-03-01;\r");
        Assert.Equal(2, Assert.Single(result.Frame!.Records).LineNumber);
        Assert.Equal(4, SingleError(result).LineNumber);
    }

    [Fact]
    public void Blank_lines_and_lines_of_empty_fields_are_skipped_but_counted()
    {
        var result = Parse("\n ;; \n" + Header + "\n;;;;;;;\n  \n\u00a0\nA1;2012;Utrecht;ambulant;huisarts;AGB01;2024-03-01;\n");
        Assert.Equal(1, result.DataRows);
        Assert.Equal(7, Assert.Single(result.Frame!.Records).LineNumber);
    }

    [Fact]
    public void Spaces_before_a_quote_stray_quotes_and_text_after_a_closing_quote_are_read_leniently()
    {
        var result = ParseRows(
            "  \"A;1\"  ;2012;Utrecht;ambulant;huisarts;AB\"C;2024-03-01;",
            "A2;2012;Utrecht;ambulant;huisarts;\"AGB\"7;2024-03-01;");

        Assert.True(result.IsValid, string.Join("\n", result.RowErrors));
        Assert.Equal(["A;1", "A2"], result.Frame!.Records.Select(r => r.ClientReference));
        Assert.Equal(["AB\"C", "AGB7"], result.Frame.Records.Select(r => r.ProviderCode));
    }

    [Fact]
    public void A_comma_inside_quotes_on_the_header_does_not_choose_the_separator()
    {
        // Nine commas inside quotes, eight semicolons outside: ';' wins.
        var result = Parse("\"opmerking, a,b,c,d,e,f,g,h\";clientnr;geboortejaar;gemeente;zorgvorm;verwijzer;aanbieder;startdatum\nx;A1;2012;Utrecht;ambulant;huisarts;AGB01;2024-03-01\n");
        Assert.True(result.IsValid, string.Join("\n", result.FileErrors));
        Assert.Equal("A1", Assert.Single(result.Frame!.Records).ClientReference);
    }

    [Fact]
    public void A_line_with_only_a_nul_character_is_an_ordinary_wrong_line()
    {
        var result = ParseRows("\0", "A1;2012;Utrecht;ambulant;huisarts;AGB01;2024-03-01;");
        Assert.Equal(1, result.Frame!.Count);
        var error = SingleError(result);
        Assert.Equal((2, (string?)null), (error.LineNumber, error.Column));
        Assert.StartsWith("Deze regel heeft 1 velden", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A1;2012;Utrecht;ambulant;huisarts;\"AGB01;2024-03-01;", 2)] // reported by CsvHelper as such
    [InlineData("A\"1;2012;Utrecht;ambulant;huisarts;\"AGB01;2024-03-01;", 2)] // CsvHelper reports the stray quote only
    [InlineData("\"A\"1;2012;Utrecht;ambulant;huisarts;\"AGB01;2024-03-01;", 2)] // and here the text after a closing quote
    [InlineData("A1;2012;Utrecht;ambulant;huisarts;AGB01;2024-03-01;\n\"A\n2\";2012;Utrecht;ambulant;huisarts;AGB01;2024-03-01;\nA3;2012;\"Utrecht", 5)]
    [InlineData("A1;2012;Utrecht;ambulant;huisarts;\"AGB01\"\"", 2)] // the file ends in a quote, but an escaped one
    public void Unterminated_quote_names_the_line_where_its_row_starts(string rows, int line)
    {
        var result = Parse(Header + "\n" + rows);
        Assert.Null(result.Frame);
        Assert.Equal(
            new FrameFileError("Hier begint een veld met een aanhalingsteken (\") dat niet wordt afgesloten. Controleer de aanhalingstekens in dit veld.", line),
            Assert.Single(result.FileErrors));
    }

    [Fact]
    public void A_file_of_white_space_is_empty()
    {
        var result = Parse(" \r\n\t\n\u00a0\n", bom: true);
        Assert.Equal(new FrameFileError("Het bestand is leeg. Kies het CSV-bestand met de cliëntgegevens."), Assert.Single(result.FileErrors));
    }

    // ---- Row errors: one test per case ----

    [Fact]
    public void Missing_reference()
    {
        var error = SingleError(ParseRows(" ;2012;Utrecht;ambulant;huisarts;AGB01;2024-03-01;"));
        Assert.Equal(new FrameRowError(2, "clientreferentie", "De clientreferentie ontbreekt. Elke regel moet een clientreferentie hebben."), error);
    }

    [Fact]
    public void Duplicate_reference_names_the_first_line()
    {
        var result = ParseRows(
            "A1;2012;Utrecht;ambulant;huisarts;AGB01;2024-03-01;",
            "A2;2012;Utrecht;ambulant;huisarts;AGB01;2024-03-01;",
            "A1;2013;Utrecht;ambulant;huisarts;AGB01;2024-03-01;");
        var error = SingleError(result);
        Assert.Equal(4, error.LineNumber);
        Assert.Equal("clientreferentie", error.Column);
        Assert.Equal("Deze clientreferentie staat al op regel 2. Elke cliënt mag maar één keer in het bestand staan.", error.Reason);
        Assert.Equal(2, result.Frame!.Count);
        Assert.Equal(1, result.RejectedRows);
    }

    [Fact]
    public void Too_old()
    {
        var error = SingleError(ParseRows("A1;2000;Utrecht;ambulant;huisarts;AGB01;2024-03-01;"));
        Assert.Equal(2, error.LineNumber);
        Assert.Equal("geboortejaar", error.Column);
        Assert.Equal("Leeftijd 25 jaar op de peildatum (2025-01-01) kan niet: jeugdhulp is voor 0 tot en met 23 jaar.", error.Reason);
    }

    [Fact]
    public void Negative_age()
    {
        var error = SingleError(Parse("clientreferentie;leeftijd;gemeente;zorgvorm;verwijzer;aanbieder;startdatum\nA1;-1;Utrecht;ambulant;huisarts;AGB01;2024-03-01\n"));
        Assert.Equal(2, error.LineNumber);
        Assert.Equal("leeftijd", error.Column);
        Assert.Equal("Leeftijd -1 jaar op de peildatum (2025-01-01) kan niet: jeugdhulp is voor 0 tot en met 23 jaar.", error.Reason);
    }

    [Fact]
    public void Birth_year_in_the_future()
    {
        var error = SingleError(ParseRows("A1;2026;Utrecht;ambulant;huisarts;AGB01;2024-03-01;"));
        Assert.Equal("geboortejaar", error.Column);
        Assert.Equal("Geboortejaar 2026 ligt in de toekomst: het is later dan het jaar van de peildatum (2025).", error.Reason);
    }

    [Fact]
    public void Birth_year_not_a_year()
    {
        var error = SingleError(ParseRows("A1;twaalf;Utrecht;ambulant;huisarts;AGB01;2024-03-01;"));
        Assert.Equal("'twaalf' is geen geldig geboortejaar. Schrijf het jaar met vier cijfers, bijvoorbeeld 2012.", error.Reason);
    }

    [Fact]
    public void Unknown_municipality()
    {
        var error = SingleError(ParseRows("A1;2012;Amersfoort;ambulant;huisarts;AGB01;2024-03-01;"));
        Assert.Equal(2, error.LineNumber);
        Assert.Equal("gemeente", error.Column);
        Assert.Equal("Gemeente 'Amersfoort' hoort niet bij deze meting. Toegestaan: 's-Hertogenbosch, Utrecht, Zeist.", error.Reason);
    }

    [Fact]
    public void Unknown_care_type()
    {
        var error = SingleError(ParseRows("A1;2012;Utrecht;dagbesteding;huisarts;AGB01;2024-03-01;"));
        Assert.Equal("zorgvorm", error.Column);
        Assert.Equal("Zorgvorm 'dagbesteding' kennen we niet. Kies uit: ambulant, verblijf, jeugdbescherming, jeugdreclassering, pgb, overig.", error.Reason);
    }

    [Fact]
    public void Unknown_referrer()
    {
        var error = SingleError(ParseRows("A1;2012;Utrecht;ambulant;buurvrouw;AGB01;2024-03-01;"));
        Assert.Equal("verwijzer", error.Column);
        Assert.Equal("Verwijzer 'buurvrouw' kennen we niet. Kies uit: huisarts, wijkteam, gi, jeugdarts, medisch specialist, geen, onbekend.", error.Reason);
    }

    [Fact]
    public void Unparsable_start_date()
    {
        var error = SingleError(ParseRows("A1;2012;Utrecht;ambulant;huisarts;AGB01;31-02-2024;"));
        Assert.Equal(2, error.LineNumber);
        Assert.Equal("startdatum", error.Column);
        Assert.Equal("'31-02-2024' is geen geldige datum. Gebruik bijvoorbeeld 2025-03-31 of 31-03-2025.", error.Reason);
    }

    [Fact]
    public void Unparsable_end_date()
    {
        var error = SingleError(ParseRows("A1;2012;Utrecht;ambulant;huisarts;AGB01;2024-03-01;1 maart"));
        Assert.Equal("einddatum", error.Column);
        Assert.Equal("'1 maart' is geen geldige datum. Gebruik bijvoorbeeld 2025-03-31 of 31-03-2025.", error.Reason);
    }

    [Fact]
    public void End_before_start()
    {
        var error = SingleError(ParseRows("A1;2012;Utrecht;ambulant;huisarts;AGB01;2024-03-01;2024-02-01"));
        Assert.Equal(new FrameRowError(2, "einddatum", "De einddatum (2024-02-01) ligt vóór de startdatum (2024-03-01)."), error);
    }

    [Fact]
    public void Wrong_number_of_fields()
    {
        var error = SingleError(ParseRows(
            "A1;2012;Utrecht;ambulant;huisarts;AGB01;2024-03-01;",
            "A2;2012;Utrecht;ambulant;huisarts;AGB01"));
        Assert.Equal(3, error.LineNumber);
        Assert.Null(error.Column);
        Assert.Equal("Deze regel heeft 6 velden, maar de kopregel heeft 8 kolommen. Controleer het scheidingsteken en de aanhalingstekens.", error.Reason);
        Assert.Equal("Regel 3: Deze regel heeft 6 velden, maar de kopregel heeft 8 kolommen. Controleer het scheidingsteken en de aanhalingstekens.", error.ToString());
    }

    [Fact]
    public void Missing_referrer_value()
    {
        var error = SingleError(ParseRows("A1;2012;Utrecht;ambulant;;AGB01;2024-03-01;"));
        Assert.Equal("verwijzer", error.Column);
        Assert.StartsWith("De verwijzer ontbreekt. Vul 'onbekend' in", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_errors_on_one_row_are_all_reported()
    {
        var result = ParseRows("A1;2030;Amersfoort;x;y;AGB01;2024-03-01;");
        Assert.Equal(["geboortejaar", "gemeente", "zorgvorm", "verwijzer"], result.RowErrors.Select(e => e.Column));
        Assert.All(result.RowErrors, e => Assert.Equal(2, e.LineNumber));
        Assert.Empty(result.Frame!.Records);
    }

    [Fact]
    public void Error_message_uses_the_header_as_written()
    {
        var result = Parse("Client_Ref;Geboortejaar;Gemeente;Zorgvorm;Verwijzer;Aanbieder;Startdatum\nA1;2012;Utrecht;ambulant;huisarts;AGB01;gisteren\n");
        var error = SingleError(result);
        Assert.Equal("Regel 2, kolom 'Startdatum': 'gisteren' is geen geldige datum. Gebruik bijvoorbeeld 2025-03-31 of 31-03-2025.", error.ToString());
    }
}
