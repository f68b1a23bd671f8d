using Ervaring.Core.Statistics;
using Ervaring.Core.Statistics.Design;

namespace Ervaring.Core.Tests.Statistics.Design;

/// <summary>
/// Without calibration the design estimator is the post-stratified estimator: the earlier R fixture
/// (expected.csv) must come out the same through <see cref="DesignEstimator"/>.
/// </summary>
public class PostStratifiedDesignTests
{
    private sealed record Case(EstimateKind Kind, Dictionary<StratumKey, long> Population, DesignCellAccumulator Item);

    private static readonly Dictionary<string, Case> Cases = LoadCases();

    private static Dictionary<string, Case> LoadCases()
    {
        var cases = new Dictionary<string, Case>();
        foreach (var row in Fixtures.ReadCsv("statistics", "responses.csv"))
        {
            if (!cases.TryGetValue(row["case"], out var c))
                cases[row["case"]] = c = new Case(row["kind"] == "proportion" ? EstimateKind.Proportion : EstimateKind.Mean,
                    new Dictionary<StratumKey, long>(), new DesignCellAccumulator());
            var key = new StratumKey(row["municipality"], row["caretype"], int.Parse(row["ageband"]));
            c.Population[key] = long.Parse(row["N"]);
            if (row["y"] == "NA") continue;
            c.Item.Add(key, CalibrationProfile.None, Fixtures.Number(row["y"]), row["referrer"]);
        }
        return cases;
    }

    public static TheoryData<string, string, string> ExpectedRows()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var row in Fixtures.ReadCsv("statistics", "expected.csv"))
            data.Add(row["case"], row["domain_variable"], row["domain"]);
        return data;
    }

    [Theory]
    [MemberData(nameof(ExpectedRows))]
    public void Matches_the_earlier_R_fixture(string caseName, string domainVariable, string domain)
    {
        var expected = Fixtures.ReadCsv("statistics", "expected.csv")
            .Single(r => r["case"] == caseName && r["domain_variable"] == domainVariable && r["domain"] == domain);
        var c = Cases[caseName];
        var design = SurveyDesign.For(c.Item, c.Population);
        var target = domainVariable switch
        {
            "" => Domain.Everyone,
            "referrer" => Domain.Label(domain),
            "municipality" => Domain.Municipality(domain),
            "caretype" => Domain.CareType(domain),
            _ => throw new InvalidOperationException(domainVariable),
        };

        var actual = DesignEstimator.Estimate(design, c.Item, c.Kind, target)!;

        Assert.Equal(Weighting.PostStratification, design.Weighting);
        Fixtures.AssertEqualsR(expected, actual);
    }
}
