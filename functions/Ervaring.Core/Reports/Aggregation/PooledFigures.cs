using Ervaring.Core.Sampling;
using Ervaring.Core.Statistics;
using Ervaring.Core.Statistics.Pooling;

namespace Ervaring.Core.Reports.Aggregation;

/// <summary>
/// Pooled years in the aggregate: for each municipality, audience and indicator whose total rests on fewer valid
/// answers than the wave's margin needs (<see cref="PoolingRule"/>), the estimate over this year and the one or two
/// latest earlier published years that have the same indicator (<see cref="PooledYears"/>), each year weighted by
/// its clients. Earlier years come from their published drafts: estimate, standard error, df and N are stored
/// there, and the clients per municipality in <see cref="WaveAggregate.Populations"/>.
/// </summary>
public static class PooledFigures
{
    public const int MaximumYears = 3;

    public static List<ScopePopulationRow> Populations(WaveDesignInput design) =>
        [.. from audience in design.Audiences
            from scope in design.Scopes.Where(s => !s.IsRegion)
            select new ScopePopulationRow(audience.Audience.Name(), scope.Name,
                audience.Strata.Populations.Where(p => p.Key.Municipality == scope.Name).Sum(p => p.Value))];

    public static List<PooledRow> Compute(WaveDesignInput design, IReadOnlyList<EstimateRow> estimates, IReadOnlyList<ScopePopulationRow> populations,
        IReadOnlyList<PublishedAggregate> earlier, VersionComparison? versions = null)
    {
        var rows = new List<PooledRow>();
        if (design.Pooling is not { } options) return rows;
        // The latest published wave per earlier year, newest first (a supplementary wave of a year does not count twice).
        var years = earlier.Where(e => e.Year < design.Year).GroupBy(e => e.Year).OrderByDescending(g => g.Key).Select(g => g.First()).ToList();
        foreach (var row in estimates.Where(e => IndicatorTotalKey.IsIndicatorTotal(e) && populations.Any(p => p.Scope == e.Scope)))
        {
            var population = Population(populations, row.Audience, row.Scope);
            if (population <= 0 || !PoolingRule.ShouldPool(row.N, (int)population, options)) continue;
            var pooled = new List<YearEstimate> { new(design.Year, EstimateRows.ToEstimate(row), population) };
            foreach (var year in years)
            {
                if (pooled.Count == MaximumYears) break;
                var old = year.Aggregate.Estimates.FirstOrDefault(e => IndicatorTotalKey.IsIndicatorTotal(e) && IndicatorTotalKey.Of(e) == IndicatorTotalKey.Of(row));
                var oldPopulation = Population(year.Aggregate, row.Audience, row.Scope);
                if (old is null || oldPopulation <= 0 || old.Kind != row.Kind || versions?.Same(row, year) == false) continue;
                pooled.Add(new YearEstimate(year.Year, EstimateRows.ToEstimate(old), oldPopulation));
            }
            if (pooled.Count < 2) continue;
            var result = PooledYears.Pool(pooled);
            var e = result.Estimate;
            rows.Add(new PooledRow(row.Audience, row.Scope, row.Measure, row.Kind, result.Years, row.N, e.Respondents, e.Value, e.StandardError,
                e.DegreesOfFreedom, e.Interval.Low, e.Interval.High, PoolingRule.Sentence(row.Scope, row.N, (int)population, options, result.Years)));
        }
        return rows;
    }

    private static long Population(IReadOnlyList<ScopePopulationRow> rows, string audience, string scope) =>
        rows.FirstOrDefault(p => p.Audience == audience && p.Scope == scope)?.Population ?? 0;

    /// <summary>
    /// An earlier year's clients in the municipality: stored with its draft, or for drafts made before that was
    /// stored, the sum of N_h over the strata its audience was invited in (its response table).
    /// </summary>
    private static long Population(WaveAggregate aggregate, string audience, string scope) =>
        aggregate.Populations.Count > 0
            ? Population(aggregate.Populations, audience, scope)
            : aggregate.Response.Where(r => r.Audience == audience && r.Municipality == scope).Sum(r => r.Population);
}
