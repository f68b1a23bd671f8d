namespace Ervaring.Core.Statistics;

/// <summary>Change between two waves.</summary>
/// <param name="Difference">Later minus earlier.</param>
/// <param name="IsSignificant">True only when the interval of the difference excludes 0.</param>
public sealed record Trend(double Difference, double StandardError, ConfidenceInterval Interval, bool IsSignificant);

public static class Trends
{
    /// <summary>
    /// Waves are independent samples, so V(diff) = V1 + V2. The interval uses the normal
    /// quantile (1.959964 for 95%): the two waves have different degrees of freedom, each large.
    /// </summary>
    public static Trend Compare(Estimate earlier, Estimate later, double level = 0.95)
    {
        var difference = later.Value - earlier.Value;
        var se = Math.Sqrt(earlier.Variance + later.Variance);
        var half = Intervals.ZQuantile(level) * se;
        var interval = new ConfidenceInterval(difference - half, difference + half);
        return new Trend(difference, se, interval, interval.Low > 0 || interval.High < 0);
    }
}
