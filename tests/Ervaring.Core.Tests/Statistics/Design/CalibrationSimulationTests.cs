using Ervaring.Core.Statistics;
using Ervaring.Core.Statistics.Design;
using Xunit.Abstractions;

namespace Ervaring.Core.Tests.Statistics.Design;

/// <summary>
/// Why a wave would choose calibration (issue 18, point 3). One fixed synthetic population of one
/// municipality, four strata; every stratum has the same mix of referrers and duration bands.
/// Scenario "referrer": both the answer and the response depend on the referrer, not on the stratum.
/// Post-stratification then cannot correct the over-representation of the referrer that answers
/// most and most positively, and keeps a bias; raking to the frame's referrer counts removes it.
/// Scenario "strata": the response depends on the stratum only; both weightings are unbiased.
/// Where a weighting is unbiased its 95% logit interval must cover the true share 93–97% of the time.
/// The figures are printed and recorded in docs/statistics.md.
/// </summary>
public class CalibrationSimulationTests(ITestOutputHelper output)
{
    private const int Replicates = 2000;
    private const double InvitedShare = 0.15;
    private static readonly string[] Referrers = ["huisarts", "wijkteam", "jeugdarts"];
    private static readonly double[] ReferrerShare = [0.40, 0.35, 0.25];
    private static readonly string[] Durations = ["0-1", "1-2", "2plus"];
    private static readonly StratumKey[] Strata = [new("G1", "ambulant", 0), new("G1", "ambulant", 1), new("G1", "verblijf", 0), new("G1", "verblijf", 1)];
    private static readonly int[] StratumSize = [3000, 2000, 1600, 1400];

    private sealed record Client(int Stratum, int Referrer, int Duration, int Positive);

    private sealed record Scenario(string Name, Func<int, int, double> PositiveChance, Func<int, int, double> ResponseChance);

    private sealed record Figures(double Bias, double Coverage, double MeanSe, double EmpiricalSd);

    private static readonly Scenario ReferrerDriven = new("referrer",
        PositiveChance: (_, referrer) => new[] { 0.80, 0.60, 0.40 }[referrer],
        ResponseChance: (_, referrer) => new[] { 0.50, 0.30, 0.15 }[referrer]);

    private static readonly Scenario StrataDriven = new("strata",
        PositiveChance: (stratum, referrer) => new[] { 0.80, 0.60, 0.40 }[referrer] - 0.1 * stratum,
        ResponseChance: (stratum, _) => new[] { 0.50, 0.35, 0.25, 0.15 }[stratum]);

    [Fact]
    public void Calibration_removes_the_bias_post_stratification_leaves_when_referrer_drives_answer_and_response()
    {
        var (post, raked, truth) = Run(ReferrerDriven, seed: 18_02);
        Print(ReferrerDriven, truth, post, raked);

        Assert.True(post.Bias > 0.03, $"post-stratification bias {post.Bias}");
        Assert.True(Math.Abs(raked.Bias) < 0.005, $"calibration bias {raked.Bias}");
        Assert.InRange(raked.Coverage, 0.93, 0.97);
        Assert.True(post.Coverage < 0.93, $"biased post-stratification should under-cover, got {post.Coverage}");
    }

    [Fact]
    public void Both_weightings_are_unbiased_and_cover_when_response_depends_on_the_strata_only()
    {
        var (post, raked, truth) = Run(StrataDriven, seed: 18_03);
        Print(StrataDriven, truth, post, raked);

        Assert.True(Math.Abs(post.Bias) < 0.005, $"post-stratification bias {post.Bias}");
        Assert.True(Math.Abs(raked.Bias) < 0.005, $"calibration bias {raked.Bias}");
        Assert.InRange(post.Coverage, 0.93, 0.97);
        Assert.InRange(raked.Coverage, 0.93, 0.97);
    }

    private void Print(Scenario scenario, double truth, Figures post, Figures raked)
    {
        output.WriteLine($"scenario {scenario.Name}: true share {truth:F4}, {Replicates} samples");
        foreach (var (name, f) in new[] { ("post-stratification", post), ("calibration", raked) })
            output.WriteLine($"  {name,-20} bias {f.Bias,8:+0.0000;-0.0000}  coverage {f.Coverage:P1}  mean SE {f.MeanSe:F4}  empirical SD {f.EmpiricalSd:F4}");
    }

    private static (Figures Post, Figures Raked, double Truth) Run(Scenario scenario, int seed)
    {
        var random = new Random(seed);
        var population = Population(scenario, random);
        var truth = population.Average(c => (double)c.Positive);
        var sizes = Strata.Select((s, h) => (s, (long)StratumSize[h])).ToDictionary(x => x.s, x => x.Item2);
        var margins = CalibrationMargins.FromFrame([CalibrationVariables.ReferrerName, CalibrationVariables.DurationName],
            population.Select(c => ("G1", Profile(c), 1L)));
        var byStratum = Strata.Select((_, h) => population.Where(c => c.Stratum == h).ToArray()).ToArray();

        var post = new List<Estimate>();
        var raked = new List<Estimate>();
        for (var rep = 0; rep < Replicates; rep++)
        {
            var item = new DesignCellAccumulator();
            for (var h = 0; h < Strata.Length; h++)
                foreach (var client in Invite(byStratum[h], (int)(InvitedShare * byStratum[h].Length), random))
                    if (random.NextDouble() < scenario.ResponseChance(client.Stratum, client.Referrer))
                        item.Add(Strata[h], Profile(client), client.Positive);
            post.Add(DesignEstimator.Estimate(SurveyDesign.For(item, sizes), item, EstimateKind.Proportion, Domain.Everyone)!);
            raked.Add(DesignEstimator.Estimate(SurveyDesign.For(item, sizes, margins), item, EstimateKind.Proportion, Domain.Everyone)!);
        }
        return (Summarise(post, truth), Summarise(raked, truth), truth);
    }

    private static Figures Summarise(List<Estimate> estimates, double truth)
    {
        var mean = estimates.Average(e => e.Value);
        var sd = Math.Sqrt(estimates.Sum(e => (e.Value - mean) * (e.Value - mean)) / (estimates.Count - 1));
        var covered = estimates.Count(e => e.Interval.Low <= truth && truth <= e.Interval.High);
        return new Figures(mean - truth, (double)covered / estimates.Count, estimates.Average(e => e.StandardError), sd);
    }

    private static Client[] Population(Scenario scenario, Random random)
    {
        var clients = new List<Client>();
        for (var h = 0; h < Strata.Length; h++)
            for (var i = 0; i < StratumSize[h]; i++)
            {
                // Same referrer mix in every stratum: the strata carry no information about the referrer.
                var u = random.NextDouble();
                var referrer = u < ReferrerShare[0] ? 0 : u < ReferrerShare[0] + ReferrerShare[1] ? 1 : 2;
                var duration = random.Next(Durations.Length);
                var positive = random.NextDouble() < scenario.PositiveChance(h, referrer) ? 1 : 0;
                clients.Add(new Client(h, referrer, duration, positive));
            }
        return [.. clients];
    }

    private static CalibrationProfile Profile(Client c) =>
        CalibrationProfile.Of((CalibrationVariables.ReferrerName, Referrers[c.Referrer]), (CalibrationVariables.DurationName, Durations[c.Duration]));

    private static IEnumerable<Client> Invite(Client[] stratum, int size, Random random)
    {
        var copy = (Client[])stratum.Clone();
        for (var i = 0; i < size; i++)
        {
            var j = random.Next(i, copy.Length);
            (copy[i], copy[j]) = (copy[j], copy[i]);
            yield return copy[i];
        }
    }
}
