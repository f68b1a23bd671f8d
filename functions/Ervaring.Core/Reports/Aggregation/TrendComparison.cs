using Ervaring.Core.Statistics;

namespace Ervaring.Core.Reports.Aggregation;

/// <summary>Which indicator total a row is: the same audience, scope and indicator in two waves.</summary>
public readonly record struct IndicatorTotalKey(string Audience, string Scope, string Measure)
{
    public static IndicatorTotalKey Of(EstimateRow row) => new(row.Audience, row.Scope, row.Measure);

    public static bool IsIndicatorTotal(EstimateRow row) => row.Dimension == Dimensions.Total && row.MeasureType == MeasureTypes.Indicator;
}

/// <summary>
/// Trends: this wave's indicator totals against the same totals of every earlier published wave, only where the
/// codebook says the figure is the same in both waves' questionnaire versions (<see cref="VersionComparison"/>).
/// </summary>
public static class TrendComparison
{
    public static List<TrendRow> Compare(IReadOnlyList<EstimateRow> estimates, IEnumerable<PublishedAggregate> earlier, VersionComparison? versions = null)
    {
        var trends = new List<TrendRow>();
        var mine = estimates.Where(IndicatorTotalKey.IsIndicatorTotal).ToList();
        foreach (var previous in earlier)
        {
            var theirs = previous.Aggregate.Estimates.Where(IndicatorTotalKey.IsIndicatorTotal).ToDictionary(IndicatorTotalKey.Of);
            foreach (var row in mine)
            {
                if (!theirs.TryGetValue(IndicatorTotalKey.Of(row), out var old)) continue;
                if (versions?.Same(row, previous) == false) continue;
                var trend = Trends.Compare(EstimateRows.ToEstimate(old), EstimateRows.ToEstimate(row));
                trends.Add(new TrendRow(row.Audience, row.Scope, row.MeasureType, row.Measure, previous.WaveId, previous.Year,
                    old.Value, row.Value, trend.Difference, trend.Interval.Low, trend.Interval.High, trend.IsSignificant));
            }
        }
        return trends.OrderBy(t => t.EarlierYear).ToList();
    }
}

/// <summary>The stored spelling of <see cref="EstimateKind"/> and the way back from a row to an estimate.</summary>
public static class EstimateRows
{
    public const string Proportion = "proportion";
    public const string Mean = "mean";

    public static string Name(EstimateKind kind) => kind == EstimateKind.Proportion ? Proportion : Mean;

    public static EstimateKind Kind(EstimateRow row) => row.Kind == Proportion ? EstimateKind.Proportion : EstimateKind.Mean;

    public static Estimate ToEstimate(EstimateRow row) => new(
        Kind(row), row.Value, row.StandardError, row.DegreesOfFreedom, new ConfidenceInterval(row.CiLow, row.CiHigh), row.N, []);
}
