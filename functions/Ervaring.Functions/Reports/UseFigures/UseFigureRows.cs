using System.Globalization;
using Ervaring.Core.Reports;
using Ervaring.Core.Reports.UseFigures;

namespace Ervaring.Functions.Reports.UseFigures;

/// <summary>
/// The use figures in the CSV (soort <c>gebruik</c>): per year the number of young people with care and the median
/// duration (uitsplitsing <c>totaal</c>), and per group its count (<c>meting</c> = <c>clienten</c>, the count in
/// <c>uitkomst</c>). The year the count is about is in the column <c>teljaar</c>; a hidden count is empty with
/// <c>verborgen</c> = ja and its reason, as in the HTML and the JSON (all three come from the same report).
/// </summary>
public static class UseFigureRows
{
    public const string Kind = "gebruik";
    public const string ClientsMeasure = "clienten";
    public const string MedianMeasure = "duur_mediaan";

    private static readonly int TellingYear = OpenData.Columns.ToList().IndexOf("teljaar");

    private static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static IEnumerable<IEnumerable<string?>> Rows(PublicReport report) => report.Use.SelectMany(u =>
    {
        var rows = new List<string?[]>
        {
            Row(report, u.Year, Dimensions.Total, "totaal", Dimensions.TotalValue, ClientsMeasure, u.Clients, u.Reason),
            Row(report, u.Year, Dimensions.Total, "totaal", Dimensions.TotalValue, MedianMeasure, u.MedianDurationMonths, u.Reason),
        };
        rows.AddRange(u.Cells.Select(c => Row(report, u.Year, c.Dimension, c.Label, c.Group, ClientsMeasure, c.Clients, c.Reason)));
        return rows;
    });

    private static string?[] Row(PublicReport report, int year, string dimension, string label, string code, string measure, double? value, string? reason)
    {
        var median = measure == MedianMeasure;
        var row = new string?[OpenData.Columns.Count];
        string?[] first =
        [
            report.Scope, Inv(report.Year), Inv(report.Version), null, dimension, label, Kind, measure,
            median ? "mediane duur van de hulp in maanden" : "aantal jeugdigen met hulp (steekproefkader)", median ? "maanden" : "aantal",
            null, median ? OpenData.Number(value) : value?.ToString("0", CultureInfo.InvariantCulture), null, null, value is null ? "ja" : "nee", reason, code,
        ];
        first.CopyTo(row, 0);
        row[TellingYear] = Inv(year);
        return row;
    }
}
