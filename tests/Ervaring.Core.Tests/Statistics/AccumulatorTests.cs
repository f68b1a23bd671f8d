using Ervaring.Core.Statistics;

namespace Ervaring.Core.Tests.Statistics;

public class AccumulatorTests
{
    [Fact]
    public void Welford_stays_accurate_with_a_large_offset()
    {
        // Naive Σy² − (Σy)²/n loses every digit here; the centred update does not.
        var m = new RunningMoments();
        foreach (var v in new[] { 4.0, 7, 13, 16 }) m.Add(1e9 + v);
        Assert.Equal(30.0, m.SampleVariance, 6);
    }

    [Fact]
    public void Merging_equals_feeding_everything_to_one()
    {
        var a = new RunningMoments(); var b = new RunningMoments(); var all = new RunningMoments();
        var random = new Random(3);
        for (var i = 0; i < 1000; i++)
        {
            var v = random.Next(1, 11);
            (i % 3 == 0 ? a : b).Add(v);
            all.Add(v);
        }
        a.Merge(b);
        Assert.Equal(all.Count, a.Count);
        Assert.Equal(all.Mean, a.Mean, 12);
        Assert.Equal(all.SampleVariance, a.SampleVariance, 10);
    }

    [Fact]
    public void A_million_answers_are_summarised_in_a_handful_of_cells()
    {
        var item = new ItemAccumulator();
        var strata = Enumerable.Range(0, 4).Select(a => new StratumKey("G1", "ambulant", a)).ToArray();
        var random = new Random(11);
        long positives = 0;
        for (var i = 0; i < 1_000_000; i++)
        {
            var y = random.NextDouble() < 0.7 ? 1 : 0;
            positives += y;
            item.Add(strata[i % 4], y);
        }
        Assert.Equal(4, item.Cells.Count());
        var population = strata.ToDictionary(s => s, _ => 1_000_000L);
        var estimate = new StratifiedEstimator(population).Estimate(item, EstimateKind.Proportion);
        Assert.Equal(positives / 1e6, estimate.Value, 9); // equal strata: weighted = unweighted
        Assert.InRange(estimate.Interval.Low, 0.69, estimate.Value);
    }

    [Fact]
    public void Collapse_falls_back_to_another_care_type_and_fails_clearly_when_alone()
    {
        var lone = new StratumKey("G2", "verblijf", 1);
        var population = new Dictionary<StratumKey, long> { [lone] = 10 };
        var ex = Assert.Throws<StratumCollapseException>(() => StratumCollapser.Plan(population, new Dictionary<StratumKey, long> { [lone] = 1 }));
        Assert.Contains("Te weinig geldige antwoorden in gemeente G2", ex.Message);

        var near = new StratumKey("G2", "ambulant", 1);
        var far = new StratumKey("G2", "ambulant", 4);
        var otherTown = new StratumKey("G3", "verblijf", 1);
        population = new() { [lone] = 10, [near] = 50, [far] = 50, [otherTown] = 50 };
        var plan = StratumCollapser.Plan(population, new Dictionary<StratumKey, long> { [lone] = 0, [near] = 5, [far] = 5, [otherTown] = 5 });
        var collapse = Assert.Single(plan.Collapses);
        Assert.Equal((lone, near), (collapse.From, collapse.Into));
    }
}
