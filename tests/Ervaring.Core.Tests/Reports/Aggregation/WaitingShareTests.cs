using System.Text.Json.Nodes;
using Ervaring.Core.Reports;
using Ervaring.Core.Reports.Aggregation;
using Ervaring.Core.Sampling;
using Ervaring.Core.Surveys;
using Ervaring.Core.Tests.Surveys;

namespace Ervaring.Core.Tests.Reports.Aggregation;

/// <summary>
/// Questionnaire v2's weeks of waiting in the report: the share that waited longer than the wave's threshold, a
/// proportion with its logit interval, equal to R's svyciprop on the committed fixture (make-fixtures.R case 9,
/// waiting-weeks.csv holds the weeks; R computed y = weeks > 6).
/// </summary>
public class WaitingShareTests
{
    private static SurveyDefinition DefinitionWithWaiting()
    {
        var root = SurveyTestData.Minimal();
        root["sections"]![0]!["items"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "wachten", ["type"] = "number", ["text"] = "Hoeveel weken wachtte u?", ["min"] = 0, ["max"] = 104,
        });
        return SurveyDefinitionLoader.Parse(root.ToJsonString(), SurveyTestData.FileName);
    }

    private static WaveAggregate Aggregate(int threshold, Func<string, string> answer)
    {
        var sampled = new List<SampledStratum>();
        var responses = new List<AnsweredQuestionnaire>();
        foreach (var row in Fixtures.ReadCsv("statistics", "waiting-weeks.csv"))
        {
            var key = $"{row["municipality"]} | {row["caretype"]} | {row["ageband"]}";
            if (sampled.All(s => s.Key != key)) sampled.Add(new SampledStratum(key, row["municipality"], long.Parse(row["N"])));
            var answers = new Dictionary<string, IReadOnlyList<string>> { ["wachten"] = [answer(row["weeks"])] };
            responses.Add(new AnsweredQuestionnaire(Audience.Ouders, new RespondentAttributes(key, row["municipality"], row["caretype"], "4-11", ""), answers));
        }
        var design = new WaveDesignInput("w-wachten",
            [new AudienceInput(Audience.Ouders, DefinitionWithWaiting(),
                WeightingStrata.ForAudience(sampled, AggregationTestWave.StrataVariables, AudienceRule.Default, Audience.Ouders), WaitingWeeksThreshold: threshold)],
            [new ReportScope("G1", false)], sampled.ToDictionary(s => s.Key, s => s.Population, StringComparer.Ordinal));
        return WaveAggregator.Aggregate(design, responses, AggregationTestWave.Context());
    }

    private static EstimateRow Total(WaveAggregate aggregate) =>
        aggregate.Estimates.Single(e => e.Measure == "wachten" && e.MeasureType == MeasureTypes.Item && e.Dimension == Dimensions.Total);

    [Fact]
    public void The_share_that_waited_longer_than_6_weeks_equals_R_with_its_logit_interval()
    {
        var expected = Fixtures.ReadCsv("statistics", "expected.csv").Single(r => r["case"] == "waiting_share" && r["domain_variable"] == "");

        var row = Total(Aggregate(6, weeks => weeks == "NA" ? "wn" : weeks));

        Assert.Equal(EstimateRows.Proportion, row.Kind);
        Assert.Equal(long.Parse(expected["n"]), row.N); // "weet ik niet" is not a valid answer
        Assert.Equal(Fixtures.Number(expected["estimate"]), row.Value, 1e-9);
        Assert.Equal(Fixtures.Number(expected["se"]), row.StandardError, 1e-9);
        Assert.Equal(Fixtures.Number(expected["ci_low"]), row.CiLow, 1e-6);
        Assert.Equal(Fixtures.Number(expected["ci_high"]), row.CiHigh, 1e-6);
        Assert.Equal("Wachtte langer dan 6 weken tussen de vraag om hulp en de start van de hulp", row.Label);
    }

    [Fact]
    public void The_municipality_sets_the_threshold()
    {
        var six = Total(Aggregate(6, weeks => weeks == "NA" ? "wn" : weeks));
        var twelve = Total(Aggregate(12, weeks => weeks == "NA" ? "wn" : weeks));

        Assert.True(twelve.Value < six.Value, $"{twelve.Value} should be below {six.Value}");
        Assert.Equal(six.N, twelve.N);
        Assert.Contains("langer dan 12 weken", twelve.Label, StringComparison.Ordinal);
    }
}
