using Ervaring.Core.Reports.Aggregation;

namespace Ervaring.Core.Reports.Fieldwork;

/// <summary>
/// Completed questionnaires of one audience and sampling stratum, per day they were completed. Only counts: no
/// invitation, no client and no time of day. <paramref name="CompletedUndated"/> holds completions without a day
/// (answered before days were recorded); they count from the last day of the course.
/// </summary>
public sealed record StratumCourse(
    string Audience, string StratumKey, string Municipality, string CareType, string AgeBand, int Invited,
    IReadOnlyDictionary<DateOnly, int> CompletedPerDay, int CompletedUndated = 0)
{
    public int CompletedBy(DateOnly day, bool isLastDay) =>
        CompletedPerDay.Where(d => d.Key <= day).Sum(d => d.Value) + (isLastDay ? CompletedUndated : 0);
}

/// <summary>Response of one municipality and audience up to and including a day.</summary>
public sealed record GroupResponse(string Municipality, string Audience, int Invited, int Completed)
{
    public double ResponseRate => Invited == 0 ? 0 : (double)Completed / Invited;
}

/// <summary>The fieldwork as it stood at the end of one day: response per municipality and audience, and the R-indicators.</summary>
public sealed record CourseDay(
    DateOnly Day, IReadOnlyList<GroupResponse> Response, IReadOnlyList<FieldworkTally> Tallies, IReadOnlyList<RepresentativenessRow> Representativeness);

/// <summary>
/// How the fieldwork developed day by day: for each day from the start, the cumulative response per municipality and
/// audience and the R-indicator with its partial indicators, computed exactly as the report computes them at close
/// (<see cref="ResponseTables.Representativeness"/>) but on the completions up to that day.
/// </summary>
public static class FieldworkCourse
{
    /// <param name="first">The first fieldwork day (the actual start).</param>
    /// <param name="last">Today during fieldwork, the close day after it.</param>
    public static IReadOnlyList<CourseDay> Compute(WaveDesignInput design, IReadOnlyList<StratumCourse> strata, DateOnly first, DateOnly last)
    {
        if (last < first) last = first;
        var days = new List<CourseDay>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var isLast = day == last;
            var tallies = strata
                .Select(s => new FieldworkTally(s.Audience, s.StratumKey, s.Municipality, s.CareType, s.AgeBand, s.Invited, s.CompletedBy(day, isLast)))
                .ToList();
            var response = tallies
                .GroupBy(t => (t.Municipality, t.Audience))
                .OrderBy(g => g.Key.Municipality, StringComparer.Ordinal).ThenBy(g => g.Key.Audience, StringComparer.Ordinal)
                .Select(g => new GroupResponse(g.Key.Municipality, g.Key.Audience, g.Sum(t => t.Invited), g.Sum(t => t.Completed)))
                .ToList();
            var representativeness = tallies.Count == 0 ? [] : ResponseTables.Representativeness(design, ResponseTables.Rows(design, tallies));
            days.Add(new CourseDay(day, response, tallies, representativeness));
        }
        return days;
    }
}
