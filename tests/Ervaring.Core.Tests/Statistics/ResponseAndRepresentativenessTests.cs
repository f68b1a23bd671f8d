using Ervaring.Core.Statistics;

namespace Ervaring.Core.Tests.Statistics;

public class ResponseAndRepresentativenessTests
{
    private static readonly StratumKey Young = new("G1", "verblijf", 2);
    private static readonly StratumKey Old = new("G1", "ambulant", 0);

    private static readonly Dictionary<string, Func<StratumKey, string>> ByCareType = new() { ["zorgvorm"] = s => s.CareType };

    [Fact]
    public void Response_rate_is_completed_over_eligible_invited()
    {
        var s = new StratumFieldwork(Old, 500, 100, 10, 45);
        Assert.Equal(0.5, s.ResponseRate, 12);
        Assert.Equal((45.0 + 30.0) / (90 + 60), ResponseRates.Overall([s, new StratumFieldwork(Young, 100, 60, 0, 30)]), 12);
    }

    [Fact]
    public void Equal_propensities_give_R_one_and_the_good_sentence()
    {
        var result = RIndicator.Compute([new(Old, 1000, 100, 0, 40), new(Young, 50, 10, 0, 4)], ByCareType);
        Assert.Equal(1.0, result.R, 12);
        Assert.Equal(0.0, result.MaximalBias, 12);
        Assert.Equal("De respons lijkt goed op de hele groep.", RepresentativenessSentence.Describe(result, (_, _) => "x"));
    }

    [Fact]
    public void Unequal_propensities_follow_the_documented_formulas()
    {
        // ρ = 0.8 and 0.2, both N = 100: ρ̄ = 0.5, S² = (100·0.09 + 100·0.09)/199.
        var result = RIndicator.Compute([new(Old, 100, 50, 0, 40), new(Young, 100, 50, 0, 10)], ByCareType);
        var s = Math.Sqrt(18.0 / 199.0);
        Assert.Equal(s, result.StandardDeviation, 12);
        Assert.Equal(1 - 2 * s, result.R, 12);
        Assert.Equal(0.5, result.MeanPropensity, 12);
        Assert.Equal(2 * s / (2 * 0.5), result.MaximalBias, 12);
        var partial = Assert.Single(result.Partials);
        Assert.Equal(Math.Sqrt(18.0 / 200.0), partial.Value, 12);
        var verblijf = partial.Categories.Single(c => c.Category == "verblijf");
        Assert.Equal(Math.Sqrt(0.5) * -0.3, verblijf.Partial, 12);
    }

    [Fact]
    public void Sentence_names_the_group_that_answered_much_less()
    {
        var result = RIndicator.Compute([new(Old, 100, 50, 0, 40), new(Young, 100, 50, 0, 10)], ByCareType);
        var text = RepresentativenessSentence.Describe(result, (_, c) => c == "verblijf" ? "Jongeren met verblijf" : "Jongeren met ambulante zorg");
        Assert.StartsWith("De respons lijkt niet goed op de hele groep.", text);
        Assert.Contains("Jongeren met verblijf reageerden veel minder; hun ervaringen wegen we zwaarder, maar de uitkomst is voor hen minder zeker.", text);
        Assert.DoesNotContain("ambulante", text);
    }

    [Fact]
    public void Trend_is_significant_only_when_the_interval_excludes_zero()
    {
        static Estimate E(double value, double se) => new(EstimateKind.Proportion, value, se, 100, new(value, value), 100, []);
        var clear = Trends.Compare(E(0.60, 0.01), E(0.70, 0.01));
        Assert.Equal(0.10, clear.Difference, 12);
        Assert.Equal(Math.Sqrt(0.0002), clear.StandardError, 12);
        Assert.True(clear.IsSignificant);
        Assert.Equal(0.10 - 1.959963984540054 * Math.Sqrt(0.0002), clear.Interval.Low, 9);
        Assert.False(Trends.Compare(E(0.60, 0.05), E(0.65, 0.05)).IsSignificant);
        Assert.True(Trends.Compare(E(0.70, 0.01), E(0.60, 0.01)).IsSignificant);
    }
}
