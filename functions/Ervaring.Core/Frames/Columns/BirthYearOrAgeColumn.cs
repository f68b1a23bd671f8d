using System.Globalization;
using Ervaring.Core.Sampling;

namespace Ervaring.Core.Frames.Columns;

/// <summary>
/// Birth year (geboortejaar) or age (leeftijd): the birth year when it is filled in (four digits, not after the
/// reference year; age = reference year − birth year), otherwise the age in whole years. Either way the age must lie
/// within <see cref="FrameParseOptions.MinAge"/>..<see cref="FrameParseOptions.MaxAge"/>.
/// </summary>
internal sealed class BirthYearOrAgeColumn(FrameParseOptions options)
{
    private readonly int referenceYear = options.ReferenceDate.Year;

    public ColumnResult<(int? BirthYear, int Age)> Read(FrameRow row)
    {
        var birthText = row.Value(FrameColumn.BirthYear);
        if (birthText.Length > 0)
        {
            return FromBirthYear(row, birthText);
        }

        var ageText = row.Value(FrameColumn.Age);
        if (ageText.Length > 0)
        {
            return FromAge(row, ageText);
        }

        var column = row.Has(FrameColumn.BirthYear) ? FrameColumn.BirthYear : FrameColumn.Age;
        return row.Error(column, "Het geboortejaar (of de leeftijd) ontbreekt.");
    }

    private ColumnResult<(int? BirthYear, int Age)> FromBirthYear(FrameRow row, string text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1000 || year > 9999)
        {
            return row.Error(FrameColumn.BirthYear, $"'{FrameRow.Shown(text)}' is geen geldig geboortejaar. Schrijf het jaar met vier cijfers, bijvoorbeeld 2012.");
        }

        if (year > referenceYear)
        {
            return row.Error(FrameColumn.BirthYear, $"Geboortejaar {year} ligt in de toekomst: het is later dan het jaar van de peildatum ({referenceYear}).");
        }

        var age = Age.FromBirthYear(year, options.ReferenceDate);
        return AgeError(row, FrameColumn.BirthYear, age) ?? new ColumnResult<(int?, int)>((year, age), null);
    }

    private ColumnResult<(int? BirthYear, int Age)> FromAge(FrameRow row, string text)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var age))
        {
            return row.Error(FrameColumn.Age, $"'{FrameRow.Shown(text)}' is geen geldige leeftijd. Schrijf de leeftijd in hele jaren, bijvoorbeeld 14.");
        }

        return AgeError(row, FrameColumn.Age, age) ?? new ColumnResult<(int?, int)>((null, age), null);
    }

    private FrameRowError? AgeError(FrameRow row, FrameColumn column, int age) =>
        age < options.MinAge || age > options.MaxAge
            ? row.Error(column, $"Leeftijd {age} jaar op de peildatum ({options.ReferenceDate:yyyy-MM-dd}) kan niet: jeugdhulp is voor {options.MinAge} tot en met {options.MaxAge} jaar.")
            : null;
}
