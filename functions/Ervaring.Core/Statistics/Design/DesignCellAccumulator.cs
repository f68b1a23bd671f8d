namespace Ervaring.Core.Statistics.Design;

/// <summary>
/// Sufficient statistics for one item under a <see cref="SurveyDesign"/>: running moments per
/// (stratum, calibration profile, domain label). Like <see cref="ItemAccumulator"/>, feed each
/// valid answer once; memory grows with strata × profiles × labels, never with answers.
/// </summary>
public sealed class DesignCellAccumulator
{
    private readonly Dictionary<(StratumKey Stratum, CalibrationProfile Profile, string Label), RunningMoments> cells = new();

    /// <param name="stratum">The respondent's weighting stratum.</param>
    /// <param name="profile">The respondent's categories on the calibration variables (from the frame).</param>
    /// <param name="value">0/1 for "positive", a report mark 1–10, or an indicator score 0–1.</param>
    /// <param name="label">Label of a further domain that is not a calibration variable; empty when unused.</param>
    public void Add(StratumKey stratum, CalibrationProfile profile, double value, string label = "")
    {
        if (!cells.TryGetValue((stratum, profile, label), out var moments))
            cells[(stratum, profile, label)] = moments = new RunningMoments();
        moments.Add(value);
    }

    /// <summary>Adds the moments of answers already summed elsewhere (the aggregator's cells).</summary>
    public void Add(StratumKey stratum, CalibrationProfile profile, RunningMoments moments, string label = "")
    {
        if (!cells.TryGetValue((stratum, profile, label), out var mine)) cells[(stratum, profile, label)] = mine = new RunningMoments();
        mine.Merge(moments);
    }

    /// <summary>Adds everything another accumulator saw (e.g. from a parallel batch).</summary>
    public void Merge(DesignCellAccumulator other)
    {
        foreach (var (key, moments) in other.cells)
        {
            if (!cells.TryGetValue(key, out var mine)) cells[key] = mine = new RunningMoments();
            mine.Merge(moments);
        }
    }

    public IEnumerable<DesignAccumulatorCell> Cells =>
        cells.Select(c => new DesignAccumulatorCell(c.Key.Stratum, c.Key.Profile, c.Key.Label, c.Value));

    /// <summary>Valid answers per (stratum, profile): what a <see cref="SurveyDesign"/> is built from.</summary>
    public IEnumerable<(StratumKey Stratum, CalibrationProfile Profile, long Count)> Counts =>
        cells.GroupBy(c => (c.Key.Stratum, c.Key.Profile))
            .Select(g => (g.Key.Stratum, g.Key.Profile, g.Sum(c => c.Value.Count)));
}

public sealed record DesignAccumulatorCell(StratumKey Stratum, CalibrationProfile Profile, string Label, RunningMoments Moments);
