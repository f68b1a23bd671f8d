using Ervaring.Core.Sampling;
using Ervaring.Core.Statistics;
using Ervaring.Core.Statistics.Pooling;

namespace Ervaring.Core.Tests.Statistics.Pooling;

public class PoolingRuleTests
{
    private static readonly SampleSizeOptions Wave = new(Margin: 0.05);

    [Fact]
    public void Needed_answers_are_the_net_sample_size_for_the_municipality()
    {
        // n0 = 1.959964² · 0.25 / 0.05² = 384.146; n = n0 · 150 / (n0 + 149) = 108.08.
        var z = 1.959963984540054;
        var n0 = z * z * 0.25 / 0.0025;
        Assert.Equal(n0 * 150 / (n0 + 149), PoolingRule.NeededAnswers(150, Wave), 1e-9);
    }

    [Theory]
    [InlineData(108, true)]
    [InlineData(109, false)]
    [InlineData(0, true)]
    public void Pools_when_fewer_valid_answers_than_the_margin_needs(long valid, bool pool) =>
        Assert.Equal(pool, PoolingRule.ShouldPool(valid, 150, Wave));

    [Fact]
    public void A_tighter_margin_needs_more_answers() =>
        Assert.True(PoolingRule.ShouldPool(200, 1000, new SampleSizeOptions(Margin: 0.03)));

    [Fact]
    public void The_sentence_says_why_in_Dutch()
    {
        var sentence = PoolingRule.Sentence("Dorpum", 108, 150, Wave, [2026, 2024, 2025]);
        Assert.Equal("In Dorpum gaven 108 cliënten een geldig antwoord, terwijl er 109 nodig zijn voor een foutmarge van 5 procentpunt; " +
            "daarom staat hier ook de uitkomst over 2024, 2025 en 2026 samen, waarin elk jaar meetelt naar zijn aantal cliënten.", sentence);
    }

    [Fact]
    public void Pooling_weights_years_by_population_share_and_adds_variances_and_df()
    {
        static Estimate E(double value, double se, int df, long n) =>
            new(EstimateKind.Mean, value, se, df, new ConfidenceInterval(0, 0), n, []);
        var pooled = PooledYears.Pool([new YearEstimate(2025, E(7.0, 0.4, 10, 14), 300), new YearEstimate(2024, E(6.0, 0.2, 20, 25), 100)]);

        Assert.Equal([2024, 2025], pooled.Years);
        Assert.Equal([0.25, 0.75], pooled.YearWeights);
        Assert.Equal(0.25 * 6.0 + 0.75 * 7.0, pooled.Estimate.Value, 1e-12);
        Assert.Equal(Math.Sqrt(0.0625 * 0.04 + 0.5625 * 0.16), pooled.Estimate.StandardError, 1e-12);
        Assert.Equal(30, pooled.Estimate.DegreesOfFreedom);
        Assert.Equal(39, pooled.Estimate.Respondents);
    }

    [Fact]
    public void Only_two_or_three_distinct_years()
    {
        var e = new Estimate(EstimateKind.Mean, 7, 0.1, 5, new ConfidenceInterval(0, 0), 7, []);
        Assert.Throws<ArgumentException>(() => PooledYears.Pool([new YearEstimate(2025, e, 10)]));
        Assert.Throws<ArgumentException>(() => PooledYears.Pool([new YearEstimate(2025, e, 10), new YearEstimate(2025, e, 10)]));
        Assert.Throws<ArgumentException>(() => PooledYears.Pool([.. Enumerable.Range(2022, 4).Select(y => new YearEstimate(y, e, 10))]));
    }
}
