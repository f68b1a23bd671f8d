using System.Text;
using Ervaring.Core.Frames;

namespace Ervaring.Core.Tests.Frames;

/// <summary>
/// Issue 20: the template register file. It names every column the parser reads, by its documented name, and its
/// example rows pass the parser as they stand: the template cannot promise a column or value the import refuses.
/// </summary>
public class FrameTemplateTests
{
    [Fact]
    public void The_header_has_the_documented_name_of_every_column_the_parser_reads()
    {
        var text = Encoding.UTF8.GetString(FrameTemplate.Csv("Zeist", 2026)).TrimStart('\uFEFF');
        var header = text.Split("\r\n")[0].Split(';');

        Assert.Equal(["clientreferentie", "geboortejaar", "gemeente", "zorgvorm", "verwijzer", "aanbieder", "startdatum", "einddatum"], header);
        // Every column but age, which is the alternative to the birth year.
        Assert.Equal(Enum.GetValues<FrameColumn>().Where(c => c != FrameColumn.Age).Order(), FrameTemplate.Columns.Order());
    }

    [Fact]
    public void Its_example_rows_are_accepted_by_the_frame_parser()
    {
        var result = FrameParser.Parse(FrameTemplate.Csv("Zeist", 2026), new FrameParseOptions(new DateOnly(2026, 3, 1), ["Zeist"]));

        Assert.True(result.IsValid, string.Join("; ", result.FileErrors.Select(e => e.ToString()).Concat(result.RowErrors.Select(e => e.ToString()))));
        Assert.Equal(3, result.Frame!.Count);
        Assert.Equal([CareType.Ambulant, CareType.Verblijf, CareType.Jeugdbescherming], result.Frame.Records.Select(r => r.CareType));
        Assert.Equal([Referrer.Huisarts, Referrer.Wijkteam, Referrer.GecertificeerdeInstelling], result.Frame.Records.Select(r => r.Referrer));
    }

    [Fact]
    public void An_unchanged_template_is_refused_for_a_real_municipality()
    {
        var result = FrameParser.Parse(FrameTemplate.Csv("Voorbeeldgemeente", 2026), new FrameParseOptions(new DateOnly(2026, 3, 1), ["Zeist"]));

        Assert.Equal(3, result.RejectedRows);
    }
}
