namespace Ervaring.Core.Reports.Yardstick;

/// <summary>What the municipality did for one report year (issue 14, "every year accounted for").</summary>
/// <param name="Status"><see cref="ReportYears.Published"/>, <see cref="ReportYears.InProgress"/> or <see cref="ReportYears.NoSurvey"/>.</param>
/// <param name="OnTime">For a published year: its first version was out by 1 July of the next year.</param>
/// <param name="Reason">For a year without a survey: the municipality's reason, when it gave one.</param>
public sealed record ReportYearStatus(string Municipality, int Year, string Status, DateOnly? PublishedOn, bool? OnTime, string? Reason);

/// <summary>A survey year of the municipality as the waves know it (the year's own wave, never a supplementary one).</summary>
public sealed record SurveyYear(int Year, bool Published, DateOnly? FirstPublishedOn);

public static class ReportYears
{
    public const string Published = "gepubliceerd";
    public const string InProgress = "in uitvoering";
    public const string NoSurvey = "geen onderzoek gedaan";

    public static DateOnly Deadline(int year) => new(year + 1, 7, 1);

    /// <summary>
    /// Every year from the municipality's first year in Ervaring (its first wave, or an earlier year it explained)
    /// up to last year gets a status; the current year only when it has a wave or an explanation (the year is not
    /// over, so no survey yet is no gap yet). A year with a wave is never a gap, whatever reason was stored for it.
    /// </summary>
    public static IReadOnlyList<ReportYearStatus> Account(string municipality, IEnumerable<SurveyYear> surveys, IEnumerable<GapReason> reasons, int currentYear)
    {
        var byYear = surveys.GroupBy(s => s.Year).ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.Published).First());
        var explained = reasons.GroupBy(r => r.Year).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.GivenAt).First().Reason);
        var years = byYear.Keys.Concat(explained.Keys).ToList();
        if (years.Count == 0) return [];
        var last = Math.Max(currentYear - 1, years.Max());
        var result = new List<ReportYearStatus>();
        for (var year = years.Min(); year <= last; year++)
        {
            if (byYear.TryGetValue(year, out var survey))
                result.Add(survey.Published
                    ? new ReportYearStatus(municipality, year, Published, survey.FirstPublishedOn, survey.FirstPublishedOn is { } on ? on <= Deadline(year) : null, null)
                    : new ReportYearStatus(municipality, year, InProgress, null, null, null));
            else
                result.Add(new ReportYearStatus(municipality, year, NoSurvey, null, null, explained.GetValueOrDefault(year)));
        }
        return result.OrderByDescending(r => r.Year).ToList();
    }
}
