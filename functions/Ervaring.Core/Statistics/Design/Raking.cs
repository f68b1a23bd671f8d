namespace Ervaring.Core.Statistics.Design;

/// <summary>
/// Raking (iterative proportional fitting) of cell totals to known margins. Every cell belongs to
/// exactly one margin per dimension (its stratum; its municipality × category of each calibration
/// variable). The fixed point is the raking solution g = exp(x'η) that R's
/// calibrate(..., calfun = "raking") finds by Newton steps: it is unique, so both agree up to the
/// convergence tolerances (here 1e-12 relative; R stops at a relative misfit of 1e-7, which left at
/// most 3e-11 in the fixture's estimates).
/// </summary>
internal static class Raking
{
    private const double Tolerance = 1e-12;
    private const int MaxSweeps = 10_000;

    /// <param name="initial">Initial weighted total of each cell (design weight × respondents).</param>
    /// <param name="marginOf">For each cell, the margin index it belongs to in each dimension.</param>
    /// <param name="targets">Known total of each margin.</param>
    /// <param name="names">Description of each margin, for messages.</param>
    /// <returns>The factor g of each cell.</returns>
    public static double[] Factors(IReadOnlyList<double> initial, IReadOnlyList<int[]> marginOf,
        IReadOnlyList<double> targets, IReadOnlyList<string> names)
    {
        var cells = initial.Count;
        var dimensions = cells == 0 ? 0 : marginOf[0].Length;
        var g = Enumerable.Repeat(1.0, cells).ToArray();
        var sums = new double[targets.Count];
        // A margin with respondents but nobody in the frame cannot be met by any weights.
        foreach (var m in marginOf.SelectMany(c => c).Distinct())
            if (!(targets[m] > 0))
                throw new CalibrationException($"Er zijn antwoorden in {names[m]}, maar het kader heeft daar niemand.");

        for (var sweep = 0; sweep < MaxSweeps; sweep++)
        {
            var worst = 0.0;
            for (var dim = 0; dim < dimensions; dim++)
            {
                Array.Clear(sums);
                for (var c = 0; c < cells; c++) sums[marginOf[c][dim]] += initial[c] * g[c];
                for (var c = 0; c < cells; c++)
                {
                    var m = marginOf[c][dim];
                    g[c] *= targets[m] / sums[m];
                    worst = Math.Max(worst, Math.Abs(sums[m] / targets[m] - 1.0));
                }
            }
            if (worst < Tolerance) return g;
        }
        throw new CalibrationException(
            "De weging naar het kader (verwijzer, duur van de zorg) komt niet uit: de antwoorden passen niet bij de aantallen in het kader.");
    }
}

/// <summary>Raking is impossible for these answers and frame counts (Dutch message for the report).</summary>
public sealed class CalibrationException(string message) : InvalidOperationException(message);
