using Ervaring.Core.Reports;
using Ervaring.Core.Reports.Yardstick;

namespace Ervaring.Core.Tests.Reports;

/// <summary>Issue 14, point 1 and 2: the verdict at the exact interval edges, the heading rule, the years accounted for.</summary>
public sealed class YardstickTests
{
    [Theory]
    [InlineData(70.0, 80.0, 70.0, Verdict.Gehaald)]          // lower bound == target: the whole interval is at or above
    [InlineData(70.1, 80.0, 70.0, Verdict.Gehaald)]
    [InlineData(69.9, 80.0, 70.0, Verdict.NogNietTeZeggen)]  // just below: the interval contains the target
    [InlineData(60.0, 70.0, 70.0, Verdict.NogNietTeZeggen)]  // upper bound == target: contained, not missed
    [InlineData(60.0, 69.9, 70.0, Verdict.NietGehaald)]      // the whole interval below
    [InlineData(70.0, 70.0, 70.0, Verdict.Gehaald)]          // a point interval on the target
    [InlineData(6.9, 7.6, 7.0, Verdict.NogNietTeZeggen)]     // rapportcijfer
    public void The_verdict_follows_the_whole_interval(double low, double high, double target, Verdict expected) =>
        Assert.Equal(expected, TargetVerdicts.Judge(low, high, target));

    [Fact]
    public void An_interval_upside_down_is_refused() =>
        Assert.Throws<ArgumentException>(() => TargetVerdicts.Judge(80, 70, 75));

    [Theory]
    [InlineData(Verdict.Gehaald, "gehaald")]
    [InlineData(Verdict.NietGehaald, "niet gehaald")]
    [InlineData(Verdict.NogNietTeZeggen, "nog niet te zeggen")]
    public void The_verdict_reads_in_plain_Dutch(Verdict verdict, string dutch) => Assert.Equal(dutch, TargetVerdicts.Dutch(verdict));

    [Fact]
    public void In_and_after_the_target_year_there_is_no_heading_only_a_verdict()
    {
        (int, double)[] points = [(2024, 60), (2025, 70)];
        Assert.Null(TargetVerdicts.Course(points, 2025, 80, 2025));
        Assert.Null(TargetVerdicts.Course(points, 2025, 80, 2024));
    }

    [Fact]
    public void One_published_year_is_no_trend_yet()
    {
        Assert.Equal(Heading.NogGeenTrend, TargetVerdicts.Course([(2025, 60.0)], 2025, 80, 2027));
        // This year's own figure missing (hidden): no trend either, whatever earlier years said.
        Assert.Equal(Heading.NogGeenTrend, TargetVerdicts.Course([(2023, 50.0), (2024, 60.0)], 2025, 80, 2027));
    }

    [Fact]
    public void A_line_that_lands_exactly_on_the_target_is_on_course()
    {
        // +5 a year, 70 now, two years to go: 80 in 2027 == the target.
        Assert.Equal(Heading.OpKoers, TargetVerdicts.Course([(2024, 65.0), (2025, 70.0)], 2025, 80, 2027));
        Assert.Equal(Heading.NietOpKoers, TargetVerdicts.Course([(2024, 65.0), (2025, 70.0)], 2025, 80.1, 2027));
    }

    [Fact]
    public void The_heading_uses_the_least_squares_line_through_all_published_years()
    {
        // Slope of 60, 70, 65 over three years is +2.5; 65 + 2.5 = 67.5 next year.
        Assert.Equal(Heading.OpKoers, TargetVerdicts.Course([(2023, 60.0), (2024, 70.0), (2025, 65.0)], 2025, 67.5, 2026));
        Assert.Equal(Heading.NietOpKoers, TargetVerdicts.Course([(2023, 60.0), (2024, 70.0), (2025, 65.0)], 2025, 67.6, 2026));
    }

    [Fact]
    public void A_falling_line_below_the_target_is_not_on_course_and_one_above_it_may_still_be() =>
        Assert.Equal(Heading.NietOpKoers, TargetVerdicts.Course([(2024, 72.0), (2025, 70.0)], 2025, 71, 2027));

    [Fact]
    public void A_hidden_figure_gets_no_verdict_but_its_reason()
    {
        var target = new Target("Voorbeeldstad", "ouders", "toegang", Dimensions.Total, "totaal", 70, 2026, "Beleidsplan", null);
        var hidden = new PublicFigure("ouders", "Voorbeeldstad", Dimensions.Total, "totaal", MeasureTypes.Indicator, "toegang", "Toegang", "aandeel", null, null, null, null, "minder dan 10 respondenten");
        var result = TargetAssessment.Assess(target, [hidden], [], 2025);
        Assert.Null(result.Verdict);
        Assert.Equal("minder dan 10 respondenten", result.Reason);
    }

    [Fact]
    public void A_target_is_judged_on_its_own_breakdown()
    {
        var target = new Target("Voorbeeldstad", "ouders", "toegang", Dimensions.AgeBand, "12-17", 70, 2025, "Beleidsplan", null);
        var total = new PublicFigure("ouders", "Voorbeeldstad", Dimensions.Total, "totaal", MeasureTypes.Indicator, "toegang", "Toegang", "aandeel", 300, 60, 55, 65, null);
        var band = total with { Dimension = Dimensions.AgeBand, DomainValue = "12-17", Value = 80, CiLow = 72, CiHigh = 86 };
        var result = TargetAssessment.Assess(target, [total, band], [], 2025);
        Assert.Equal("gehaald", result.Verdict);
        Assert.Null(result.Heading);
    }

    [Fact]
    public void Every_year_from_the_first_is_accounted_for()
    {
        var years = ReportYears.Account("Voorbeeldstad",
            [new SurveyYear(2022, true, new DateOnly(2023, 7, 1)), new SurveyYear(2024, true, new DateOnly(2025, 7, 2)), new SurveyYear(2026, false, null)],
            [new GapReason("Voorbeeldstad", 2023, "Overstap naar een nieuwe aanbieder.", DateTimeOffset.UnixEpoch)], 2026);
        Assert.Equal([2026, 2025, 2024, 2023, 2022], years.Select(y => y.Year));
        Assert.Equal(ReportYears.InProgress, years[0].Status);
        Assert.Equal((ReportYears.NoSurvey, (string?)null), (years[1].Status, years[1].Reason)); // no reason given: still shown
        Assert.Equal((ReportYears.Published, (bool?)false), (years[2].Status, years[2].OnTime));  // 2 July: late
        Assert.Equal("Overstap naar een nieuwe aanbieder.", years[3].Reason);
        Assert.Equal((ReportYears.Published, (bool?)true), (years[4].Status, years[4].OnTime));   // 1 July: on time
    }

    [Fact]
    public void The_current_year_without_a_wave_is_no_gap_yet_and_a_wave_beats_a_stored_reason()
    {
        var years = ReportYears.Account("Havendorp", [new SurveyYear(2025, true, new DateOnly(2026, 3, 1))],
            [new GapReason("Havendorp", 2025, "vergissing", DateTimeOffset.UnixEpoch)], 2026);
        var only = Assert.Single(years);
        Assert.Equal((2025, ReportYears.Published, (string?)null), (only.Year, only.Status, only.Reason));
    }
}
