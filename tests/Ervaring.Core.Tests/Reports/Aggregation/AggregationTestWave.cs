using Ervaring.Core.Reports;
using Ervaring.Core.Reports.Aggregation;
using Ervaring.Core.Sampling;
using Ervaring.Core.Surveys;
using Ervaring.Core.Tests.Surveys;

namespace Ervaring.Core.Tests.Reports.Aggregation;

/// <summary>
/// A small wave built from the committed R fixture (tests/fixtures/statistics/responses.csv): each fixture row
/// becomes an "ouders" response to the minimal questionnaire, y = 1 answered "5" (positive), y = 0 answered "2",
/// y = NA not answered. The fixture's age band index is kept in the stratum key as a plain part (the strata are
/// the same partition as in R's svydesign), so q1's estimates must be R's.
/// </summary>
internal sealed class AggregationTestWave
{
    public static readonly IReadOnlyList<string> StrataVariables = ["gemeente", "zorgvorm", "band"];

    public SurveyDefinition Definition { get; } = SurveyTestData.MinimalDefinition();
    public List<SampledStratum> Sampled { get; } = [];
    public List<AnsweredQuestionnaire> Responses { get; } = [];

    public static AggregationTestWave FromFixture(string caseName)
    {
        var wave = new AggregationTestWave();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in Fixtures.ReadCsv("statistics", "responses.csv").Where(r => r["case"] == caseName))
        {
            var key = $"{row["municipality"]} | {row["caretype"]} | {row["ageband"]}";
            if (seen.Add(key)) wave.Sampled.Add(new SampledStratum(key, row["municipality"], long.Parse(row["N"])));
            wave.Responses.Add(Answer(key, row["municipality"], row["caretype"], row["referrer"], row["y"]));
        }
        return wave;
    }

    public static AnsweredQuestionnaire Answer(string stratum, string municipality, string careType, string referrer, string y, string ageBand = "4-11")
    {
        var answers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (y != "NA") answers["q1"] = [y == "1" ? "5" : "2"];
        return new AnsweredQuestionnaire(Audience.Ouders, new RespondentAttributes(stratum, municipality, careType, ageBand, referrer), answers);
    }

    public WaveDesignInput Design(params ReportScope[] scopes) => new("w-test",
        [new AudienceInput(Audience.Ouders, Definition, WeightingStrata.ForAudience(Sampled, StrataVariables, AudienceRule.Default, Audience.Ouders))],
        scopes, Sampled.ToDictionary(s => s.Key, s => s.Population, StringComparer.Ordinal));

    public static WaveAggregationContext Context(IReadOnlyList<FieldworkTally>? fieldwork = null, IReadOnlyList<PublishedAggregate>? earlier = null) =>
        new(AggregateStatus.Draft, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), fieldwork ?? [], earlier ?? []);

    public WaveAggregate Aggregate(params ReportScope[] scopes) => WaveAggregator.Aggregate(Design(scopes), Responses, Context());
}
