using System.Globalization;
using Ervaring.Core.Csv;

namespace Ervaring.Core.Frames;

/// <summary>
/// The template register file an officer can download and fill from the back office (issue 20): the documented name
/// of every column the frame parser reads (<see cref="FrameVocabulary"/>), and three made-up rows that show the
/// accepted values. It is read by the same parser as a real frame, so what the template shows is what is accepted.
/// </summary>
public static class FrameTemplate
{
    /// <summary>The columns in the template: every frame column, with birth year standing for "birth year or age".</summary>
    public static IReadOnlyList<FrameColumn> Columns { get; } =
    [
        FrameColumn.ClientReference, FrameColumn.BirthYear, FrameColumn.Municipality, FrameColumn.CareType,
        FrameColumn.Referrer, FrameColumn.Provider, FrameColumn.StartDate, FrameColumn.EndDate,
    ];

    /// <summary>The template as ';'-separated UTF-8 with BOM (Dutch Excel), with example rows for one municipality.</summary>
    /// <param name="year">The wave's year: the example birth years and dates fall in it, so the rows are valid for that wave.</param>
    public static byte[] Csv(string municipality, int year)
    {
        var header = Columns.Select(FrameVocabulary.DisplayName);
        string Date(int month, int day) => new DateOnly(year - 1, month, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string Born(int age) => (year - age).ToString(CultureInfo.InvariantCulture);
        var rows = new List<IEnumerable<string?>>
        {
            header,
            // Made-up references: a real file carries the back office's own pseudonymous client number, never a name.
            new[] { "VOORBEELD-001", Born(8), municipality, FrameVocabulary.Name(CareType.Ambulant), FrameVocabulary.Name(Referrer.Huisarts), "A123", Date(2, 1), "" },
            new[] { "VOORBEELD-002", Born(15), municipality, FrameVocabulary.Name(CareType.Verblijf), FrameVocabulary.Name(Referrer.Wijkteam), "B456", Date(5, 12), Date(11, 30) },
            new[] { "VOORBEELD-003", Born(19), municipality, FrameVocabulary.Name(CareType.Jeugdbescherming), FrameVocabulary.Name(Referrer.GecertificeerdeInstelling), "C789", Date(9, 3), "" },
        };
        return SafeCsv.ToUtf8Bytes(rows);
    }
}
