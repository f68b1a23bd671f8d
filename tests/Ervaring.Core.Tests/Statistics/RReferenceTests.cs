using Ervaring.Core.Statistics;

namespace Ervaring.Core.Tests.Statistics;

/// <summary>
/// Compares the engine with values computed by R's survey package (tests/fixtures/statistics,
/// made by make-fixtures.R). Estimates and standard errors to 1e-9, interval ends to 1e-6.
/// </summary>
public class RReferenceTests
{
    private sealed record Case(string Kind, Dictionary<StratumKey, long> Population, ItemAccumulator Item);

    private static readonly Dictionary<string, Case> Cases = LoadCases();

    private static Dictionary<string, Case> LoadCases()
    {
        var cases = new Dictionary<string, Case>();
        foreach (var row in Fixtures.ReadCsv("statistics", "responses.csv"))
        {
            if (!cases.TryGetValue(row["case"], out var c))
                cases[row["case"]] = c = new Case(row["kind"], new Dictionary<StratumKey, long>(), new ItemAccumulator());
            var key = new StratumKey(row["municipality"], row["caretype"], int.Parse(row["ageband"]));
            c.Population[key] = long.Parse(row["N"]);
            if (row["y"] == "NA") continue; // "weet niet / n.v.t." is not fed
            c.Item.Add(key, Fixtures.Number(row["y"]), row["referrer"]);
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
    public void Matches_R_survey(string caseName, string domainVariable, string domain)
    {
        var expected = Fixtures.ReadCsv("statistics", "expected.csv")
            .Single(r => r["case"] == caseName && r["domain_variable"] == domainVariable && r["domain"] == domain);
        var c = Cases[caseName];
        var kind = c.Kind == "proportion" ? EstimateKind.Proportion : EstimateKind.Mean;
        var estimator = new StratifiedEstimator(c.Population);

        var actual = domainVariable switch
        {
            "" => estimator.Estimate(c.Item, kind),
            "referrer" => estimator.EstimateByDomainLabel(c.Item, kind)[domain],
            "municipality" => estimator.EstimateByStratumPart(c.Item, kind, s => s.Municipality)[domain],
            "caretype" => estimator.EstimateByStratumPart(c.Item, kind, s => s.CareType)[domain],
            _ => throw new InvalidOperationException(domainVariable),
        };

        Fixtures.AssertEqualsR(expected, actual);
    }

    [Fact]
    public void Collapse_case_reports_the_collapses_the_rule_prescribes()
    {
        var c = Cases["collapse"];
        var estimate = new StratifiedEstimator(c.Population).Estimate(c.Item, EstimateKind.Proportion);
        var expected = Fixtures.ReadCsv("statistics", "collapses.csv").Where(r => r["case"] == "collapse")
            .Select(r => (r["from"], r["into"])).ToList();
        Assert.Equal(expected, estimate.Collapses.Select(x => (x.From.ToString(), x.Into.ToString())).ToList());
        Assert.All(estimate.Collapses, x => Assert.Contains("geldige antwoorden", x.Reason));
    }

    [Fact]
    public void Without_collapsing_the_collapse_case_would_differ()
    {
        // Guards the fixture: the collapse must matter for the R reference.
        var expected = Fixtures.ReadCsv("statistics", "expected.csv").Single(r => r["case"] == "collapse" && r["domain_variable"] == "");
        Assert.Equal(55, int.Parse(expected["df"])); // 59 answers − 4 strata after collapsing (6 before)
    }
}
