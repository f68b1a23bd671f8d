using Ervaring.Core.Reports;
using Ervaring.Core.Reports.Aggregation;
using Ervaring.Core.Reports.Fieldwork;
using Ervaring.Core.Sampling;
using Ervaring.Core.Tests.Surveys;

namespace Ervaring.Core.Tests.Reports.Fieldwork;

/// <summary>
/// Issue 20: the fieldwork course and the reminder advice on a constructed fieldwork. Six strata of 200 clients
/// (three care types × two age bands), 40 invited each, answering over ten days. The R-indicator is checked against
/// its formula written out here (R = 1 − 2S, S² = Σ N_h(ρ_h − ρ̄)²/(N − 1)), and the advice must name exactly the
/// group that lags, nothing when no group lags, and never a group smaller than k.
/// </summary>
public class ReminderAdviceTests
{
    private const string Town = "Teststad";
    private static readonly DateOnly Start = new(2026, 11, 2);
    private static readonly string[] CareTypes = ["ambulant", "jeugdbescherming", "verblijf"];
    private static readonly string[] Bands = ["0-3", "4-11"];

    /// <summary>Each stratum: N_h, invited, and how many complete on each of the ten days.</summary>
    private static (WaveDesignInput Design, List<StratumCourse> Strata) Fieldwork(Func<string, int> completedPerDay, (string CareType, long Population, int Invited)? small = null)
    {
        var cells = CareTypes.SelectMany(c => Bands.Select(b => (CareType: c, Band: b, Population: 200L, Invited: 40))).ToList();
        if (small is { } s) cells.Add((s.CareType, "4-11", s.Population, s.Invited));
        var sampled = cells.Select(c => new SampledStratum($"{Town} | {c.CareType} | {c.Band}", Town, c.Population)).ToList();
        var strata = WeightingStrata.ForAudience(sampled, ["gemeente", "zorgvorm", "leeftijdsgroep"], AudienceRule.Default, Audience.Ouders);
        var design = new WaveDesignInput("w-veld", [new AudienceInput(Audience.Ouders, SurveyTestData.MinimalDefinition(), strata)],
            [new ReportScope(Town, false)], sampled.ToDictionary(x => x.Key, x => x.Population, StringComparer.Ordinal));
        var course = cells.Select(c => new StratumCourse(Audiences.OudersName, $"{Town} | {c.CareType} | {c.Band}", Town, c.CareType, c.Band, c.Invited,
            Enumerable.Range(0, 10).ToDictionary(d => Start.AddDays(d), _ => completedPerDay(c.CareType)))).ToList();
        return (design, course);
    }

    private static CourseDay LastDay((WaveDesignInput Design, List<StratumCourse> Strata) fieldwork) =>
        FieldworkCourse.Compute(fieldwork.Design, fieldwork.Strata, Start, Start.AddDays(9))[^1];

    [Fact]
    public void The_course_counts_completions_day_by_day_and_its_R_indicator_follows_the_formula()
    {
        // Ambulant and jeugdbescherming: 2 a day (20 of 40 after ten days); verblijf: 2 on the second and 2 on the seventh day.
        var fieldwork = Fieldwork(care => care == "verblijf" ? 0 : 2);
        var strata = fieldwork.Strata.Select(s => s.CareType == "verblijf"
            ? s with { CompletedPerDay = new Dictionary<DateOnly, int> { [Start.AddDays(1)] = 2, [Start.AddDays(6)] = 2 } }
            : s).ToList();
        var course = FieldworkCourse.Compute(fieldwork.Design, strata, Start, Start.AddDays(9));

        Assert.Equal(10, course.Count);
        Assert.Equal(Start, course[0].Day);
        var first = Assert.Single(course[0].Response);
        Assert.Equal((240, 8), (first.Invited, first.Completed)); // day 1: 2 in each of the four other strata
        Assert.Equal(8 * 2 + 2 * 2, course[1].Response[0].Completed);
        var last = Assert.Single(course[^1].Response);
        Assert.Equal((240, 4 * 20 + 2 * 4), (last.Invited, last.Completed));

        // ρ = 0.5 in four strata and 0.1 in two, N_h = 200 each.
        double[] rho = [0.5, 0.5, 0.5, 0.5, 0.1, 0.1];
        var mean = rho.Average();
        var s = Math.Sqrt(rho.Sum(p => 200 * Math.Pow(p - mean, 2)) / (1200 - 1));
        var r = Assert.Single(course[^1].Representativeness);
        Assert.Equal(1 - 2 * s, r.R, 12);
        Assert.Equal(mean, r.MeanPropensity, 12);
        // Verblijf's unconditional partial: sqrt(400/1200)·(0.1 − ρ̄).
        Assert.Equal(Math.Sqrt(1.0 / 3) * (0.1 - mean), r.Partials.Single(p => p.Category == "verblijf").Partial, 12);
        // The R-indicator develops: it is not the same on every day.
        Assert.NotEqual(course[0].Representativeness[0].R, course[^1].Representativeness[0].R, 6);
    }

    [Fact]
    public void The_group_that_lags_is_named_with_a_phone_or_paper_advice()
    {
        // Verblijf answers one in ten (4 of 40), the others half (20 of 40).
        var fieldwork = Fieldwork(care => care == "verblijf" ? 0 : 2);
        var strata = fieldwork.Strata.Select(s => s.CareType == "verblijf"
            ? s with { CompletedPerDay = new Dictionary<DateOnly, int> { [Start.AddDays(3)] = 4 } }
            : s).ToList();
        var day = FieldworkCourse.Compute(fieldwork.Design, strata, Start, Start.AddDays(9))[^1];

        var advice = Assert.Single(ReminderAdvice.For(day.Representativeness, day.Tallies, k: 10));
        var lagging = Assert.Single(advice.Lagging);
        Assert.Equal(("zorgvorm", "verblijf", 80), (lagging.Variable, lagging.Category, lagging.Invited));
        Assert.Equal(0.1, lagging.ResponseRate, 12);
        Assert.True(lagging.Partial <= ReminderAdvice.LagThreshold);
        Assert.Contains("ouders van kinderen met verblijf (10% ingevuld)", advice.Sentence);
        Assert.Contains("tegen 37% gemiddeld", advice.Sentence);
        Assert.Contains("telefoonronde of een papieren vragenlijst", advice.Sentence);
        // The age bands answer alike, so neither is named.
        Assert.DoesNotContain(advice.Lagging, g => g.Variable == "leeftijdsgroep");
    }

    [Fact]
    public void When_every_group_answers_alike_nothing_is_named()
    {
        var day = LastDay(Fieldwork(_ => 2));

        var advice = Assert.Single(ReminderAdvice.For(day.Representativeness, day.Tallies, k: 10));
        Assert.Empty(advice.Lagging);
        Assert.Equal("Teststad, ouders: geen groep blijft duidelijk achter. De gewone herinnering is genoeg.", advice.Sentence);
        Assert.Equal(1.0, day.Representativeness[0].R, 12);
    }

    [Fact]
    public void A_group_with_fewer_invited_than_k_is_never_named_even_when_it_lags_most()
    {
        // Pleegzorg: 30 clients, 6 invited, nobody answers; the rest answers alike.
        var fieldwork = Fieldwork(care => care == "pleegzorg" ? 0 : 2, small: ("pleegzorg", 30, 6));
        var day = LastDay(fieldwork);

        var row = day.Representativeness.Single();
        Assert.True(row.Partials.Single(p => p.Category == "pleegzorg").Partial <= ReminderAdvice.LagThreshold);
        var advice = Assert.Single(ReminderAdvice.For(day.Representativeness, day.Tallies, k: 10));
        Assert.DoesNotContain(advice.Lagging, g => g.Category == "pleegzorg");
        Assert.Equal(1, advice.HiddenGroups);
        Assert.DoesNotContain("pleegzorg", advice.Sentence);
    }
}
