using Ervaring.Core.Reports;
using Ervaring.Core.Reports.Yardstick;
using Ervaring.Core.Sampling;
using Ervaring.Storage.Council;

namespace Ervaring.Functions.Reports.Yardstick;

/// <summary>
/// Adds the yardstick to a municipality's composed report: its targets as they stand now, judged on this report's
/// published figures, and its report years. This runs at publication (and for the preview), so a version carries
/// the targets of its moment; changing a target later reaches the public only through a new version — a correction
/// (the content differs, so the correction is allowed) or next year's report. A region report gets neither: targets
/// and years belong to a municipality.
/// </summary>
public sealed class YardstickComposer(YardstickStore store, YardstickService service)
{
    public async Task<PublicReport> AttachAsync(PublicReport report, DateOnly? firstPublishedOn, CancellationToken cancellationToken)
    {
        if (report.IsRegion) return report;
        var targets = await store.ListTargetsAsync(report.Scope, cancellationToken);
        var years = (await service.YearsAsync(report.Scope, cancellationToken)).ToList();
        // The report being published is published as of this version: its year says so (with the date of version 1).
        if (!report.Supplementary && firstPublishedOn is { } on)
            years = years.Select(y => y.Year == report.Year
                ? y with { Status = ReportYears.Published, PublishedOn = y.PublishedOn ?? on, OnTime = (y.PublishedOn ?? on) <= ReportYears.Deadline(y.Year), Reason = null }
                : y).ToList();
        return report with
        {
            Targets = TargetAssessment.Assess(targets, report.Figures, report.Series, report.Year),
            Years = years,
            References = References(await store.ListReferencesAsync(report.Scope, cancellationToken), report),
        };
    }

    /// <summary>Each reference beside this report's total figure of its indicator and audience (a hidden figure stays hidden).</summary>
    private static List<PublicReference> References(IReadOnlyList<Core.Comparison.ReferenceFigure> references, PublicReport report)
    {
        var result = new List<PublicReference>();
        foreach (var r in references.OrderBy(r => r.Audience == Audiences.OudersName ? 0 : 1).ThenBy(r => Pages.Reports.ReportText.HeadlineIndicators.ToList().IndexOf(r.Measure)).ThenBy(r => r.Source, StringComparer.Ordinal))
        {
            var ours = report.Figures.FirstOrDefault(f => f.Audience == r.Audience && f.Measure == r.Measure && f.Dimension == Dimensions.Total && f.MeasureType == MeasureTypes.Indicator);
            if (ours is null) continue; // an audience or indicator this report does not have
            result.Add(new PublicReference(r.Audience, r.Measure, ours.Label, ours.Scale, ours.Suppressed ? null : ours.Value, ours.Suppressed ? null : ours.CiLow, ours.Suppressed ? null : ours.CiHigh,
                r.Source, r.Year, r.Population, r.Value, r.CiLow, r.CiHigh, r.ComparabilityLabel, r.Difference));
        }
        return result;
    }
}
