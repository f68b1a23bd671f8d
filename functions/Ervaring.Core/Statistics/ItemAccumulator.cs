namespace Ervaring.Core.Statistics;

/// <summary>
/// Sufficient statistics for one survey item (or indicator score): running moments per
/// (stratum, domain label). Feed every valid answer once; do not feed "weet niet / n.v.t.".
/// Memory grows with the number of strata × domain labels, never with the number of answers.
/// </summary>
public sealed class ItemAccumulator
{
    private readonly Dictionary<(StratumKey Stratum, string Domain), RunningMoments> cells = new();

    /// <summary>Changes whenever a value is added, so an estimator can reuse what it derived from an unchanged accumulator.</summary>
    public long Version { get; private set; }

    /// <param name="stratum">The respondent's weighting stratum.</param>
    /// <param name="value">0/1 for "positive", a report mark 1–10, or an indicator score 0–1.</param>
    /// <param name="domain">Label of a domain that cuts across strata (e.g. the referrer); empty when unused.</param>
    public void Add(StratumKey stratum, double value, string domain = "")
    {
        if (!cells.TryGetValue((stratum, domain), out var moments))
        {
            moments = new RunningMoments();
            cells[(stratum, domain)] = moments;
        }
        moments.Add(value);
        Version++;
    }

    /// <summary>Adds a batch of values already summarised for one (stratum, domain label) cell.</summary>
    public void Add(StratumKey stratum, RunningMoments values, string domain = "")
    {
        if (values.Count == 0) return;
        if (!cells.TryGetValue((stratum, domain), out var moments))
        {
            moments = new RunningMoments();
            cells[(stratum, domain)] = moments;
        }
        moments.Merge(values);
        Version++;
    }

    /// <summary>Adds everything another accumulator saw (e.g. from a parallel batch).</summary>
    public void Merge(ItemAccumulator other)
    {
        foreach (var (key, moments) in other.cells)
        {
            if (!cells.TryGetValue(key, out var mine)) cells[key] = mine = new RunningMoments();
            mine.Merge(moments);
        }
        Version++;
    }

    public IEnumerable<AccumulatorCell> Cells =>
        cells.Select(c => new AccumulatorCell(c.Key.Stratum, c.Key.Domain, c.Value));
}

public sealed record AccumulatorCell(StratumKey Stratum, string Domain, RunningMoments Moments);
