namespace Ervaring.Core.Statistics.Design;

/// <summary>
/// The categories of one respondent (and of every client in the frame) on the calibration
/// variables, e.g. verwijzer = huisarts, duur = 1-2. Compared by content, so it keys cells.
/// Categorical on purpose: raked weights are then constant within stratum × profile, which keeps
/// every quantity the estimators need a per-cell sum (memory flat in the number of responses).
/// </summary>
public sealed class CalibrationProfile : IEquatable<CalibrationProfile>
{
    private readonly (string Variable, string Category)[] categories;

    private CalibrationProfile((string Variable, string Category)[] categories) => this.categories = categories;

    /// <summary>No calibration variables (post-stratification only).</summary>
    public static CalibrationProfile None { get; } = new([]);

    public static CalibrationProfile Of(params (string Variable, string Category)[] categories)
    {
        var sorted = categories.OrderBy(c => c.Variable, StringComparer.Ordinal).ToArray();
        for (var i = 1; i < sorted.Length; i++)
            if (sorted[i].Variable == sorted[i - 1].Variable)
                throw new ArgumentException($"Variabele {sorted[i].Variable} komt twee keer voor.", nameof(categories));
        return new CalibrationProfile(sorted);
    }

    public IReadOnlyList<(string Variable, string Category)> Categories => categories;

    /// <summary>The category on <paramref name="variable"/>, or null when the profile does not have it.</summary>
    public string? CategoryOf(string variable)
    {
        foreach (var (v, c) in categories)
            if (v == variable) return c;
        return null;
    }

    public bool Equals(CalibrationProfile? other) =>
        other is not null && categories.AsSpan().SequenceEqual(other.categories);

    public override bool Equals(object? obj) => Equals(obj as CalibrationProfile);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var c in categories) hash.Add(c);
        return hash.ToHashCode();
    }

    public override string ToString() => string.Join(";", categories.Select(c => $"{c.Variable}={c.Category}"));
}
