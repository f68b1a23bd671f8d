namespace Ervaring.Core.Sampling;

/// <summary>An inclusive age range, e.g. 12–17, with its label ("12-17").</summary>
public sealed record AgeBand(int From, int To)
{
    public string Label => $"{From}-{To}";

    public bool Contains(int age) => age >= From && age <= To;

    public override string ToString() => Label;
}

/// <summary>
/// A configurable, ordered list of age bands without gaps or overlaps.
/// Default: 0–3, 4–11, 12–17, 18–23.
/// </summary>
public sealed class AgeBands
{
    public static AgeBands Default { get; } = new([new(0, 3), new(4, 11), new(12, 17), new(18, 23)]);

    public IReadOnlyList<AgeBand> Bands { get; }

    public AgeBands(IReadOnlyList<AgeBand> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        if (bands.Count == 0)
        {
            throw new ArgumentException("Er is minstens één leeftijdsgroep nodig.", nameof(bands));
        }

        for (var i = 0; i < bands.Count; i++)
        {
            if (bands[i].From > bands[i].To)
            {
                throw new ArgumentException($"Leeftijdsgroep {bands[i].Label}: de ondergrens is groter dan de bovengrens.", nameof(bands));
            }

            if (i > 0 && bands[i].From != bands[i - 1].To + 1)
            {
                throw new ArgumentException($"Leeftijdsgroep {bands[i].Label} sluit niet aan op {bands[i - 1].Label}.", nameof(bands));
            }
        }

        Bands = bands;
    }

    public int MinAge => Bands[0].From;

    public int MaxAge => Bands[^1].To;

    /// <summary>The band that contains <paramref name="age"/>, or null when it is outside all bands.</summary>
    public AgeBand? Find(int age)
    {
        foreach (var band in Bands)
        {
            if (band.Contains(age))
            {
                return band;
            }
        }

        return null;
    }
}

/// <summary>Age at the wave's reference date.</summary>
public static class Age
{
    /// <summary>
    /// Age from a birth year: reference year − birth year. The register only holds a birth year,
    /// so this is the age the client reaches during the reference year (at most one year more than
    /// the exact age on the reference date). The choice is the same for every client, so strata stay
    /// comparable from year to year.
    /// </summary>
    public static int FromBirthYear(int birthYear, DateOnly referenceDate) => referenceDate.Year - birthYear;
}
