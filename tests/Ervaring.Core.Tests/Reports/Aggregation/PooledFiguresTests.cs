using Ervaring.Core.Reports;
using Ervaring.Core.Reports.Aggregation;
using Ervaring.Core.Sampling;
using Ervaring.Core.Statistics;
using Ervaring.Core.Statistics.Pooling;

namespace Ervaring.Core.Tests.Reports.Aggregation;

/// <summary>Pooled years in the aggregate: when the rule says so, from the earlier published drafts, as <see cref="PooledYears"/>.</summary>
public class PooledFiguresTests
{
    private static readonly SampleSizeOptions Margin = new(Margin: 0.05);

    private static (AggregationTestWave Wave, WaveDesignInput Design) Wave2026()
    {
        // G1: 900 clients, 180 answers — fewer than the 269 a 5-point margin needs.
        var wave = AggregationTestWave.FromFixture("referrer_prop");
        return (wave, wave.Design(new ReportScope("G1", false)) with { Year = 2026, Pooling = Margin });
    }

    private static PublishedAggregate Earlier(int year, EstimateRow total, long population) => new($"w-{year}", year, new WaveAggregate
    {
        WaveId = $"w-{year}",
        Status = AggregateStatus.Draft,
        Estimates = [total],
        Populations = [new ScopePopulationRow(Audiences.OudersName, "G1", population)],
    });

    [Fact]
    public void A_small_municipality_gets_its_figure_pooled_over_the_latest_three_years()
    {
        var (wave, design) = Wave2026();
        var thisYear = WaveAggregator.Aggregate(design, wave.Responses, AggregationTestWave.Context());
        var mine = thisYear.Estimates.Single(e => e.Scope == "G1" && e.Dimension == Dimensions.Total && e.Measure == "toegang");
        var y2025 = mine with { Value = 0.60, StandardError = 0.04, DegreesOfFreedom = 150, N = 160 };
        var y2024 = mine with { Value = 0.50, StandardError = 0.05, DegreesOfFreedom = 120, N = 130 };
        var y2023 = mine with { Value = 0.10 };

        var aggregate = WaveAggregator.Aggregate(design, wave.Responses, AggregationTestWave.Context(earlier:
            [Earlier(2023, y2023, 900), Earlier(2025, y2025, 1000), Earlier(2024, y2024, 800)]));

        Assert.Equal(900, Assert.Single(aggregate.Populations).Population);
        var pooled = Assert.Single(aggregate.Pooled, p => p.Measure == "toegang");
        Assert.Equal([2024, 2025, 2026], pooled.Years);
        var expected = PooledYears.Pool([
            new YearEstimate(2026, EstimateRows.ToEstimate(mine), 900),
            new YearEstimate(2025, EstimateRows.ToEstimate(y2025), 1000),
            new YearEstimate(2024, EstimateRows.ToEstimate(y2024), 800)]).Estimate;
        Assert.Equal(expected.Value, pooled.Value, 1e-12);
        Assert.Equal(expected.StandardError, pooled.StandardError, 1e-12);
        Assert.Equal(mine.DegreesOfFreedom + 150 + 120, pooled.DegreesOfFreedom);
        Assert.Equal(expected.Interval.Low, pooled.CiLow, 1e-12);
        Assert.Equal(180 + 160 + 130, pooled.N);
        Assert.Equal(180, pooled.ValidThisYear);
        Assert.Equal(PoolingRule.Sentence("G1", 180, 900, Margin, [2024, 2025, 2026]), pooled.Sentence);
        Assert.StartsWith("In G1 gaven 180 cliënten een geldig antwoord", pooled.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void No_pooling_without_an_earlier_year_or_when_the_answers_suffice()
    {
        var (wave, design) = Wave2026();
        Assert.Empty(WaveAggregator.Aggregate(design, wave.Responses, AggregationTestWave.Context()).Pooled);

        var large = wave.Sampled.Select(s => s with { Population = 60 }).ToList(); // 240 clients: 180 answers are more than the 148 needed
        wave.Sampled.Clear();
        wave.Sampled.AddRange(large);
        var small = wave.Design(new ReportScope("G1", false)) with { Year = 2026, Pooling = Margin };
        var mine = WaveAggregator.Aggregate(small, wave.Responses, AggregationTestWave.Context()).Estimates.First(e => e.Dimension == Dimensions.Total && e.Measure == "toegang");
        Assert.Empty(WaveAggregator.Aggregate(small, wave.Responses, AggregationTestWave.Context(earlier: [Earlier(2025, mine, 240)])).Pooled);
    }
}
