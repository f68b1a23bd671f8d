using MathNet.Numerics.Distributions;

namespace Ervaring.Core.Sampling;

/// <summary>Inputs for the sample size of one reporting domain.</summary>
/// <param name="Margin">Target margin of error e (half-width of the interval), default 0.05.</param>
/// <param name="Confidence">Confidence level, default 0.95 (z = 1.959964).</param>
/// <param name="ExpectedResponseRate">Expected response rate in (0, 1].</param>
/// <param name="P">Expected proportion; 0.5 is the most careful choice.</param>
public sealed record SampleSizeOptions(double Margin = 0.05, double Confidence = 0.95, double ExpectedResponseRate = 0.3, double P = 0.5)
{
    public void Validate()
    {
        if (!(Margin > 0 && Margin < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Margin), "De foutmarge moet tussen 0 en 1 liggen.");
        }

        if (!(Confidence > 0 && Confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Confidence), "Het betrouwbaarheidsniveau moet tussen 0 en 1 liggen.");
        }

        if (!(ExpectedResponseRate > 0 && ExpectedResponseRate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ExpectedResponseRate), "De verwachte respons moet groter dan 0 en hoogstens 1 zijn.");
        }

        if (!(P > 0 && P < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(P), "De verwachte proportie moet tussen 0 en 1 liggen.");
        }
    }
}

/// <summary>Result of the sample-size calculation for a domain of size N.</summary>
/// <param name="PopulationSize">N.</param>
/// <param name="Z">Normal quantile for the confidence level.</param>
/// <param name="N0">z²·p(1−p)/e², without finite-population correction.</param>
/// <param name="NetSize">n = n0·N/(n0 + N − 1), kept real (not rounded).</param>
/// <param name="GrossSize">ceil(n / response rate), capped at N.</param>
/// <param name="IsCensus">True when the gross sample is the whole domain (integraal).</param>
public sealed record SampleSize(int PopulationSize, double Z, double N0, double NetSize, int GrossSize, bool IsCensus);

/// <summary>
/// Sample size per reporting domain: n0 = z²·p(1−p)/e²; n = n0·N/(n0 + N − 1);
/// gross = ceil(n / expected response rate), capped at N (census, integraal).
/// n is kept as a real number; the only rounding is the final ceiling of the gross size.
/// </summary>
public static class SampleSizeCalculator
{
    /// <summary>
    /// Tolerance for the final ceiling, so that floating-point noise such as 200.00000000000003
    /// does not cost an extra invitation.
    /// </summary>
    public const double CeilingTolerance = 1e-9;

    /// <summary>Two-sided normal quantile: z = Φ⁻¹(1 − (1 − confidence)/2); 1.959964 for 95 %.</summary>
    public static double Z(double confidence) => Normal.InvCDF(0.0, 1.0, 1.0 - ((1.0 - confidence) / 2.0));

    public static SampleSize Compute(int populationSize, SampleSizeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(populationSize);
        options.Validate();

        var z = Z(options.Confidence);
        var n0 = z * z * options.P * (1 - options.P) / (options.Margin * options.Margin);
        if (populationSize == 0)
        {
            return new SampleSize(0, z, n0, 0, 0, IsCensus: true);
        }

        var n = n0 * populationSize / (n0 + populationSize - 1);
        var gross = Math.Ceiling((n / options.ExpectedResponseRate) - CeilingTolerance);
        if (gross >= populationSize)
        {
            return new SampleSize(populationSize, z, n0, n, populationSize, IsCensus: true);
        }

        return new SampleSize(populationSize, z, n0, n, (int)gross, IsCensus: false);
    }
}
