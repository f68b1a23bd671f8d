using System.Text.Json;
using Ervaring.Core.Reports;
using Ervaring.Core.Reports.Council;
using Ervaring.Storage.Council;
using Ervaring.Storage.Reports;

namespace Ervaring.Functions.Reports.Council;

/// <summary>
/// Adds the municipality's own words to a composed report: interpretations and actions of this wave, the status
/// of the actions the previous published year promised, approved quotes, and — in a region — each municipality
/// against the rest of the region. Figures it mentions obey the same disclosure control as the tables.
/// </summary>
public sealed class CouncilNotesComposer(CouncilNotesStore notes, QuoteStore quotes, ReportArchive archive)
{
    public async Task<PublicReport> AttachAsync(PublicReport report, WaveAggregate aggregate, int k, CancellationToken cancellationToken)
    {
        var mine = await notes.ReadAsync(report.WaveId, cancellationToken);
        var approved = (await quotes.ListAsync(report.WaveId, cancellationToken)).Where(q => q.Approved && (report.IsRegion || q.Scope == report.Scope));
        return report with
        {
            Interpretations = mine.Interpretations.Where(i => i.Scope == report.Scope)
                .Select(i => new PublicInterpretation(i.Audience, i.Measure, i.Dimension, i.Text)).ToList(),
            Actions = mine.Actions.Where(a => a.Scope == report.Scope).Select(a => new PublicAction(a.Id, a.Measures, a.What, a.Who, a.Due)).ToList(),
            FollowUps = await FollowUpsAsync(report.Slug, report.Year, cancellationToken),
            Quotes = approved.Select(q => new PublicQuote(q.Theme, q.Cell, q.Text, q.Paraphrased)).ToList(),
            Comparisons = report.IsRegion ? Comparisons(report, aggregate, k) : [],
        };
    }

    /// <summary>The actions of the latest earlier published year of this report, with the status given since.</summary>
    public async Task<IReadOnlyList<PublicFollowUp>> FollowUpsAsync(string slug, int year, CancellationToken cancellationToken)
    {
        var earlier = (await archive.ListAsync(slug, cancellationToken)).Where(v => v.Year < year).ToList();
        if (earlier.Count == 0) return [];
        var lastYear = earlier.Max(v => v.Year);
        var version = earlier.Where(v => v.Year == lastYear).Max(v => v.Version);
        if (await archive.ReadAsync(ReportArchive.Name(slug, lastYear, version, ReportArchive.Json), cancellationToken) is not { } bytes) return [];
        if (JsonSerializer.Deserialize<PublicReport>(bytes, ReportComposer.Json) is not { } previous || previous.Actions.Count == 0) return [];
        var statuses = (await notes.ReadAsync(previous.WaveId, cancellationToken)).FollowUps.ToDictionary(f => f.ActionId);
        return previous.Actions.Select(a =>
        {
            var status = statuses.GetValueOrDefault(a.Id);
            return new PublicFollowUp(lastYear, a.Id, a.Measures, a.What, a.Who, a.Due, status?.Status, status?.Note);
        }).ToList();
    }

    /// <summary>Hidden when the municipality's own figure is hidden in the region table, or the rest of the region has fewer than k answers.</summary>
    private static List<PublicComparison> Comparisons(PublicReport report, WaveAggregate aggregate, int k) =>
        aggregate.Comparisons.Where(c => c.Scope == report.Scope).Select(c =>
        {
            var own = report.Figures.FirstOrDefault(f => f.Audience == c.Audience && f.Dimension == Dimensions.Municipality && f.DomainValue == c.Municipality
                                                        && f.MeasureType == MeasureTypes.Indicator && f.Measure == c.Measure);
            if (own is null || own.Suppressed || c.RestN < k) return new PublicComparison(c.Audience, c.Measure, c.Municipality, null, null, null, null);
            return new PublicComparison(c.Audience, c.Measure, c.Municipality,
                PublicTables.Display(own.Scale, c.Difference), PublicTables.Display(own.Scale, c.CiLow), PublicTables.Display(own.Scale, c.CiHigh), c.Significant);
        }).ToList();
}
