using System.Globalization;
using System.Text.Json;
using Ervaring.Core.Csv;
using Ervaring.Core.Reports;

namespace Ervaring.Functions.Reports;

/// <summary>
/// The published tables as open data (column dictionary: docs/open-data.md). CSV: ';', UTF-8 with BOM, Dutch
/// decimal comma, spreadsheet-safe. JSON: the whole public report. Both come from the same <see cref="PublicReport"/>
/// as the HTML, so what is hidden there is hidden here. The group is in full Dutch in <c>waarde</c> (what a reader
/// sees, as in the report); the short code stays in the last column, <c>waardecode</c>, for programs that join years.
/// </summary>
public static class OpenData
{
    public static readonly IReadOnlyList<string> Columns =
        ["gebied", "jaar", "versie", "doelgroep", "uitsplitsing", "waarde", "soort", "meting", "omschrijving", "schaal",
         "respondenten", "uitkomst", "ondergrens", "bovengrens", "verborgen", "reden", "waardecode",
         // Issue 14 (docs/open-data.md): filled only on rows with soort "streefwaarde" or "rapportjaar"; appended, so
         // programs that read the first 17 columns by position keep working.
         "streefwaarde", "streefjaar", "oordeel", "koers", "beleidsstuk", "beleidsstuk_link",
         "rapportjaar", "stand", "verschenen_op", "op_tijd", "reden_geen_onderzoek",
         // Issue 14 point 3: the year a row of soort "gebruik" counts (this year or an earlier one).
         "teljaar",
         // Issue 14 point 4: filled only on rows of soort "referentie" (a figure from outside the region).
         "bron", "bronjaar", "populatie", "vergelijkbaarheid", "verschil",
         // Issue 16 point 2: on rows of soort "indicator" or "vraag", "ja" when the figure is new this year, else "nee".
         "nieuw_dit_jaar"];


    public static byte[] Csv(PublicReport report)
    {
        var rows = new List<IEnumerable<string?>> { Columns };
        rows.AddRange(Rows(report));
        return SafeCsv.ToUtf8Bytes(rows);
    }

    /// <summary>
    /// One row per figure, then the yardstick's rows (targets, report years) and the use figures, in <see cref="Columns"/> order; the
    /// draft download adds a column to these.
    /// </summary>
    public static IEnumerable<IEnumerable<string?>> Rows(PublicReport report) => report.Figures.Select(f => FigureRow(report, f))
        .Concat(Yardstick.YardstickRows.Targets(report))
        .Concat(Yardstick.YardstickRows.Years(report))
        .Concat(UseFigures.UseFigureRows.Rows(report))
        .Concat(Yardstick.YardstickRows.References(report))
        .Select(Padded);

    private static string?[] FigureRow(PublicReport report, PublicFigure f)
    {
        var row = new string?[Columns.Count];
        string?[] cells =
        [
            report.Scope, report.Year.ToString(CultureInfo.InvariantCulture), report.Version.ToString(CultureInfo.InvariantCulture),
            f.Audience, f.Dimension, f.DomainLabel, f.MeasureType, f.Measure, f.Label, f.Scale == "cijfer" ? "cijfer" : "procent",
            f.Respondents?.ToString(CultureInfo.InvariantCulture), Number(f.Value), Number(f.CiLow), Number(f.CiHigh),
            f.Suppressed ? "ja" : "nee", f.SuppressionReason, f.DomainValue,
        ];
        cells.CopyTo(row, 0);
        row[^1] = f.NewThisYear == true ? "ja" : "nee";
        return row;
    }

    /// <summary>Every row as wide as <see cref="Columns"/>: a row kind fills only its own columns, the rest stay empty.</summary>
    private static IEnumerable<string?> Padded(IEnumerable<string?> row)
    {
        var cells = row.ToList();
        return cells.Concat(Enumerable.Repeat<string?>(null, Math.Max(0, Columns.Count - cells.Count)));
    }

    public static byte[] Json(PublicReport report) => JsonSerializer.SerializeToUtf8Bytes(report, ReportComposer.Json);

    internal static string? Number(double? value) => value?.ToString("0.#", Pages.Shared.Format.Dutch);
}
