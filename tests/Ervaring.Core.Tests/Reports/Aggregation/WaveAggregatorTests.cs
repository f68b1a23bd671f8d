using Ervaring.Core.Reports;
using Ervaring.Core.Reports.Aggregation;
using Ervaring.Core.Sampling;

namespace Ervaring.Core.Tests.Reports.Aggregation;

/// <summary>The whole aggregation as a pure function: estimates equal R's on the fixture, diagnostics in the result.</summary>
public class WaveAggregatorTests
{
    private static IReadOnlyDictionary<string, string> Expected(string caseName, string variable = "", string domain = "") =>
        Fixtures.ReadCsv("statistics", "expected.csv").Single(r => r["case"] == caseName && r["domain_variable"] == variable && r["domain"] == domain);

    private static void AssertMatches(IReadOnlyDictionary<string, string> expected, EstimateRow actual)
    {
        Assert.Equal(long.Parse(expected["n"]), actual.N);
        Assert.Equal(int.Parse(expected["df"]), actual.DegreesOfFreedom);
        Assert.Equal(Fixtures.Number(expected["estimate"]), actual.Value, 1e-9);
        Assert.Equal(Fixtures.Number(expected["se"]), actual.StandardError, 1e-9);
        Assert.Equal(Fixtures.Number(expected["ci_low"]), actual.CiLow, 1e-6);
        Assert.Equal(Fixtures.Number(expected["ci_high"]), actual.CiHigh, 1e-6);
    }

    private static EstimateRow Row(WaveAggregate aggregate, string scope, string dimension, string value, string measure = "q1", string type = MeasureTypes.Item) =>
        aggregate.Estimates.Single(e => e.Scope == scope && e.Dimension == dimension && e.DomainValue == value && e.Measure == measure && e.MeasureType == type);

    [Fact]
    public void A_municipality_and_its_referrer_breakdown_equal_R()
    {
        var aggregate = AggregationTestWave.FromFixture("referrer_prop").Aggregate(new ReportScope("G1", false));

        AssertMatches(Expected("referrer_prop"), Row(aggregate, "G1", Dimensions.Total, Dimensions.TotalValue));
        foreach (var referrer in new[] { "huisarts", "jeugdarts", "wijkteam" })
            AssertMatches(Expected("referrer_prop", "referrer", referrer), Row(aggregate, "G1", Dimensions.Referrer, referrer));
        // The indicator is q1's 0/1 score as a mean: the same value and standard error, a t interval instead of the logit one.
        var indicator = Row(aggregate, "G1", Dimensions.Total, Dimensions.TotalValue, "toegang", MeasureTypes.Indicator);
        Assert.Equal(EstimateRows.Mean, indicator.Kind);
        Assert.Equal(Fixtures.Number(Expected("referrer_prop")["se"]), indicator.StandardError, 1e-9);
        Assert.Equal(180, aggregate.Responses);
        Assert.Empty(aggregate.Problems);
        Assert.Empty(aggregate.Collapses);
    }

    [Fact]
    public void A_region_with_a_hundred_strata_equals_R_by_municipality_and_care_type()
    {
        var aggregate = AggregationTestWave.FromFixture("strata100").Aggregate(new ReportScope("regio", true));

        AssertMatches(Expected("strata100"), Row(aggregate, "regio", Dimensions.Total, Dimensions.TotalValue));
        for (var m = 1; m <= 10; m++)
        {
            var municipality = $"G{m:00}";
            AssertMatches(Expected("strata100", "municipality", municipality), Row(aggregate, "regio", Dimensions.Municipality, municipality));
        }
        foreach (var careType in new[] { "ambulant", "verblijf" })
            AssertMatches(Expected("strata100", "caretype", careType), Row(aggregate, "regio", Dimensions.CareType, careType));
        Assert.Equal(10, aggregate.Comparisons.Select(c => c.Municipality).Distinct().Count());
    }

    [Fact]
    public void Diagnostics_are_part_of_the_result()
    {
        var wave = AggregationTestWave.FromFixture("referrer_prop");
        // One answer in a stratum with a single respondent (merged into its neighbour), one outside the sample's strata.
        wave.Sampled.Add(new SampledStratum("G1 | verblijf | 0", "G1", 40));
        wave.Responses.Add(AggregationTestWave.Answer("G1 | verblijf | 0", "G1", "verblijf", "huisarts", "1"));
        wave.Responses.Add(AggregationTestWave.Answer("G9 | ambulant | 0", "G9", "ambulant", "huisarts", "1"));

        var aggregate = wave.Aggregate(new ReportScope("G1", false));

        Assert.Equal(182, aggregate.Responses);
        Assert.Contains("1 antwoorden van ouders vallen in een laag die niet in de steekproef staat; ze tellen niet mee.", aggregate.Problems);
        var collapsed = Assert.Single(aggregate.Collapses, c => c.Measure == "q1");
        Assert.Equal(Audiences.OudersName, collapsed.Audience);
        Assert.StartsWith("G1|verblijf", collapsed.From, StringComparison.Ordinal);
        Assert.Equal(aggregate.Collapses.Count, aggregate.Collapses.Select(c => (c.Audience, c.Measure, c.From)).Distinct().Count());
    }

    [Fact]
    public void Trends_compare_the_same_audience_scope_and_indicator_with_every_earlier_published_wave()
    {
        var wave = AggregationTestWave.FromFixture("referrer_prop");
        var design = wave.Design(new ReportScope("G1", false));
        var now = WaveAggregator.Aggregate(design, wave.Responses, AggregationTestWave.Context());
        var mine = Row(now, "G1", Dimensions.Total, Dimensions.TotalValue, "toegang", MeasureTypes.Indicator);
        var earlierRow = mine with { Value = 0.30, StandardError = 0.05 };
        var earlier = new WaveAggregate
        {
            WaveId = "w-2024",
            Status = AggregateStatus.Draft,
            // The same indicator in another municipality and as a breakdown must not be matched.
            Estimates = [earlierRow, earlierRow with { Scope = "G2", Value = 0.9 }, earlierRow with { Dimension = Dimensions.Referrer, DomainValue = "huisarts", Value = 0.1 }],
        };

        var aggregate = WaveAggregator.Aggregate(design, wave.Responses,
            AggregationTestWave.Context(earlier: [new PublishedAggregate("w-2025", 2025, earlier with { WaveId = "w-2025" }), new PublishedAggregate("w-2024", 2024, earlier)]));

        Assert.Equal([2024, 2025], aggregate.Trends.Select(t => t.EarlierYear));
        var trend = aggregate.Trends[0];
        Assert.Equal(("ouders", "G1", "toegang", "w-2024"), (trend.Audience, trend.Scope, trend.Measure, trend.EarlierWaveId));
        Assert.Equal(mine.Value - 0.30, trend.Difference, 1e-12);
        var half = 1.959963984540054 * Math.Sqrt(0.05 * 0.05 + mine.StandardError * mine.StandardError);
        Assert.Equal(trend.Difference - half, trend.CiLow, 1e-9);
        Assert.Equal(trend.Difference + half, trend.CiHigh, 1e-9);
        Assert.True(trend.Significant);
    }

    [Fact]
    public void Response_and_representativeness_come_from_the_fieldwork_counts()
    {
        var wave = AggregationTestWave.FromFixture("referrer_prop");
        var keys = wave.Sampled.Select(s => s.Key).ToList();
        // Stratum 0 answered far less often than the others: the R-indicator is low and names its group.
        var fieldwork = keys.Select((k, i) => new FieldworkTally(Audiences.OudersName, k, "G1", "ambulant", "", 100, i == 0 ? 5 : 80)).ToList();

        var aggregate = WaveAggregator.Aggregate(wave.Design(new ReportScope("G1", false)), wave.Responses, AggregationTestWave.Context(fieldwork));

        Assert.Equal(keys.Order(StringComparer.Ordinal), aggregate.Response.Select(r => r.Stratum));
        Assert.Equal(wave.Sampled.Single(s => s.Key == aggregate.Response[0].Stratum).Population, aggregate.Response[0].Population);
        Assert.Equal(0.05, aggregate.Response.Single(r => r.Stratum == keys[0]).ResponseRate, 12);
        var r = Assert.Single(aggregate.Representativeness);
        Assert.Equal(("ouders", "G1"), (r.Audience, r.Scope));
        Assert.InRange(r.R, 0, 0.95);
        Assert.Contains(r.Partials, p => p.Variable == Dimensions.CareType);
        Assert.False(string.IsNullOrWhiteSpace(r.Sentence));
    }

    [Theory]
    [InlineData("ouders", "zorgvorm", "verblijf", "Ouders van kinderen met verblijf")]
    [InlineData("ouders", "leeftijdsgroep", "4-11", "Ouders van kinderen van 4-11 jaar")]
    [InlineData("jongeren", "zorgvorm", "ambulant", "Jongeren met ambulant")]
    [InlineData("jongeren", "leeftijdsgroep", "12-17", "Jongeren van 12-17 jaar")]
    public void Group_names_are_Dutch_plurals(string audience, string variable, string category, string expected) =>
        Assert.Equal(expected, GroupNames.Of(audience, variable, category));
}
