using System.Globalization;
using Ervaring.Core.Sampling;

namespace Ervaring.Core.Statistics.Pooling;

/// <summary>
/// When a report also shows the pooled figure: the municipality's figure rests on fewer valid
/// answers than the wave's target margin needs, i.e. fewer than the net sample size
/// n = n0·N/(n0 + N − 1), n0 = z²·p(1−p)/e², that <see cref="SampleSizeCalculator"/> computes for the
/// municipality's N with the wave's margin, confidence and p. The same count rule is used for
/// marks and scores (the margin is set for shares).
/// </summary>
public static class PoolingRule
{
    /// <summary>Valid answers the wave's target margin needs for a municipality of <paramref name="populationSize"/> clients.</summary>
    public static double NeededAnswers(int populationSize, SampleSizeOptions options) =>
        SampleSizeCalculator.Compute(populationSize, options).NetSize;

    public static bool ShouldPool(long validAnswers, int populationSize, SampleSizeOptions options) =>
        validAnswers < NeededAnswers(populationSize, options) - SampleSizeCalculator.CeilingTolerance;

    /// <summary>The one sentence in the report on why the pooled figure is there.</summary>
    public static string Sentence(string municipality, long validAnswers, int populationSize, SampleSizeOptions options, IReadOnlyList<int> years)
    {
        var needed = (long)Math.Ceiling(NeededAnswers(populationSize, options) - SampleSizeCalculator.CeilingTolerance);
        var margin = (options.Margin * 100).ToString("0.#", CultureInfo.GetCultureInfo("nl-NL"));
        var ordered = years.Order().Select(y => y.ToString(CultureInfo.InvariantCulture)).ToList();
        var list = string.Join(", ", ordered.SkipLast(1)) + " en " + ordered[^1];
        return $"In {municipality} gaven {validAnswers} cliënten een geldig antwoord, terwijl er {needed} nodig zijn voor een foutmarge van " +
            $"{margin} procentpunt; daarom staat hier ook de uitkomst over {list} samen, waarin elk jaar meetelt naar zijn aantal cliënten.";
    }
}
