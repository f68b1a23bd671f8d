namespace Ervaring.Core.Statistics.Pooling;

/// <summary>One year's design-based estimate for a municipality and that year's number of clients in it.</summary>
/// <param name="Year">The wave's year.</param>
/// <param name="Estimate">The municipality's estimate in that year, from that year's own strata and weights.</param>
/// <param name="PopulationSize">N_t: the municipality's clients in that year's frame.</param>
public sealed record YearEstimate(int Year, Estimate Estimate, long PopulationSize);

/// <summary>The figure pooled over years, with the weight each year got.</summary>
public sealed record PooledEstimate(Estimate Estimate, IReadOnlyList<int> Years, IReadOnlyList<double> YearWeights);

/// <summary>
/// Pools a small municipality's figure over the last two or three years. Years are independent
/// samples, each with its own strata and weights, and each year counts with its share of the
/// clients: θ = Σ_t a_t θ_t with a_t = N_t / Σ_s N_s, V = Σ_t a_t² V_t, df = Σ_t df_t. This is
/// exactly R's svymean on the stacked design whose strata are year × stratum (each year's N_h as
/// fpc), subset to the municipality: it estimates the share among all client-years. The interval
/// follows the kind as for one year (logit for shares, t for means) with the pooled df.
/// </summary>
public static class PooledYears
{
    public static PooledEstimate Pool(IReadOnlyList<YearEstimate> years, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(years);
        if (years.Count is < 2 or > 3)
            throw new ArgumentException("Samenvoegen gaat over twee of drie jaren.", nameof(years));
        if (years.Select(y => y.Year).Distinct().Count() != years.Count)
            throw new ArgumentException("Elk jaar mag maar één keer meetellen.", nameof(years));
        if (years.Select(y => y.Estimate.Kind).Distinct().Count() != 1)
            throw new ArgumentException("Alleen schattingen van dezelfde soort kunnen worden samengevoegd.", nameof(years));
        if (years.Any(y => y.PopulationSize <= 0))
            throw new ArgumentException("Elk jaar heeft cliënten in het kader nodig.", nameof(years));

        var ordered = years.OrderBy(y => y.Year).ToList();
        double population = ordered.Sum(y => (double)y.PopulationSize);
        var weights = ordered.Select(y => y.PopulationSize / population).ToList();
        double value = 0, variance = 0;
        for (var t = 0; t < ordered.Count; t++)
        {
            value += weights[t] * ordered[t].Estimate.Value;
            variance += weights[t] * weights[t] * ordered[t].Estimate.Variance;
        }
        var kind = ordered[0].Estimate.Kind;
        var df = ordered.Sum(y => y.Estimate.DegreesOfFreedom);
        var se = Math.Sqrt(variance);
        var interval = kind == EstimateKind.Proportion
            ? Intervals.Logit(value, se, Math.Max(df, 1), level)
            : Intervals.Symmetric(value, se, Math.Max(df, 1), level);
        var estimate = new Estimate(kind, value, se, df, interval, ordered.Sum(y => y.Estimate.Respondents),
            [.. ordered.SelectMany(y => y.Estimate.Collapses)]);
        return new PooledEstimate(estimate, ordered.Select(y => y.Year).ToList(), weights);
    }
}
