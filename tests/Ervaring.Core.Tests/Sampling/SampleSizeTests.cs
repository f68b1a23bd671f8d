using Ervaring.Core.Sampling;

namespace Ervaring.Core.Tests.Sampling;

public class SampleSizeTests
{
    // Independent reference: the formula in docs/sampling.md with the published z.
    private static int ExpectedGross(int n, double e, double r, double z = 1.959964)
    {
        var n0 = z * z * 0.25 / (e * e);
        var net = n0 * n / (n0 + n - 1);
        var gross = (int)Math.Ceiling(net / r);
        return Math.Min(gross, n);
    }

    [Fact]
    public void Z_for_95_percent_is_1_959964()
    {
        Assert.Equal(1.959964, SampleSizeCalculator.Z(0.95), 6);
        Assert.Equal(1.644854, SampleSizeCalculator.Z(0.90), 6);
        Assert.Equal(2.575829, SampleSizeCalculator.Z(0.99), 6);
    }

    [Theory]
    [InlineData(100, 0.05, 0.30)]
    [InlineData(500, 0.05, 0.30)]
    [InlineData(1000, 0.05, 0.30)]
    [InlineData(2500, 0.05, 0.25)]
    [InlineData(10000, 0.05, 0.30)]
    [InlineData(10000, 0.03, 0.35)]
    [InlineData(100000, 0.05, 0.20)]
    [InlineData(3000, 0.07, 0.40)]
    [InlineData(800, 0.10, 0.50)]
    [InlineData(5000, 0.05, 1.00)]
    [InlineData(1234, 0.04, 0.33)]
    public void Gross_sample_equals_the_formula(int n, double e, double r)
    {
        var result = SampleSizeCalculator.Compute(n, new SampleSizeOptions(Margin: e, ExpectedResponseRate: r));

        Assert.Equal(ExpectedGross(n, e, r), result.GrossSize);
        var n0 = 1.959964 * 1.959964 * 0.25 / (e * e);
        Assert.Equal(n0, result.N0, 1e-3); // z differs from 1.959964 in the 7th digit
        Assert.Equal(n0 * n / (n0 + n - 1), result.NetSize, 1e-3);
        Assert.Equal(result.GrossSize == n, result.IsCensus);
    }

    [Fact]
    public void Known_values()
    {
        // n0 = 384.1459; N = 10 000 → n = 369.97; /0.3 = 1233.2 → 1234.
        var result = SampleSizeCalculator.Compute(10_000, new SampleSizeOptions(ExpectedResponseRate: 0.3));
        Assert.Equal(384.1459, result.N0, 3);
        Assert.Equal(369.97, result.NetSize, 2);
        Assert.Equal(1234, result.GrossSize);
        Assert.False(result.IsCensus);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(1)]
    [InlineData(300)]
    public void Small_domain_becomes_a_census(int n)
    {
        var result = SampleSizeCalculator.Compute(n, new SampleSizeOptions(ExpectedResponseRate: 0.3));

        Assert.True(result.IsCensus);
        Assert.Equal(n, result.GrossSize);
    }

    [Fact]
    public void Empty_domain_is_zero()
    {
        var result = SampleSizeCalculator.Compute(0, new SampleSizeOptions());
        Assert.Equal(0, result.GrossSize);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    public void Invalid_response_rate_is_refused(double r)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SampleSizeCalculator.Compute(100, new SampleSizeOptions(ExpectedResponseRate: r)));
        Assert.Contains("verwachte respons", ex.Message, StringComparison.Ordinal);
    }
}
