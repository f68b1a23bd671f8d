namespace Ervaring.Core.Statistics.Design;

/// <summary>
/// Means and shares under a <see cref="SurveyDesign"/>, equal to R's svymean / svyciprop(method =
/// "logit") / svyby on the (calibrated) design. For a domain D (the whole population included):
/// ȳ_D = Σ w_i y_i / Ŵ_D over i ∈ D, influence e_i = 1{i∈D}(y_i − ȳ_D)/Ŵ_D; with calibration the
/// influence becomes u_i = w_i (e_i − m_i'B) (see <see cref="CalibrationResiduals"/>), without it
/// u_i = w_i e_i; V = Σ_h (1 − r_h/N_h) r_h/(r_h − 1) Σ_{i∈h} (u_i − ū_h)². Everything is a per-cell
/// sum: with a_c = m_c'B, Σ_{i∈c} u_i = w_c (t_c − n_c a_c) and Σ_{i∈c} u_i² = w_c² (Σ_{i∈c∩D}
/// (y_i − ȳ_D − a_c Ŵ_D)²/Ŵ_D² + (n_c − n_{c∩D}) a_c²). Note that with calibration units outside
/// the domain contribute too. df = n_D − (strata with answers in D), R's degf on the subset; calibration
/// does not change it.
/// </summary>
public static class DesignEstimator
{
    /// <returns>The estimate, or null when the domain has no valid answers.</returns>
    public static Estimate? Estimate(SurveyDesign design, DesignCellAccumulator item, EstimateKind kind, Domain domain, double level = 0.95)
    {
        var cells = design.Cells;
        var inDomain = new RunningMoments[cells.Count];
        var seen = new long[cells.Count];
        foreach (var cell in item.Cells)
        {
            var c = design.IndexOf(design.Plan.GroupOf[cell.Stratum], cell.Profile);
            seen[c] += cell.Moments.Count;
            if (!domain.Contains(cell.Stratum, cell.Profile, cell.Label)) continue;
            (inDomain[c] ??= new RunningMoments()).Merge(cell.Moments);
        }
        for (var c = 0; c < cells.Count; c++)
            if (seen[c] != cells[c].Respondents)
                throw new ArgumentException("Het ontwerp is voor andere antwoorden gemaakt dan deze.", nameof(item));

        long n = 0;
        double size = 0, total = 0;
        for (var c = 0; c < cells.Count; c++)
        {
            if (inDomain[c] is not { } m) continue;
            n += m.Count;
            size += cells[c].Weight * m.Count;
            total += cells[c].Weight * m.Sum;
        }
        if (n == 0) return null;
        var mean = total / size;

        // t_c = Σ_{i∈c} e_i; fitted a_c from the regression on the calibration model (0 without it).
        var t = new double[cells.Count];
        for (var c = 0; c < cells.Count; c++)
            if (inDomain[c] is { } m) t[c] = (m.Sum - m.Count * mean) / size;
        var fitted = design.Residuals?.Fitted(t) ?? new double[cells.Count];

        var sumU = new Dictionary<StratumKey, double>();
        var sumU2 = new Dictionary<StratumKey, double>();
        for (var c = 0; c < cells.Count; c++)
        {
            var cell = cells[c];
            var a = fitted[c];
            var inside = inDomain[c];
            var nIn = inside?.Count ?? 0;
            var squares = (inside is null ? 0.0 : inside.SumOfSquaredDeviationsFrom(mean + a * size) / (size * size))
                + (cell.Respondents - nIn) * a * a;
            sumU[cell.Group] = sumU.GetValueOrDefault(cell.Group) + cell.Weight * (t[c] - cell.Respondents * a);
            sumU2[cell.Group] = sumU2.GetValueOrDefault(cell.Group) + cell.Weight * cell.Weight * squares;
        }

        double variance = 0;
        foreach (var (group, stratum) in design.Strata)
        {
            var r = (double)stratum.Respondents;
            var s = sumU.GetValueOrDefault(group);
            var centred = Math.Max(0.0, sumU2.GetValueOrDefault(group) - s * s / r);
            variance += (1.0 - r / stratum.Population) * r / (r - 1.0) * centred;
        }

        var strataInDomain = Enumerable.Range(0, cells.Count).Where(c => inDomain[c] is not null).Select(c => cells[c].Group).Distinct().Count();
        var df = (int)(n - strataInDomain);
        var se = Math.Sqrt(variance);
        var interval = kind == EstimateKind.Proportion
            ? Intervals.Logit(mean, se, Math.Max(df, 1), level)
            : Intervals.Symmetric(mean, se, Math.Max(df, 1), level);
        return new Estimate(kind, mean, se, df, interval, n, design.Plan.Collapses);
    }
}
