using Ervaring.Core.Statistics;

namespace Ervaring.Core.Tests.Statistics;

/// <summary>
/// Draws many stratified samples with unequal response by stratum from one fixed synthetic
/// population and checks that (a) the 95% logit intervals cover the true population share
/// between 93% and 97% of the time and (b) weighting removes the bias of the unweighted mean.
/// </summary>
public class CoverageSimulationTests
{
    private const int Replicates = 2000;

    [Fact]
    public void Logit_intervals_cover_and_weighting_removes_bias()
    {
        var random = new Random(20250101);
        // Stratum: population size, true share positive, invited, response rate.
        (int N, double P, int Invited, double Response)[] design =
            [(2000, 0.80, 600, 0.60), (1000, 0.60, 300, 0.40), (500, 0.40, 150, 0.20), (300, 0.30, 90, 0.10)]; // proportional invitations, response highest where the share is highest
        var keys = design.Select((_, i) => new StratumKey("G1", "ambulant", i)).ToArray();
        var population = design.Select(d => Enumerable.Range(0, d.N).Select(_ => random.NextDouble() < d.P ? 1 : 0).ToArray()).ToArray();
        var truth = population.Sum(p => (double)p.Sum()) / population.Sum(p => p.Length);
        var sizes = keys.Select((k, i) => (k, (long)design[i].N)).ToDictionary(x => x.k, x => x.Item2);
        var estimator = new StratifiedEstimator(sizes);

        int covered = 0;
        double weightedError = 0, unweightedError = 0;
        for (var rep = 0; rep < Replicates; rep++)
        {
            var item = new ItemAccumulator();
            double sum = 0; long count = 0;
            for (var h = 0; h < design.Length; h++)
            {
                var respondents = Enumerable.Range(0, design[h].Invited).Count(_ => random.NextDouble() < design[h].Response);
                // Respondents within a stratum are a simple random sample (missing at random given the stratum).
                foreach (var y in SampleWithoutReplacement(population[h], Math.Max(respondents, 2), random))
                {
                    item.Add(keys[h], y);
                    sum += y; count++;
                }
            }
            var estimate = estimator.Estimate(item, EstimateKind.Proportion);
            if (estimate.Interval.Low <= truth && truth <= estimate.Interval.High) covered++;
            weightedError += estimate.Value - truth;
            unweightedError += sum / count - truth;
        }

        var coverage = (double)covered / Replicates;
        Assert.True(coverage is >= 0.93 and <= 0.97, $"coverage {coverage}");
        Assert.True(Math.Abs(weightedError / Replicates) < 0.005, $"weighted bias {weightedError / Replicates}");
        Assert.True(unweightedError / Replicates > 0.05, $"unweighted bias {unweightedError / Replicates}");
    }

    private static IEnumerable<int> SampleWithoutReplacement(int[] values, int size, Random random)
    {
        var copy = (int[])values.Clone();
        for (var i = 0; i < size; i++)
        {
            var j = random.Next(i, copy.Length);
            (copy[i], copy[j]) = (copy[j], copy[i]);
            yield return copy[i];
        }
    }
}
