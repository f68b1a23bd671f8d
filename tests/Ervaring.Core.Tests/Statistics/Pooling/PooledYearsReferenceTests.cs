using Ervaring.Core.Statistics;
using Ervaring.Core.Statistics.Design;
using Ervaring.Core.Statistics.Pooling;

namespace Ervaring.Core.Tests.Statistics.Pooling;

/// <summary>
/// Pooled years against R (pooled-expected.csv, made by make-design-fixtures.R): each year's
/// municipality estimate from its own design, and the pooled figure, which R computes both by the
/// formula and as svymean on the stacked design with strata year × stratum.
/// </summary>
public class PooledYearsReferenceTests
{
    private const string Municipality = "G1";

    private sealed record Year(EstimateKind Kind, Dictionary<StratumKey, long> Population, DesignCellAccumulator Item);

    private static readonly Dictionary<(string Case, int Year), Year> Years = Load();

    private static Dictionary<(string, int), Year> Load()
    {
        var years = new Dictionary<(string, int), Year>();
        foreach (var row in Fixtures.ReadCsv("statistics", "pooled-responses.csv"))
        {
            var key = (row["case"], int.Parse(row["year"]));
            if (!years.TryGetValue(key, out var y))
                years[key] = y = new Year(row["kind"] == "proportion" ? EstimateKind.Proportion : EstimateKind.Mean, new(), new());
            var stratum = new StratumKey(row["municipality"], row["caretype"], int.Parse(row["ageband"]));
            y.Population[stratum] = long.Parse(row["N"]);
            y.Item.Add(stratum, CalibrationProfile.None, Fixtures.Number(row["y"]));
        }
        return years;
    }

    private static YearEstimate EstimateFor(string caseName, int year)
    {
        var y = Years[(caseName, year)];
        var estimate = DesignEstimator.Estimate(SurveyDesign.For(y.Item, y.Population), y.Item, y.Kind, Domain.Municipality(Municipality))!;
        return new YearEstimate(year, estimate, y.Population.Where(p => p.Key.Municipality == Municipality).Sum(p => p.Value));
    }

    public static TheoryData<string, string> ExpectedRows()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in Fixtures.ReadCsv("statistics", "pooled-expected.csv")) data.Add(row["case"], row["year"]);
        return data;
    }

    [Theory]
    [MemberData(nameof(ExpectedRows))]
    public void Matches_R_survey(string caseName, string year)
    {
        var expected = Fixtures.ReadCsv("statistics", "pooled-expected.csv").Single(r => r["case"] == caseName && r["year"] == year);
        var years = Years.Keys.Where(k => k.Case == caseName).Select(k => k.Year).Order().ToList();
        Estimate actual;
        long population;
        if (year == "pooled")
        {
            var pooled = PooledYears.Pool(years.Select(y => EstimateFor(caseName, y)).ToList());
            actual = pooled.Estimate;
            population = years.Sum(y => EstimateFor(caseName, y).PopulationSize);
            Assert.Equal(1.0, pooled.YearWeights.Sum(), 1e-12);
        }
        else
        {
            var one = EstimateFor(caseName, int.Parse(year));
            actual = one.Estimate;
            population = one.PopulationSize;
        }

        Assert.Equal(long.Parse(expected["population"]), population);
        Fixtures.AssertEqualsR(expected, actual);
    }

    [Fact]
    public void The_2025_single_answer_stratum_is_collapsed_and_reported_with_the_pooled_figure()
    {
        var pooled = PooledYears.Pool([EstimateFor("pooled_prop", 2024), EstimateFor("pooled_prop", 2025), EstimateFor("pooled_prop", 2026)]);
        Assert.Contains(pooled.Estimate.Collapses, c => c.From.ToString() == "G1|verblijf|1" && c.Into.ToString() == "G1|verblijf|0");
    }
}
