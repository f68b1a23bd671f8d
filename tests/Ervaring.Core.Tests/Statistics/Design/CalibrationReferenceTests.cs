using Ervaring.Core.Statistics;
using Ervaring.Core.Statistics.Design;

namespace Ervaring.Core.Tests.Statistics.Design;

/// <summary>
/// Compares <see cref="DesignEstimator"/> with R's survey package: svydesign → calibrate(...,
/// calfun = "raking") → svymean / svyciprop / svyby (tests/fixtures/statistics, made by
/// make-design-fixtures.R). Estimates and standard errors to 1e-9, interval ends to 1e-6.
/// </summary>
public class CalibrationReferenceTests
{
    private const string Referrer = "verwijzer";
    private const string Duration = "duur";

    private sealed record Case(EstimateKind Kind, DesignCellAccumulator Item);

    private static readonly Dictionary<StratumKey, long> Population = new();
    private static readonly CalibrationMargins Margins = LoadFrame();
    private static readonly Dictionary<string, Case> Cases = LoadCases();

    private static CalibrationProfile Profile(IReadOnlyDictionary<string, string> row) =>
        CalibrationProfile.Of((Referrer, row["referrer"]), (Duration, row["band"]));

    private static StratumKey Stratum(IReadOnlyDictionary<string, string> row) =>
        new(row["municipality"], row["caretype"], int.Parse(row["ageband"]));

    private static CalibrationMargins LoadFrame()
    {
        var cells = new List<(string, CalibrationProfile, long)>();
        foreach (var row in Fixtures.ReadCsv("statistics", "calibration-frame.csv"))
        {
            var count = long.Parse(row["count"]);
            Population[Stratum(row)] = Population.GetValueOrDefault(Stratum(row)) + count;
            cells.Add((row["municipality"], Profile(row), count));
        }
        return CalibrationMargins.FromFrame([Referrer, Duration], cells);
    }

    private static Dictionary<string, Case> LoadCases()
    {
        var cases = new Dictionary<string, Case>();
        foreach (var row in Fixtures.ReadCsv("statistics", "calibration-responses.csv"))
        {
            if (!cases.TryGetValue(row["case"], out var c))
                cases[row["case"]] = c = new Case(row["kind"] == "proportion" ? EstimateKind.Proportion : EstimateKind.Mean, new DesignCellAccumulator());
            if (row["y"] == "NA") continue; // "weet niet / n.v.t." is not fed
            c.Item.Add(Stratum(row), Profile(row), Fixtures.Number(row["y"]), row["provider"]);
        }
        return cases;
    }

    public static TheoryData<string, string, string, string> ExpectedRows()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var row in Fixtures.ReadCsv("statistics", "calibration-expected.csv"))
            data.Add(row["case"], row["weighting"], row["domain_variable"], row["domain"]);
        return data;
    }

    private static SurveyDesign DesignFor(Case c, string weighting) =>
        SurveyDesign.For(c.Item, Population, weighting == "raking" ? Margins : null);

    [Theory]
    [MemberData(nameof(ExpectedRows))]
    public void Matches_R_survey_calibrate(string caseName, string weighting, string domainVariable, string domain)
    {
        var expected = Fixtures.ReadCsv("statistics", "calibration-expected.csv").Single(r =>
            r["case"] == caseName && r["weighting"] == weighting && r["domain_variable"] == domainVariable && r["domain"] == domain);
        var c = Cases[caseName];
        var design = DesignFor(c, weighting);
        var target = domainVariable switch
        {
            "" => Domain.Everyone,
            "municipality" => Domain.Municipality(domain),
            "referrer" => Domain.Category(Referrer, domain),
            "provider" => Domain.Label(domain), // not a calibration variable: cells split by label
            _ => throw new InvalidOperationException(domainVariable),
        };

        var actual = DesignEstimator.Estimate(design, c.Item, c.Kind, target)!;

        Assert.Equal(long.Parse(expected["n"]), actual.Respondents);
        Assert.Equal(int.Parse(expected["df"]), actual.DegreesOfFreedom);
        Assert.Equal(Fixtures.Number(expected["estimate"]), actual.Value, 1e-9);
        Assert.Equal(Fixtures.Number(expected["se"]), actual.StandardError, 1e-9);
        Assert.Equal(Fixtures.Number(expected["ci_low"]), actual.Interval.Low, 1e-6);
        Assert.Equal(Fixtures.Number(expected["ci_high"]), actual.Interval.High, 1e-6);
    }

    [Theory]
    [InlineData("cal_prop")]
    [InlineData("cal_mark")]
    public void The_single_respondent_stratum_is_collapsed_as_in_the_R_script(string caseName)
    {
        var design = DesignFor(Cases[caseName], "raking");
        var collapse = Assert.Single(design.Plan.Collapses);
        Assert.Equal(("G2|verblijf|2", "G2|verblijf|1"), (collapse.From.ToString(), collapse.Into.ToString()));
        Assert.Equal(Weighting.Calibration, design.Weighting);
    }

    [Fact]
    public void Raked_weights_hit_the_frame_counts()
    {
        var design = DesignFor(Cases["cal_prop"], "raking");
        foreach (var (municipality, variable, category, count) in Margins.Entries)
        {
            var raked = design.Cells.Where(c => c.Group.Municipality == municipality && c.Profile.CategoryOf(variable) == category)
                .Sum(c => c.Weight * c.Respondents);
            Assert.Equal(count, raked, 1e-6);
        }
        foreach (var (group, stratum) in design.Strata)
            Assert.Equal(stratum.Population, design.Cells.Where(c => c.Group == group).Sum(c => c.Weight * c.Respondents), 1e-6);
    }

    [Fact]
    public void A_category_without_respondents_makes_raking_impossible_with_a_Dutch_reason()
    {
        var item = new DesignCellAccumulator();
        foreach (var cell in Cases["cal_prop"].Item.Cells.Where(c => !(c.Stratum.Municipality == "G1" && c.Profile.CategoryOf(Referrer) == "wijkteam")))
            item.Add(cell.Stratum, cell.Profile, cell.Moments.Mean, cell.Label);
        var error = Assert.Throws<CalibrationException>(() => SurveyDesign.For(item, Population, Margins));
        Assert.Contains("gemeente G1, verwijzer = wijkteam", error.Message);
    }
}
