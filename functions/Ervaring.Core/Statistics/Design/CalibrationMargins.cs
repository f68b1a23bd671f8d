namespace Ervaring.Core.Statistics.Design;

/// <summary>
/// The frame's known counts that raking aims at: per municipality, per calibration variable
/// (e.g. verwijzer, duur), per category. Every client in the frame has every variable, so within a
/// municipality each variable's counts add up to the municipality's population.
/// </summary>
public sealed class CalibrationMargins
{
    private readonly Dictionary<(string Municipality, string Variable, string Category), long> counts;

    public CalibrationMargins(IEnumerable<string> variables,
        IReadOnlyDictionary<(string Municipality, string Variable, string Category), long> counts)
    {
        Variables = variables.Distinct().Order(StringComparer.Ordinal).ToList();
        if (Variables.Count == 0) throw new ArgumentException("Kies minstens één variabele om naar te wegen.", nameof(variables));
        this.counts = counts.Where(c => Variables.Contains(c.Key.Variable))
            .ToDictionary(c => c.Key, c => c.Value >= 0 ? c.Value
                : throw new ArgumentOutOfRangeException(nameof(counts), $"Negatief aantal voor {c.Key}."));
    }

    /// <summary>The calibration variables, in ordinal order.</summary>
    public IReadOnlyList<string> Variables { get; }

    public IEnumerable<(string Municipality, string Variable, string Category, long Count)> Entries =>
        counts.OrderBy(c => c.Key).Select(c => (c.Key.Municipality, c.Key.Variable, c.Key.Category, c.Value));

    /// <summary>Margins from frame counts per (municipality, profile), e.g. the frame aggregated per client.</summary>
    public static CalibrationMargins FromFrame(IEnumerable<string> variables,
        IEnumerable<(string Municipality, CalibrationProfile Profile, long Count)> frameCells)
    {
        var names = variables.ToList();
        var counts = new Dictionary<(string, string, string), long>();
        foreach (var (municipality, profile, count) in frameCells)
            foreach (var variable in names)
            {
                var category = profile.CategoryOf(variable)
                    ?? throw new ArgumentException($"Een cliënt in het kader heeft geen waarde voor {variable}.", nameof(frameCells));
                var key = (municipality, variable, category);
                counts[key] = counts.GetValueOrDefault(key) + count;
            }
        return new CalibrationMargins(names, counts);
    }
}
