using Ervaring.Core.Frames;
using Ervaring.Core.Statistics.Design;

namespace Ervaring.Core.Sampling;

/// <summary>
/// What a calibrating wave keeps of its frame when the sample is drawn (docs/statistics.md, "Weighting"): per
/// sampling stratum the number of clients in each category of each calibration variable. Counts only, no person.
/// The report later sums them per municipality over the strata an audience speaks for, so its margins add up to
/// that audience's N_h.
/// </summary>
/// <param name="Counts">Clients per (sampling stratum, variable, category), in a fixed order.</param>
/// <param name="DurationBounds">Per municipality the duration bounds left after merging small bands.</param>
public sealed record CalibrationCapture(IReadOnlyList<CalibrationCount> Counts, IReadOnlyDictionary<string, IReadOnlyList<int>> DurationBounds)
{
    /// <summary>
    /// Counts the frame. A duration band with fewer than <paramref name="minimumPerBand"/> clients of its municipality
    /// (the wave's suppression threshold k) is first merged with a neighbouring band (<see cref="DurationBandMerge"/>),
    /// so the band a response carries never singles out fewer than k clients of the frame.
    /// </summary>
    public static CalibrationCapture Of(Frame frame, SamplingDesign design, CalibrationVariables variables, int minimumPerBand)
    {
        var bounds = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        if (variables.Duration)
        {
            foreach (var municipality in frame.Records.GroupBy(r => Sampler.DomainKey(r, design), StringComparer.Ordinal))
            {
                var finest = variables.Bounds;
                var perBand = new long[finest.Count + 1];
                foreach (var client in municipality)
                    perBand[BandIndex(CalibrationVariables.YearsInCare(client.StartDate, frame.ReferenceDate), finest)]++;
                bounds[municipality.Key] = DurationBandMerge.Bounds(finest, perBand, minimumPerBand);
            }
        }

        var capture = new CalibrationCapture([], bounds);
        var counts = new Dictionary<(string Stratum, string Variable, string Category), int>();
        foreach (var client in frame.Records)
        {
            var stratum = Sampler.StratumKey(client, design);
            foreach (var (variable, category) in capture.ProfileOf(client, design, variables, frame.ReferenceDate).Categories)
                counts[(stratum, variable, category)] = counts.GetValueOrDefault((stratum, variable, category)) + 1;
        }
        return capture with
        {
            Counts = counts.OrderBy(c => c.Key.Stratum, StringComparer.Ordinal).ThenBy(c => c.Key.Variable, StringComparer.Ordinal)
                .ThenBy(c => c.Key.Category, StringComparer.Ordinal).Select(c => new CalibrationCount(c.Key.Stratum, c.Key.Variable, c.Key.Category, c.Value)).ToList(),
        };
    }

    /// <summary>The client's duration band as its invitation and response carry it ("" when the wave does not rake to duration).</summary>
    public string DurationBandOf(FrameRecord client, SamplingDesign design, CalibrationVariables variables, DateOnly referenceDate) =>
        variables.Duration ? ForMunicipality(client, design, variables).DurationBand(client.StartDate, referenceDate) : "";

    private CalibrationProfile ProfileOf(FrameRecord client, SamplingDesign design, CalibrationVariables variables, DateOnly referenceDate) =>
        ForMunicipality(client, design, variables).ProfileOf(client, referenceDate);

    private CalibrationVariables ForMunicipality(FrameRecord client, SamplingDesign design, CalibrationVariables variables) =>
        DurationBounds.TryGetValue(Sampler.DomainKey(client, design), out var bounds) ? variables with { DurationBoundsInYears = bounds } : variables;

    private static int BandIndex(int years, IReadOnlyList<int> bounds)
    {
        var index = 0;
        while (index < bounds.Count && years >= bounds[index]) index++;
        return index;
    }
}

/// <summary>One frame count of a calibrating wave: the clients of a sampling stratum in one category of a variable.</summary>
public sealed record CalibrationCount(string Stratum, string Variable, string Category, int Count);

/// <summary>
/// Merges duration bands that hold fewer than a minimum of clients, as the strata are collapsed (docs/statistics.md):
/// take the smallest band (ties: the lowest); merge it with its only neighbour, or with the smaller of its two
/// neighbours (ties: the lower one), by dropping the bound between them; repeat until every band has the minimum
/// or one band is left.
/// </summary>
public static class DurationBandMerge
{
    /// <param name="bounds">Ascending bounds in whole years.</param>
    /// <param name="perBand">Clients per band: below the first bound, between bounds, from the last bound on.</param>
    public static IReadOnlyList<int> Bounds(IReadOnlyList<int> bounds, IReadOnlyList<long> perBand, int minimum)
    {
        var left = bounds.ToList();
        var counts = perBand.ToList();
        while (left.Count > 0)
        {
            var smallest = 0;
            for (var i = 1; i < counts.Count; i++)
                if (counts[i] < counts[smallest]) smallest = i;
            if (counts[smallest] >= minimum) break;
            var lowerNeighbour = smallest == counts.Count - 1
                || (smallest > 0 && counts[smallest - 1] <= counts[smallest + 1]);
            var first = lowerNeighbour ? smallest - 1 : smallest; // bands first and first + 1 become one
            counts[first] += counts[first + 1];
            counts.RemoveAt(first + 1);
            left.RemoveAt(first);
        }
        return left;
    }
}
