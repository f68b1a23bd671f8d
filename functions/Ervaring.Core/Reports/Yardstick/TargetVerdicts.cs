namespace Ervaring.Core.Reports.Yardstick;

/// <summary>Whether a target (streefwaarde) is reached, judged on the 95 % interval, never on the estimate alone.</summary>
public enum Verdict
{
    /// <summary>The whole interval is at or above the target.</summary>
    Gehaald,
    /// <summary>The whole interval is below the target.</summary>
    NietGehaald,
    /// <summary>The interval contains the target (its upper bound included): the survey cannot tell.</summary>
    NogNietTeZeggen,
}

/// <summary>Before the target year: is the published line heading for the target?</summary>
public enum Heading { OpKoers, NietOpKoers, NogGeenTrend }

/// <summary>
/// The verdict and trend rules of issue 14 (docs/reports.md §6). Pure, so the exact interval edges are unit-tested.
/// Every indicator is "higher is better" (shares of positive answers, rapportcijfer), so a target is a lower bound.
/// The rules take the published (rounded) figures, so a reader can check a verdict against the table beside it.
/// </summary>
public static class TargetVerdicts
{
    /// <summary>
    /// The interval is closed, [low, high]. Lower bound equal to the target counts as reached (the interval is "at or
    /// above"); upper bound equal to the target is not reached and not missed: "nog niet te zeggen".
    /// </summary>
    public static Verdict Judge(double ciLow, double ciHigh, double target)
    {
        if (ciLow > ciHigh) throw new ArgumentException("The lower bound lies above the upper bound.", nameof(ciLow));
        if (ciLow >= target) return Verdict.Gehaald;
        if (ciHigh < target) return Verdict.NietGehaald;
        return Verdict.NogNietTeZeggen;
    }

    /// <summary>
    /// Null in and after the target year (then only the verdict counts). Before it: fewer than two published years is
    /// <see cref="Heading.NogGeenTrend"/>; otherwise the least-squares line through the published values, carried from
    /// this year's value to the target year, decides: reaching the target (equal counts) is <see cref="Heading.OpKoers"/>.
    /// A line that is flat or falling while this year's value is below the target is <see cref="Heading.NietOpKoers"/>.
    /// </summary>
    /// <param name="points">Published values by year, this report's year included.</param>
    public static Heading? Course(IReadOnlyList<(int Year, double Value)> points, int reportYear, double target, int targetYear)
    {
        if (reportYear >= targetYear) return null;
        var known = points.Where(p => p.Year <= reportYear).GroupBy(p => p.Year).Select(g => (Year: g.Key, g.Last().Value)).OrderBy(p => p.Year).ToList();
        if (known.Count < 2 || known[^1].Year != reportYear) return Heading.NogGeenTrend;
        var meanX = known.Average(p => (double)p.Year);
        var meanY = known.Average(p => p.Value);
        var sxx = known.Sum(p => (p.Year - meanX) * (p.Year - meanX));
        var slope = known.Sum(p => (p.Year - meanX) * (p.Value - meanY)) / sxx;
        var projected = known[^1].Value + slope * (targetYear - reportYear);
        // A tolerance for the floating-point sum, so a line that lands exactly on the target counts as reaching it.
        return projected >= target - 1e-9 ? Heading.OpKoers : Heading.NietOpKoers;
    }

    /// <summary>Plain Dutch (B1), as in the report and the open data.</summary>
    public static string Dutch(Verdict verdict) => verdict switch
    {
        Verdict.Gehaald => "gehaald",
        Verdict.NietGehaald => "niet gehaald",
        _ => "nog niet te zeggen",
    };

    public static string Dutch(Heading heading) => heading switch
    {
        Heading.OpKoers => "op koers",
        Heading.NietOpKoers => "niet op koers",
        _ => "nog geen trend",
    };
}
