using Ervaring.Core.Sampling;
using FsCheck;
using FsCheck.Xunit;

namespace Ervaring.Core.Tests.Sampling;

public class AllocationTests
{
    private static List<StratumSize> Strata(params int[] sizes) =>
        sizes.Select((n, i) => new StratumSize($"s{i:D2}", n)).ToList();

    [Property(MaxTest = 500)]
    public bool Sum_equals_n_or_N_and_never_exceeds_N_h(NonNegativeInt[] sizes, NonNegativeInt total, NonNegativeInt minimum)
    {
        var strata = sizes.Take(12).Select((s, i) => new StratumSize($"k{i}", s.Get % 500)).ToList();
        var n = total.Get % 3000;
        var min = minimum.Get % 40;
        var result = Allocator.Allocate(strata, n, min);

        var capacity = strata.Sum(s => s.PopulationSize);
        return result.Sum(a => a.SampleSize) == Math.Min(n, capacity)
            && result.All(a => a.SampleSize >= 0 && a.SampleSize <= a.PopulationSize);
    }

    [Property(MaxTest = 500)]
    public bool Minimum_is_honoured_when_it_fits(NonNegativeInt[] sizes, NonNegativeInt total, NonNegativeInt minimum)
    {
        var strata = sizes.Take(12).Select((s, i) => new StratumSize($"k{i}", s.Get % 500)).ToList();
        var min = minimum.Get % 40;
        var minimumNeeded = strata.Sum(s => Math.Min(min, s.PopulationSize));
        var n = minimumNeeded + (total.Get % 2000);
        var result = Allocator.Allocate(strata, n, min);

        return result.All(a => a.SampleSize >= Math.Min(min, a.PopulationSize));
    }

    [Property(MaxTest = 300)]
    public bool Caps_from_exclusions_are_respected(NonNegativeInt[] sizes, NonNegativeInt[] excluded, NonNegativeInt total)
    {
        var strata = sizes.Take(10)
            .Select((s, i) =>
            {
                var n = s.Get % 300;
                var x = i < excluded.Length ? excluded[i].Get % (n + 1) : 0;
                return new StratumSize($"k{i}", n, n - x);
            })
            .ToList();
        var target = total.Get % 2000;
        var result = Allocator.Allocate(strata, target, 3);
        return result.Sum(a => a.SampleSize) == Math.Min(target, strata.Sum(s => s.Cap))
            && result.Zip(strata).All(p => p.First.SampleSize <= p.Second.Cap);
    }

    [Fact]
    public void Proportional_with_largest_remainder()
    {
        // Quotas for n = 10 over 500/300/200 = 5/3/2 exactly; over 450/350/200: 4.5, 3.5, 2.0.
        Assert.Equal([5, 3, 2], Allocator.Allocate(Strata(500, 300, 200), 10).Select(a => a.SampleSize));

        // 4.5 and 3.5 tie on remainder; the larger N_h (450) gets the extra unit.
        Assert.Equal([5, 3, 2], Allocator.Allocate(Strata(450, 350, 200), 10).Select(a => a.SampleSize));

        // 1/3 each, n = 10 → 3.33 each; one extra unit, equal N_h → first key.
        Assert.Equal([4, 3, 3], Allocator.Allocate(Strata(30, 30, 30), 10).Select(a => a.SampleSize));
    }

    [Fact]
    public void Tie_break_is_independent_of_input_order()
    {
        var forward = Allocator.Allocate(Strata(30, 30, 30), 10).ToDictionary(a => a.Key, a => a.SampleSize);
        var backward = Allocator.Allocate(Strata(30, 30, 30).AsEnumerable().Reverse().ToList(), 10).ToDictionary(a => a.Key, a => a.SampleSize);
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void Minimum_redistributes_from_large_strata()
    {
        // Proportional: 97.0 / 1.94 / 0.97 (rounds to 97/2/1). With minimum 10: 80/10/10.
        var result = Allocator.Allocate(Strata(5000, 100, 50), 100, minimumPerStratum: 10).Select(a => a.SampleSize).ToArray();
        Assert.Equal([80, 10, 10], result);
    }

    [Fact]
    public void Minimum_is_capped_at_N_h()
    {
        var result = Allocator.Allocate(Strata(1000, 4), 50, minimumPerStratum: 10).Select(a => a.SampleSize).ToArray();
        Assert.Equal([46, 4], result);
    }

    [Fact]
    public void Total_above_population_takes_everyone()
    {
        var result = Allocator.Allocate(Strata(10, 20), 500).Select(a => a.SampleSize).ToArray();
        Assert.Equal([10, 20], result);
    }

    [Fact]
    public void Minimums_that_do_not_fit_still_sum_to_n()
    {
        var result = Allocator.Allocate(Strata(100, 100, 100, 100), 20, minimumPerStratum: 10);
        Assert.Equal(20, result.Sum(a => a.SampleSize));
        Assert.All(result, a => Assert.Equal(5, a.SampleSize));
    }
}
