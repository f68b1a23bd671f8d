namespace Ervaring.Core.Frames;

/// <summary>
/// The header line of a frame file: which field holds which <see cref="FrameColumn"/>, and each header as written
/// (for messages). Names are matched through <see cref="FrameVocabulary"/>; unknown extra columns are ignored.
/// </summary>
internal sealed class FrameHeader
{
    private static readonly Dictionary<string, FrameColumn> ColumnLookup = FrameVocabulary.BuildLookup(FrameVocabulary.ColumnAliases);

    private static readonly FrameColumn[] RequiredColumns =
        [FrameColumn.ClientReference, FrameColumn.Municipality, FrameColumn.CareType, FrameColumn.Referrer, FrameColumn.Provider, FrameColumn.StartDate];

    private readonly int[] indexes;

    private FrameHeader(string[] names, int[] indexes)
    {
        Names = names;
        this.indexes = indexes;
    }

    /// <summary>Every header on the line, trimmed, as written.</summary>
    public string[] Names { get; }

    public bool Has(FrameColumn column) => indexes[(int)column] >= 0;

    /// <summary>Field index of a column the header has.</summary>
    public int IndexOf(FrameColumn column) => indexes[(int)column];

    /// <summary>The header as written for a column the header has.</summary>
    public string NameOf(FrameColumn column) => Names[indexes[(int)column]];

    /// <summary>
    /// Reads the current record of <paramref name="reader"/> as the header on <paramref name="line"/>. Returns the
    /// header, or null with the file errors that refuse the file (identifying columns, two columns with one meaning,
    /// no known column at all, a required column missing).
    /// </summary>
    public static FrameHeader? Read(FrameCsvReader reader, int line, out List<FrameFileError> errors)
    {
        errors = [];
        var names = new string[reader.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = reader[i].Trim().TrimStart('\uFEFF');
        }

        var indexes = Enumerable.Repeat(-1, Enum.GetValues<FrameColumn>().Length).ToArray();
        var known = 0;
        for (var i = 0; i < names.Length; i++)
        {
            var normalised = FrameVocabulary.Normalise(names[i]);
            if (FrameVocabulary.ForbiddenColumns.Contains(normalised))
            {
                errors.Add(new FrameFileError(
                    $"Kolom '{names[i]}' hoort niet in het bestand. Namen, adressen, geboortedatums, BSN en contactgegevens zijn niet nodig; haal deze kolom weg.",
                    line));
                continue;
            }

            if (!ColumnLookup.TryGetValue(normalised, out var column))
            {
                continue; // Extra columns are ignored.
            }

            if (indexes[(int)column] is var earlier and >= 0)
            {
                errors.Add(new FrameFileError(
                    $"Kolom '{names[i]}' en kolom '{names[earlier]}' betekenen allebei '{FrameVocabulary.DisplayName(column)}'. Laat er één staan.",
                    line));
                continue;
            }

            indexes[(int)column] = i;
            known++;
        }

        if (known == 0)
        {
            errors =
            [
                new FrameFileError(
                    "De eerste regel is geen kopregel: er staan geen bekende kolomnamen in. Zet op regel 1 de kolomnamen, bijvoorbeeld: "
                    + "clientreferentie;geboortejaar;gemeente;zorgvorm;verwijzer;aanbieder;startdatum;einddatum.",
                    line),
            ];
            return null;
        }

        foreach (var required in RequiredColumns)
        {
            if (indexes[(int)required] < 0)
            {
                errors.Add(new FrameFileError($"De verplichte kolom '{FrameVocabulary.DisplayName(required)}' ontbreekt in de kopregel.", line));
            }
        }

        if (indexes[(int)FrameColumn.BirthYear] < 0 && indexes[(int)FrameColumn.Age] < 0)
        {
            errors.Add(new FrameFileError("De kolom 'geboortejaar' of 'leeftijd' ontbreekt in de kopregel. Eén van de twee is nodig.", line));
        }

        return errors.Count == 0 ? new FrameHeader(names, indexes) : null;
    }
}
