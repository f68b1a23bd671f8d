using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Ervaring.Core.Sampling;
using MathNet.Numerics.Distributions;

namespace Ervaring.Core.Tests.Sampling;

public class SelectionTests
{
    private static readonly SamplingDesign Design = new() { SampleSize = new SampleSizeOptions(ExpectedResponseRate: 0.3) };

    private static Dictionary<string, string[]> Selected(SampleDraw draw) =>
        draw.Strata.ToDictionary(s => s.Key, s => s.Selected.Order(StringComparer.Ordinal).ToArray());

    [Fact]
    public void Prn_is_first_eight_bytes_of_hmac_as_unsigned_big_endian_over_2_to_64()
    {
        var seed = TestFrames.Seed(1);
        var hmac = HMACSHA256.HashData(Convert.FromHexString(seed.Hex), Encoding.UTF8.GetBytes("cliënt-42"));
        var expectedRaw = BinaryPrimitives.ReadUInt64BigEndian(hmac);

        Assert.Equal(expectedRaw, PermanentRandomNumber.Raw(seed.Bytes, "cliënt-42"));
        var u = PermanentRandomNumber.Unit(seed.Bytes, "cliënt-42");
        Assert.InRange(u, 0.0, 1.0 - double.Epsilon);
        Assert.Equal(expectedRaw / 18446744073709551616.0, u, 12);
    }

    [Fact]
    public void Seed_is_256_random_bits_as_hex()
    {
        var a = SamplingSeed.Generate();
        var b = SamplingSeed.Generate();
        Assert.Equal(64, a.Hex.Length);
        Assert.NotEqual(a.Hex, b.Hex);
        Assert.Equal(a.Hex, SamplingSeed.FromHex(a.Hex.ToUpperInvariant()).Hex);
        Assert.Throws<FormatException>(() => SamplingSeed.FromHex("abc"));
    }

    [Fact]
    public void Same_seed_gives_same_sample()
    {
        var frame = TestFrames.Build(5000);
        var seed = SamplingSeed.Generate();
        var first = Sampler.Draw(frame, Design, seed, 0.25);
        var second = Sampler.Draw(frame, Design, SamplingSeed.FromHex(seed.Hex), 0.25);
        Assert.Equal(Selected(first), Selected(second));
        Assert.True(first.TotalSelected > 0);
    }

    [Fact]
    public void Shuffled_rows_give_same_sample()
    {
        var frame = TestFrames.Build(5000);
        var seed = TestFrames.Seed(3);
        var first = Sampler.Draw(frame, Design, seed, 0.6);
        var shuffled = Sampler.Draw(TestFrames.Shuffled(frame, 99), Design, seed, 0.6);
        Assert.Equal(Selected(first), Selected(shuffled));
    }

    [Fact]
    public void Different_seed_gives_different_sample()
    {
        var frame = TestFrames.Build(5000);
        var a = Sampler.Draw(frame, Design, TestFrames.Seed(1), 0).AllSelected.ToHashSet();
        var b = Sampler.Draw(frame, Design, TestFrames.Seed(2), 0).AllSelected.ToHashSet();
        Assert.Equal(a.Count, b.Count);
        Assert.False(a.SetEquals(b));
    }

    [Fact]
    public void Offset_moves_the_sample_and_spreads_the_burden()
    {
        var references = Enumerable.Range(0, 1000).Select(i => $"R{i}").ToList();
        var seed = TestFrames.Seed(5);

        // Same seed; the sample takes u in [1 − offset, 1 − offset + f) with f = n/N = 0.1.
        // Year 1 (offset 0) takes u ≈ [0, 0.1); year 2 (offset 0.8) takes u ≈ [0.2, 0.3): no overlap.
        var year1 = Sampler.Select(references, 100, seed, 0.0).ToHashSet();
        var year2 = Sampler.Select(references, 100, seed, 0.8).ToHashSet();
        Assert.Equal(100, year2.Count);
        Assert.Empty(year1.Intersect(year2));

        // An independent draw (other seed) overlaps by about n²/N = 10 clients.
        var independent = Sampler.Select(references, 100, TestFrames.Seed(6), 0.0).ToHashSet();
        Assert.NotEmpty(year1.Intersect(independent));

        // The selected units are exactly those with the smallest (u + offset) mod 1.
        var expected = references
            .OrderBy(r => (PermanentRandomNumber.Unit(seed.Bytes, r) + 0.8) % 1.0)
            .Take(100)
            .ToHashSet();
        Assert.True(expected.SetEquals(year2));
    }

    [Fact]
    public void Exclusions_are_applied_before_selection_and_counted_per_stratum()
    {
        var frame = TestFrames.Build(3000);
        var optOut = frame.Records.Where((r, i) => i % 10 == 0).Select(r => r.ClientReference).ToList();
        var recent = frame.Records.Where((r, i) => i % 10 == 1).Select(r => r.ClientReference).Append(optOut[0]).ToList();
        var exclusions = new Exclusions(optOut, recent);
        var draw = Sampler.Draw(frame, Design with { ForceCensus = true }, TestFrames.Seed(8), 0.1, exclusions);

        var selected = draw.AllSelected.ToHashSet();
        Assert.DoesNotContain(optOut, selected.Contains);
        Assert.DoesNotContain(recent, selected.Contains);
        Assert.Equal(optOut.Count, draw.Strata.Sum(s => s.ExcludedOptOut));
        Assert.Equal(recent.Count - 1, draw.Strata.Sum(s => s.ExcludedRecentlySurveyed)); // one is both: counted as opt-out
        Assert.All(draw.Strata, s => Assert.Equal(s.PopulationSize - s.Excluded, s.SampleSize)); // census of the rest
    }

    [Fact]
    public void Strata_report_sizes_and_domain_gross_is_met()
    {
        var frame = TestFrames.Build(20000);
        var draw = Sampler.Draw(frame, Design, TestFrames.Seed(9), 0.5);
        foreach (var domain in draw.Domains)
        {
            var strata = draw.Strata.Where(s => s.Domain == domain.Key).ToList();
            Assert.Equal(domain.PopulationSize, strata.Sum(s => s.PopulationSize));
            Assert.Equal(domain.SampleSize.GrossSize, strata.Sum(s => s.SampleSize));
            Assert.All(strata, s => Assert.True(s.SampleSize <= s.PopulationSize));
            Assert.All(strata, s => Assert.Equal(s.SampleSize, s.Selected.Count));
        }
    }

    // ---- Inclusion probabilities: chi-square goodness of fit ----

    private const int Draws = 4000;
    private const int PopulationSize = 20;
    private const int SampleSize = 5;

    /// <summary>
    /// Goodness-of-fit of inclusion counts with n_h/N_h. For SRSWOR the counts O_i over D draws have
    /// covariance D·p(1−p)·N/(N−1)·(I − J/N), so X² = Σ(O−E)²/(D·p(1−p)·N/(N−1)) follows χ²(N−1).
    /// Returns the p-value.
    /// </summary>
    private static double InclusionPValue(Func<int, IReadOnlyList<string>, IReadOnlyList<string>> selector)
    {
        var references = Enumerable.Range(0, PopulationSize).Select(i => $"J{i:D3}").ToList();
        var counts = references.ToDictionary(r => r, _ => 0);
        for (var d = 0; d < Draws; d++)
        {
            var selected = selector(d, references);
            Assert.Equal(SampleSize, selected.Distinct().Count());
            foreach (var r in selected)
            {
                counts[r]++;
            }
        }

        var p = (double)SampleSize / PopulationSize;
        var expected = Draws * p;
        var scale = Draws * p * (1 - p) * PopulationSize / (PopulationSize - 1);
        var statistic = counts.Values.Sum(o => (o - expected) * (o - expected)) / scale;
        return 1 - ChiSquared.CDF(PopulationSize - 1, statistic);
    }

    [Fact]
    public void Each_unit_is_included_with_probability_n_over_N()
    {
        var pValue = InclusionPValue((d, refs) => Sampler.Select(refs, SampleSize, TestFrames.Seed(1000 + d), 0.37));
        Assert.True(pValue > 0.001, $"p = {pValue}: insluitkansen wijken af van n/N.");
    }

    [Fact]
    public void Chi_square_test_rejects_a_biased_selector()
    {
        // Takes the first n rows: the classic "drawn by hand from the top of the list".
        var firstRows = InclusionPValue((_, refs) => refs.Take(SampleSize).ToList());
        Assert.True(firstRows < 0.001, $"p = {firstRows}");

        // Subtler: a PRN selector that ignores the last unit.
        var skipsOne = InclusionPValue((d, refs) => Sampler.Select(refs.Take(PopulationSize - 1), SampleSize, TestFrames.Seed(1000 + d), 0.37));
        Assert.True(skipsOne < 0.001, $"p = {skipsOne}");
    }
}
