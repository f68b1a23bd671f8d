namespace Ervaring.Core.Statistics;

/// <summary>Unconditional partial indicator of one category, P_u(X, k) = sqrt(N_k/N)·(ρ_k − ρ̄).</summary>
public sealed record CategoryIndicator(string Category, double Propensity, double Partial);

/// <summary>Unconditional partial indicator of an auxiliary variable: the between-category SD of the propensities.</summary>
public sealed record PartialIndicator(string Variable, double Value, IReadOnlyList<CategoryIndicator> Categories);

/// <param name="R">1 − 2·S(ρ).</param>
/// <param name="StandardDeviation">S(ρ), design-weighted SD of the propensities.</param>
/// <param name="MeanPropensity">ρ̄, design-weighted mean propensity.</param>
/// <param name="MaximalBias">(1 − R) / (2ρ̄): maximal absolute bias of a respondent mean, in SDs of the variable.</param>
public sealed record RepresentativenessResult(
    double R, double StandardDeviation, double MeanPropensity, double MaximalBias,
    IReadOnlyList<PartialIndicator> Partials);

/// <summary>
/// R-indicator (Schouten, Cobben &amp; Bethlehem 2009) with response propensities estimated per
/// stratum, ρ_h = r_h / n_h, and design weights d = N_h / n_h. Summing d over the n_h sampled
/// units of a stratum gives N_h, so S² = Σ_h N_h (ρ_h − ρ̄)² / (N − 1) with N = Σ N_h.
/// Partial indicators follow Schouten, Shlomo &amp; Skinner (2011), unconditional version:
/// P_u(X) = sqrt( Σ_k N_k (ρ_k − ρ̄)² / N ).
/// </summary>
public static class RIndicator
{
    /// <param name="auxiliaryVariables">Name → category of a stratum (e.g. "leeftijd" → age band label).</param>
    public static RepresentativenessResult Compute(
        IReadOnlyList<StratumFieldwork> strata,
        IReadOnlyDictionary<string, Func<StratumKey, string>> auxiliaryVariables)
    {
        var sampled = strata.Where(s => s.Eligible > 0 && s.Population > 0).ToList();
        if (sampled.Count == 0) throw new ArgumentException("Er zijn geen lagen met uitgenodigde personen.", nameof(strata));
        double total = sampled.Sum(s => (double)s.Population);
        var mean = sampled.Sum(s => s.Population * s.ResponseRate) / total;
        var sumSquares = sampled.Sum(s => s.Population * Math.Pow(s.ResponseRate - mean, 2));
        var sd = total > 1 ? Math.Sqrt(sumSquares / (total - 1)) : 0.0;
        var r = 1.0 - 2.0 * sd;

        var partials = auxiliaryVariables.Select(v =>
        {
            var categories = sampled.GroupBy(s => v.Value(s.Stratum))
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g =>
                {
                    double size = g.Sum(s => (double)s.Population);
                    var propensity = g.Sum(s => s.Population * s.ResponseRate) / size;
                    return (Category: g.Key, Size: size, Propensity: propensity);
                }).ToList();
            var between = Math.Sqrt(categories.Sum(c => c.Size * Math.Pow(c.Propensity - mean, 2)) / total);
            return new PartialIndicator(v.Key, between, categories
                .Select(c => new CategoryIndicator(c.Category, c.Propensity, Math.Sqrt(c.Size / total) * (c.Propensity - mean)))
                .ToList());
        }).ToList();

        var maxBias = mean > 0 ? (1.0 - r) / (2.0 * mean) : double.PositiveInfinity;
        return new RepresentativenessResult(r, sd, mean, maxBias, partials);
    }
}
