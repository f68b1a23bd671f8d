using Ervaring.Core.Frames;
using Ervaring.Core.Sampling;

namespace Ervaring.Core.Reports.UseFigures;

/// <summary>How many clients of one scope fall in one group of one breakdown (zorgvorm, leeftijdsgroep, verwijzer, duur).</summary>
public sealed record UseGroup(string Dimension, string Group, int Clients);

/// <summary>
/// The use figures of one scope (a municipality, or <see cref="FrameUseFigures.WholeWave"/> for all municipalities of
/// the wave together): clients in the frame, the median duration of care in months, and counts per group.
/// </summary>
public sealed record ScopeUseFigures(string Scope, int Clients, double MedianDurationMonths, IReadOnlyList<UseGroup> Groups);

/// <summary>The use figures of one wave's frame, counted when the frame was used for the draw (counts only, never a client row).</summary>
public sealed record WaveUseFigures(string WaveId, int Year, DateOnly ReferenceDate, IReadOnlyList<ScopeUseFigures> Scopes);

/// <summary>
/// Counting next to telling (issue 14, point 3): from the frame of the year, the number of clients by care type, age
/// band and referrer, and how long care had lasted on the reference date (from the start date to the end date, or to
/// the reference date when care was still going on). Pure: the frame goes in, aggregated counts come out, so nothing of
/// a client outlives the frame's own retention. Disclosure control is applied when published (<see cref="UseFigureDisclosure"/>).
/// </summary>
public static class FrameUseFigures
{
    /// <summary>The dimension of the duration bands (the others are <see cref="Dimensions"/>' breakdowns).</summary>
    public const string Duration = "duur";

    /// <summary>The scope of all municipalities of the wave together (what a region report shows).</summary>
    public const string WholeWave = "*";

    /// <summary>Duration bands, upper bound in whole months (exclusive), code and Dutch label, in order.</summary>
    public static readonly IReadOnlyList<(int BelowMonths, string Code, string Label)> DurationBands =
    [
        (3, "0-3m", "korter dan 3 maanden"),
        (6, "3-6m", "3 tot 6 maanden"),
        (12, "6-12m", "6 maanden tot 1 jaar"),
        (24, "12-24m", "1 tot 2 jaar"),
        (int.MaxValue, "24m+", "2 jaar of langer"),
    ];

    public static string DurationLabel(string code) => DurationBands.FirstOrDefault(b => b.Code == code).Label ?? code;

    public static WaveUseFigures Count(string waveId, int year, Frame frame, AgeBands ageBands)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(ageBands);
        var scopes = frame.Records.GroupBy(r => r.Municipality, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => OfScope(g.Key, g.ToList(), frame.ReferenceDate, ageBands)).ToList();
        // Always, also for one municipality: a region report of a wave reads this scope, whatever the wave's size.
        scopes.Add(OfScope(WholeWave, frame.Records, frame.ReferenceDate, ageBands));
        return new WaveUseFigures(waveId, year, frame.ReferenceDate, scopes);
    }

    /// <summary>Months of care on the reference date: start to end (or to the reference date while it lasts), never below 0.</summary>
    public static double DurationMonths(FrameRecord record, DateOnly referenceDate)
    {
        var end = record.EndDate is { } e && e < referenceDate ? e : referenceDate;
        var days = Math.Max(0, end.DayNumber - record.StartDate.DayNumber);
        return days / DaysPerMonth;
    }

    /// <summary>The average month of the Gregorian calendar (365.2425 / 12 days).</summary>
    public const double DaysPerMonth = 365.2425 / 12;

    public static string DurationBand(double months) => DurationBands.First(b => months < b.BelowMonths).Code;

    /// <summary>The middle value of the sorted list; the mean of the two middle ones for an even count.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static ScopeUseFigures OfScope(string scope, IReadOnlyList<FrameRecord> records, DateOnly referenceDate, AgeBands ageBands)
    {
        var durations = records.Select(r => DurationMonths(r, referenceDate)).ToList();
        var groups = new List<UseGroup>();
        groups.AddRange(Groups(Dimensions.CareType, records.Select(r => FrameVocabulary.Name(r.CareType)), StringComparer.Ordinal));
        groups.AddRange(Groups(Dimensions.AgeBand, records.Select(r => ageBands.Find(r.Age)?.Label ?? FrameComposition.OutsideBands), AgeBandOrder.Instance));
        groups.AddRange(Groups(Dimensions.Referrer, records.Select(r => FrameVocabulary.Name(r.Referrer)), StringComparer.Ordinal));
        var order = DurationBands.Select(b => b.Code).ToList();
        groups.AddRange(durations.Select(DurationBand).GroupBy(b => b).OrderBy(g => order.IndexOf(g.Key)).Select(g => new UseGroup(Duration, g.Key, g.Count())));
        return new ScopeUseFigures(scope, records.Count, Math.Round(Median(durations), 1), groups);
    }

    private static IEnumerable<UseGroup> Groups(string dimension, IEnumerable<string> values, IComparer<string> order) =>
        values.GroupBy(v => v).OrderBy(g => g.Key, order).Select(g => new UseGroup(dimension, g.Key, g.Count()));
}
