namespace Ervaring.Core.Statistics;

/// <summary>
/// Count, mean and centred sum of squares of a stream of numbers, updated one value at a time
/// (Welford). Centring avoids the cancellation that "sum of squares minus square of sum" suffers
/// when a million report marks are added up.
/// </summary>
public sealed class RunningMoments
{
    public long Count { get; private set; }
    public double Mean { get; private set; }

    /// <summary>Sum of squared deviations from the current mean.</summary>
    public double SumOfSquaredDeviations { get; private set; }

    public double Sum => Mean * Count;

    /// <summary>Sample variance with n − 1 in the denominator (0 when fewer than 2 values).</summary>
    public double SampleVariance => Count < 2 ? 0.0 : SumOfSquaredDeviations / (Count - 1);

    public void Add(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), "Een waarde moet een eindig getal zijn.");
        Count++;
        var delta = value - Mean;
        Mean += delta / Count;
        SumOfSquaredDeviations += delta * (value - Mean);
    }

    /// <summary>Adds all values summarised by <paramref name="other"/> (Chan et al. pairwise update).</summary>
    public void Merge(RunningMoments other)
    {
        if (other.Count == 0) return;
        if (Count == 0)
        {
            Count = other.Count; Mean = other.Mean; SumOfSquaredDeviations = other.SumOfSquaredDeviations;
            return;
        }
        var total = Count + other.Count;
        var delta = other.Mean - Mean;
        SumOfSquaredDeviations += other.SumOfSquaredDeviations + delta * delta * Count * other.Count / total;
        Mean += delta * other.Count / total;
        Count = total;
    }

    /// <summary>Sum of squared deviations from an arbitrary centre c: M2 + n (mean − c)².</summary>
    public double SumOfSquaredDeviationsFrom(double centre)
    {
        var d = Mean - centre;
        return SumOfSquaredDeviations + Count * d * d;
    }

    public RunningMoments Copy()
    {
        var copy = new RunningMoments();
        copy.Merge(this);
        return copy;
    }
}
