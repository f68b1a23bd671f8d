using System.Globalization;
using Ervaring.Core.Reports;

namespace Ervaring.Functions.Reports.Yardstick;

/// <summary>
/// The yardstick in the CSV: one row per target (soort <c>streefwaarde</c>, with the figure it is judged on in
/// uitkomst/ondergrens/bovengrens) and one row per report year (soort <c>rapportjaar</c>). Same columns as every
/// other row (<see cref="OpenData.Columns"/>), so the file stays one table.
/// </summary>
public static class YardstickRows
{
    private static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static IEnumerable<IEnumerable<string?>> Targets(PublicReport report) =>
        report.Targets.Select(t => new[]
        {
            report.Scope, Inv(report.Year), Inv(report.Version), t.Audience, t.Dimension, PlainLabels.Of(t.Dimension, t.DomainValue), "streefwaarde",
            t.Measure, t.Label, t.Scale == "cijfer" ? "cijfer" : "procent", null, OpenData.Number(t.Value), OpenData.Number(t.CiLow), OpenData.Number(t.CiHigh),
            t.Value is null ? "ja" : "nee", t.Reason, t.DomainValue,
            OpenData.Number(t.Target), Inv(t.TargetYear), t.Verdict ?? "niet te beoordelen", t.Heading, t.PolicyTitle, t.PolicyLink,
            null, null, null, null, null,
        });

    public static IEnumerable<IEnumerable<string?>> Years(PublicReport report) =>
        report.Years.Select(y => new[]
        {
            report.Scope, Inv(report.Year), Inv(report.Version), null, null, null, "rapportjaar", null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null,
            Inv(y.Year), y.Status, y.PublishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), y.OnTime switch { true => "ja", false => "nee", _ => null }, y.Reason,
        });

    /// <summary>One row per reference figure (soort <c>referentie</c>): theirs in uitkomst/ondergrens/bovengrens, with source, year, population and comparability.</summary>
    public static IEnumerable<IEnumerable<string?>> References(PublicReport report) =>
        report.References.Select(r => new[]
        {
            report.Scope, Inv(report.Year), Inv(report.Version), r.Audience, Dimensions.Total, "totaal", "referentie",
            r.Measure, r.Label, r.Scale == "cijfer" ? "cijfer" : "procent", null, OpenData.Number(r.Value), OpenData.Number(r.CiLow), OpenData.Number(r.CiHigh),
            "nee", null, Dimensions.TotalValue,
            null, null, null, null, null, null, null, null, null, null, null, null,
            r.Source, Inv(r.Year), r.Population, r.Comparability, r.Difference,
        });
}
