using Ervaring.Core.Disclosure;
using Ervaring.Core.Reports;
using Ervaring.Functions.Api;
using Ervaring.Storage.Aggregates;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Reports;

/// <summary>One row of <c>GET /api/waves/{id}/results</c>: the unrounded estimate and whether the public report hides it.</summary>
public sealed record ResultRow(
    string Audience, string Scope, string Dimension, string Value, string MeasureType, string Measure, string Label, string Scale,
    long N, double Estimate, double CiLow, double CiHigh, bool Suppressed, string? Reason);

public sealed record ResultsResponse(string WaveId, string Status, DateTimeOffset ComputedAt, long Responses, int SuppressionThreshold,
    IReadOnlyList<ResultRow> Rows, IReadOnlyList<ResponseRow> Response, IReadOnlyList<RepresentativenessRow> Representativeness,
    IReadOnlyList<TrendRow> Trends, IReadOnlyList<DistributionRow> Distributions, IReadOnlyList<string> Problems);

/// <summary>The report tables for the officer (onderzoeker): the draft, or the interim during fielding, with the public suppression marked.</summary>
public sealed class ResultsQuery(WaveStore waves, ReportAggregateStore aggregates)
{
    public async Task<Outcome<ResultsResponse>> ReadAsync(string waveId, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(waveId, cancellationToken) is not { } stored) return Problem.NotFound($"Meting '{waveId}' bestaat niet.");
        var aggregate = await aggregates.ReadAsync(waveId, AggregateStatus.Draft, cancellationToken)
                        ?? await aggregates.ReadAsync(waveId, AggregateStatus.Interim, cancellationToken);
        if (aggregate is null)
            return Problem.NotFound("Er zijn nog geen resultaten berekend. Maak het rapportconcept (POST /api/waves/{id}/report) of wacht op de nachtelijke tussenstand.");
        var control = new DisclosureControl(stored.Wave.Settings.SuppressionThreshold);
        var rows = new List<ResultRow>();
        var hiddenMunicipalities = new HashSet<(string, string, string, string)>();
        foreach (var scope in aggregate.Estimates.GroupBy(e => e.Scope).OrderByDescending(g => g.Any(e => e.Dimension == Dimensions.Municipality)))
        {
            var figures = PublicTables.Protect(scope, control, t => hiddenMunicipalities.Contains((t.Audience, t.MeasureType, t.Measure, scope.Key)));
            foreach (var f in figures.Where(f => f.Dimension == Dimensions.Municipality && f.Suppressed))
                hiddenMunicipalities.Add((f.Audience, f.MeasureType, f.Measure, f.DomainValue));
            var reasons = figures.ToDictionary(f => (f.Audience, f.Dimension, f.DomainValue, f.MeasureType, f.Measure), f => f.SuppressionReason);
            rows.AddRange(scope.Select(e =>
            {
                var reason = reasons.GetValueOrDefault((e.Audience, e.Dimension, e.DomainValue, e.MeasureType, e.Measure));
                return new ResultRow(e.Audience, e.Scope, e.Dimension, e.DomainValue, e.MeasureType, e.Measure, e.Label, e.Scale,
                    e.N, e.Value, e.CiLow, e.CiHigh, reason is not null, reason);
            }));
        }
        return new ResultsResponse(waveId, aggregate.Status, aggregate.ComputedAt, aggregate.Responses, control.MinimumRespondents, rows,
            aggregate.Response, aggregate.Representativeness, aggregate.Trends, aggregate.Distributions, aggregate.Problems);
    }
}
