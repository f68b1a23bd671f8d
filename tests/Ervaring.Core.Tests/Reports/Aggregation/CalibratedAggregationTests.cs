using Ervaring.Core.Reports;
using Ervaring.Core.Reports.Aggregation;
using Ervaring.Core.Sampling;
using Ervaring.Core.Statistics.Design;
using Ervaring.Core.Tests.Surveys;

namespace Ervaring.Core.Tests.Reports.Aggregation;

/// <summary>
/// The aggregator with a calibrated wave equals R's calibrate(raking) + svyciprop / svyby on the committed fixture
/// (tests/fixtures/statistics/calibration-*.csv), and without calibration the fixture's post-stratified rows:
/// the same responses, through the whole aggregation, region scope.
/// </summary>
public class CalibratedAggregationTests
{
    private static readonly IReadOnlyList<string> Strata = ["gemeente", "zorgvorm", "leeftijdsgroep"];

    private static string Key(IReadOnlyDictionary<string, string> row) =>
        $"{row["municipality"]} | {row["caretype"]} | {AgeBands.Default.Bands[int.Parse(row["ageband"])].Label}";

    private static WaveAggregate Aggregate(bool calibrate, bool withBands = true, Func<IReadOnlyDictionary<string, string>, bool>? keep = null)
    {
        var population = new Dictionary<string, SampledStratum>(StringComparer.Ordinal);
        var frame = new List<(string, CalibrationProfile, long)>();
        foreach (var row in Fixtures.ReadCsv("statistics", "calibration-frame.csv"))
        {
            var count = long.Parse(row["count"]);
            var key = Key(row);
            population[key] = new SampledStratum(key, row["municipality"], (population.GetValueOrDefault(key)?.Population ?? 0) + count);
            frame.Add((row["municipality"], CalibrationProfile.Of((CalibrationVariables.ReferrerName, row["referrer"]), (CalibrationVariables.DurationName, row["band"])), count));
        }
        var responses = Fixtures.ReadCsv("statistics", "calibration-responses.csv").Where(r => r["case"] == "cal_prop" && (keep?.Invoke(r) ?? true)).Select(row =>
        {
            var answers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            if (row["y"] != "NA") answers["q1"] = [row["y"] == "1" ? "5" : "2"];
            var band = AgeBands.Default.Bands[int.Parse(row["ageband"])].Label;
            return new AnsweredQuestionnaire(Audience.Ouders,
                new RespondentAttributes(Key(row), row["municipality"], row["caretype"], band, row["referrer"], withBands ? row["band"] : ""), answers);
        }).ToList();

        var variables = new CalibrationVariables();
        var calibration = calibrate ? new AudienceCalibration(variables, CalibrationMargins.FromFrame(variables.Names, frame)) : null;
        var strata = WeightingStrata.ForAudience(population.Values, Strata, AudienceRule.Default, Audience.Ouders);
        var design = new WaveDesignInput("w-cal", [new AudienceInput(Audience.Ouders, SurveyTestData.MinimalDefinition(), strata, calibration)],
            [new ReportScope("regio", true)], population.ToDictionary(p => p.Key, p => p.Value.Population, StringComparer.Ordinal));
        return WaveAggregator.Aggregate(design, responses, AggregationTestWave.Context());
    }

    [Theory]
    [InlineData("raking")]
    [InlineData("poststrat")]
    public void Equals_R_for_the_region_its_municipalities_and_referrers(string weighting)
    {
        var aggregate = Aggregate(calibrate: weighting == "raking");
        var expected = Fixtures.ReadCsv("statistics", "calibration-expected.csv").Where(r => r["case"] == "cal_prop" && r["weighting"] == weighting && r["domain_variable"] != "provider").ToList();

        Assert.Equal(6, expected.Count);
        foreach (var row in expected)
        {
            var (dimension, value) = row["domain_variable"] switch
            {
                "" => (Dimensions.Total, Dimensions.TotalValue),
                "municipality" => (Dimensions.Municipality, row["domain"]),
                _ => (Dimensions.Referrer, row["domain"]),
            };
            var actual = aggregate.Estimates.Single(e => e.Measure == "q1" && e.MeasureType == MeasureTypes.Item && e.Dimension == dimension && e.DomainValue == value);
            Assert.Equal(long.Parse(row["n"]), actual.N);
            Assert.Equal(int.Parse(row["df"]), actual.DegreesOfFreedom);
            Assert.Equal(Fixtures.Number(row["estimate"]), actual.Value, 1e-9);
            Assert.Equal(Fixtures.Number(row["se"]), actual.StandardError, 1e-9);
            Assert.Equal(Fixtures.Number(row["ci_low"]), actual.CiLow, 1e-6);
            Assert.Equal(Fixtures.Number(row["ci_high"]), actual.CiHigh, 1e-6);
        }
        // The collapsed stratum (G2, verblijf, 12-17: one valid answer) is reported either way.
        Assert.Contains(aggregate.Collapses, c => c.Measure == "q1" && c.From.StartsWith("G2|verblijf", StringComparison.Ordinal));
    }

    [Fact]
    public void A_post_stratified_wave_gives_the_same_aggregate_whether_or_not_responses_carry_a_duration_band()
    {
        var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        var withBands = System.Text.Json.JsonSerializer.Serialize(Aggregate(calibrate: false, withBands: true), options);
        var without = System.Text.Json.JsonSerializer.Serialize(Aggregate(calibrate: false, withBands: false), options);
        Assert.Equal(without, withBands);
        Assert.NotEqual(without, System.Text.Json.JsonSerializer.Serialize(Aggregate(calibrate: true), options));
    }

    [Fact]
    public void A_referrer_with_one_answer_in_a_municipality_is_merged_before_raking_and_the_aggregate_says_so()
    {
        // Keep one answer of jeugdarts in G2: raking to it alone would give that one answer G2's 300-odd jeugdarts clients.
        var seen = 0;
        var aggregate = Aggregate(calibrate: true, keep: r => !(r["municipality"] == "G2" && r["referrer"] == "jeugdarts" && r["y"] != "NA" && seen++ > 0));

        Assert.Contains(aggregate.Estimates, e => e.Measure == "q1" && e.Dimension == Dimensions.Total);
        Assert.DoesNotContain(aggregate.Problems, p => p.Contains("q1", StringComparison.Ordinal));
        var merge = Assert.Single(aggregate.Collapses, c => c.Measure == "q1" && c.Reason == CategoryMerge.Reason);
        Assert.Equal(("G2|verwijzer=jeugdarts", "G2|verwijzer=huisarts"), (merge.From, merge.Into));
        // G1 is raked to its own three referrers as before: its figure is not the post-stratified one.
        var g1 = aggregate.Estimates.Single(e => e.Measure == "q1" && e.Dimension == Dimensions.Municipality && e.DomainValue == "G1");
        var g1PostStratified = Aggregate(calibrate: false).Estimates.Single(e => e.Measure == "q1" && e.Dimension == Dimensions.Municipality && e.DomainValue == "G1");
        Assert.NotEqual(g1PostStratified.Value, g1.Value, 6);
    }
}
