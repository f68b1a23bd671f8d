using Ervaring.Core.Statistics;
using Ervaring.Core.Statistics.Design;

namespace Ervaring.Core.Tests.Statistics.Design;

/// <summary>
/// A calibration category with fewer than two valid answers in its municipality is merged before raking, as a
/// recode of the variable would be in R: the estimate equals the raked design built on the recoded answers and margins.
/// </summary>
public class CategoryMergeTests
{
    private static readonly StratumKey A = new("G1", "ambulant", 0);
    private static readonly StratumKey B = new("G1", "verblijf", 0);
    private static readonly Dictionary<StratumKey, long> Populations = new() { [A] = 120, [B] = 80 };

    private static CalibrationProfile Referrer(string category) => CalibrationProfile.Of((CalibrationVariables.ReferrerName, category));

    private static CalibrationMargins Margins(params (string Category, long Count)[] counts) =>
        new([CalibrationVariables.ReferrerName], counts.ToDictionary(c => ("G1", CalibrationVariables.ReferrerName, c.Category), c => c.Count));

    /// <summary>Answers with a fixed pattern: huisarts mostly positive, wijkteam mostly not; <paramref name="gi"/> answers from gi.</summary>
    private static DesignCellAccumulator Answers(int gi, string giAs = "gi")
    {
        var item = new DesignCellAccumulator();
        for (var i = 0; i < 30; i++) item.Add(i % 2 == 0 ? A : B, Referrer("huisarts"), i % 5 == 0 ? 0 : 1);
        for (var i = 0; i < 20; i++) item.Add(i % 2 == 0 ? A : B, Referrer("wijkteam"), i % 3 == 0 ? 1 : 0);
        for (var i = 0; i < gi; i++) item.Add(A, Referrer(giAs), 1);
        return item;
    }

    private static Estimate Raked(DesignCellAccumulator item, CalibrationMargins margins) =>
        DesignEstimator.Estimate(SurveyDesign.For(item, Populations, margins), item, EstimateKind.Proportion, Domain.Everyone)!;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_category_with_too_few_answers_is_merged_like_a_recode(int giAnswers)
    {
        var margins = Margins(("huisarts", 110), ("wijkteam", 70), ("gi", 20));
        var item = Answers(giAnswers);
        if (giAnswers == 0) Assert.Throws<CalibrationException>(() => SurveyDesign.For(item, Populations, margins));

        var merge = CategoryMerge.Plan(margins, item.Counts);
        Assert.Equal(["gemeente G1, verwijzer: gi → huisarts"], merge.Notes);
        var merged = new DesignCellAccumulator();
        foreach (var cell in item.Cells) merged.Add(cell.Stratum, merge.Map("G1", cell.Profile), cell.Moments, cell.Label);
        var actual = Raked(merged, merge.Margins);

        // The recode written out by hand: gi answers count as huisarts, and so do gi's 20 clients in the frame.
        var expected = Raked(Answers(giAnswers, giAs: "huisarts"), Margins(("huisarts", 130), ("wijkteam", 70)));
        Assert.Equal(expected.Value, actual.Value, 1e-12);
        Assert.Equal(expected.StandardError, actual.StandardError, 1e-12);
        Assert.Equal(expected.Respondents, actual.Respondents);
    }

    [Fact]
    public void Categories_with_two_answers_or_more_stay_as_they_are()
    {
        var margins = Margins(("huisarts", 110), ("wijkteam", 70), ("gi", 20));
        var merge = CategoryMerge.Plan(margins, Answers(2).Counts);
        Assert.True(merge.IsEmpty);
        Assert.Equal(margins.Entries, merge.Margins.Entries);
    }
}
