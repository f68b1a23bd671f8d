using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ervaring.Core.Sampling;

namespace Ervaring.Core.Frames;

/// <summary>Settings for reading a frame for one wave.</summary>
/// <param name="ReferenceDate">The wave's reference date (peildatum); ages are computed at it.</param>
/// <param name="Municipalities">Municipalities that belong to the wave.</param>
public sealed record FrameParseOptions(DateOnly ReferenceDate, IReadOnlyCollection<string> Municipalities)
{
    public int MinAge { get; init; }

    public int MaxAge { get; init; } = 23;

    /// <summary>Age bands for the composition summary.</summary>
    public AgeBands AgeBands { get; init; } = AgeBands.Default;
}

/// <summary>Result of reading a frame file.</summary>
public sealed class FrameParseResult
{
    internal FrameParseResult(string fingerprint, Frame? frame, IReadOnlyList<FrameRowError> rowErrors, IReadOnlyList<FrameFileError> fileErrors, int dataRows, IReadOnlyList<CompositionCell> composition)
    {
        Fingerprint = fingerprint;
        Frame = frame;
        RowErrors = rowErrors;
        FileErrors = fileErrors;
        DataRows = dataRows;
        Composition = composition;
    }

    /// <summary>SHA-256 of the raw bytes, lowercase hex.</summary>
    public string Fingerprint { get; }

    /// <summary>The accepted rows; null when the file itself is unusable.</summary>
    public Frame? Frame { get; }

    public IReadOnlyList<FrameRowError> RowErrors { get; }

    public IReadOnlyList<FrameFileError> FileErrors { get; }

    /// <summary>Number of data rows read (accepted + rejected; blank lines not counted).</summary>
    public int DataRows { get; }

    /// <summary>Number of rows rejected because of at least one row error.</summary>
    public int RejectedRows => RowErrors.Select(e => e.LineNumber).Distinct().Count();

    /// <summary>Counts of accepted rows per municipality × care type × age band.</summary>
    public IReadOnlyList<CompositionCell> Composition { get; }

    /// <summary>True when the file and every row are fine.</summary>
    public bool IsValid => FileErrors.Count == 0 && RowErrors.Count == 0;
}

/// <summary>
/// Reads and validates a frame CSV (UTF-8 with or without BOM; ';' or ',' separated, detected
/// from the header; quoted fields). Every rejected row is reported with its line number, column and
/// a Dutch reason. Pure: reads only the given stream.
/// </summary>
public static class FrameParser
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd-MM-yyyy", "d-M-yyyy", "dd/MM/yyyy", "d/M/yyyy"];
    private static readonly Dictionary<string, FrameColumn> ColumnLookup = FrameVocabulary.BuildLookup(FrameVocabulary.ColumnAliases);
    private static readonly Dictionary<string, CareType> CareTypeLookup = FrameVocabulary.BuildLookup(FrameVocabulary.CareTypeAliases);
    private static readonly Dictionary<string, Referrer> ReferrerLookup = FrameVocabulary.BuildLookup(FrameVocabulary.ReferrerAliases);

    private static readonly FrameColumn[] RequiredColumns =
        [FrameColumn.ClientReference, FrameColumn.Municipality, FrameColumn.CareType, FrameColumn.Referrer, FrameColumn.Provider, FrameColumn.StartDate];

    public static FrameParseResult Parse(Stream stream, FrameParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options);
    }

    public static FrameParseResult Parse(ReadOnlySpan<byte> bytes, FrameParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(bytes));

        FrameParseResult FileError(string reason, int? line = null) =>
            new(fingerprint, null, [], [new FrameFileError(reason, line)], 0, []);

        if (bytes.Length == 0)
        {
            return FileError("Het bestand is leeg. Kies het CSV-bestand met de cliëntgegevens.");
        }

        if ((bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF))
        {
            return FileError("Het bestand is opgeslagen als UTF-16 en niet als UTF-8. Sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)' en probeer het opnieuw.");
        }

        var body = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? bytes[3..] : bytes;
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException ex)
        {
            var line = ex.Index >= 0 && ex.Index <= body.Length ? body[..ex.Index].Count((byte)'\n') + 1 : (int?)null;
            return FileError("Het bestand is geen UTF-8-tekst (bijvoorbeeld opgeslagen als ANSI of Windows-1252). Sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)' en probeer het opnieuw.", line);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return FileError("Het bestand is leeg. Kies het CSV-bestand met de cliëntgegevens.");
        }

        return ParseText(text, fingerprint, options);
    }

    private static FrameParseResult ParseText(string text, string fingerprint, FrameParseOptions options)
    {
        var municipalities = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in options.Municipalities)
        {
            municipalities.TryAdd(FrameVocabulary.Normalise(m), m.Trim());
        }

        var separator = CsvRecordReader.DetectSeparator(text);
        var reader = new CsvRecordReader(text, separator);
        var fields = new List<string>(16);
        var fileErrors = new List<FrameFileError>();

        // Header: the first non-blank record.
        int headerLine;
        do
        {
            if (!reader.TryRead(fields, out headerLine))
            {
                return Fail(reader.UnterminatedQuoteLine is { } q
                    ? Unterminated(q)
                    : new FrameFileError("Het bestand is leeg. Kies het CSV-bestand met de cliëntgegevens."));
            }
        }
        while (IsBlank(fields));

        var headers = fields.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        var columnIndex = new Dictionary<FrameColumn, int>();
        for (var i = 0; i < headers.Length; i++)
        {
            var normalised = FrameVocabulary.Normalise(headers[i]);
            if (FrameVocabulary.ForbiddenColumns.Contains(normalised))
            {
                fileErrors.Add(new FrameFileError(
                    $"Kolom '{headers[i]}' hoort niet in het bestand. Namen, adressen, geboortedatums, BSN en contactgegevens zijn niet nodig; haal deze kolom weg.",
                    headerLine));
                continue;
            }

            if (!ColumnLookup.TryGetValue(normalised, out var column))
            {
                continue; // Extra columns are ignored.
            }

            if (columnIndex.TryGetValue(column, out var earlier))
            {
                fileErrors.Add(new FrameFileError(
                    $"Kolom '{headers[i]}' en kolom '{headers[earlier]}' betekenen allebei '{FrameVocabulary.DisplayName(column)}'. Laat er één staan.",
                    headerLine));
                continue;
            }

            columnIndex[column] = i;
        }

        if (columnIndex.Count == 0)
        {
            return Fail(new FrameFileError(
                "De eerste regel is geen kopregel: er staan geen bekende kolomnamen in. Zet op regel 1 de kolomnamen, bijvoorbeeld: "
                + "clientreferentie;geboortejaar;gemeente;zorgvorm;verwijzer;aanbieder;startdatum;einddatum.",
                headerLine));
        }

        foreach (var required in RequiredColumns)
        {
            if (!columnIndex.ContainsKey(required))
            {
                fileErrors.Add(new FrameFileError($"De verplichte kolom '{FrameVocabulary.DisplayName(required)}' ontbreekt in de kopregel.", headerLine));
            }
        }

        if (!columnIndex.ContainsKey(FrameColumn.BirthYear) && !columnIndex.ContainsKey(FrameColumn.Age))
        {
            fileErrors.Add(new FrameFileError("De kolom 'geboortejaar' of 'leeftijd' ontbreekt in de kopregel. Eén van de twee is nodig.", headerLine));
        }

        if (fileErrors.Count > 0)
        {
            return new FrameParseResult(fingerprint, null, [], fileErrors, 0, []);
        }

        var state = new RowState(options, municipalities, columnIndex, headers);
        var records = new List<FrameRecord>();
        var rowErrors = new List<FrameRowError>();
        var dataRows = 0;
        while (reader.TryRead(fields, out var line))
        {
            if (IsBlank(fields))
            {
                continue;
            }

            dataRows++;
            var record = state.ReadRow(fields, line, rowErrors);
            if (record is not null)
            {
                records.Add(record);
            }
        }

        if (reader.UnterminatedQuoteLine is { } unterminated)
        {
            return Fail(Unterminated(unterminated));
        }

        if (dataRows == 0)
        {
            return Fail(new FrameFileError("Het bestand heeft wel een kopregel, maar geen regels met cliënten."));
        }

        var frame = new Frame(records, options.ReferenceDate, fingerprint);
        return new FrameParseResult(fingerprint, frame, rowErrors, [], dataRows, FrameComposition.Compute(frame, options.AgeBands));

        FrameParseResult Fail(FrameFileError error) => new(fingerprint, null, [], [error], 0, []);
    }

    private static FrameFileError Unterminated(int line) =>
        new("Hier begint een veld met een aanhalingsteken (\") dat niet wordt afgesloten. Controleer de aanhalingstekens in dit veld.", line);

    private static bool IsBlank(List<string> fields)
    {
        foreach (var f in fields)
        {
            if (!string.IsNullOrWhiteSpace(f))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool TryParseDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Quotes a value from the file in a message, shortened so a message stays readable.</summary>
    private static string Shown(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private sealed class RowState(FrameParseOptions options, Dictionary<string, string> municipalities, Dictionary<FrameColumn, int> columns, string[] headers)
    {
        private readonly Dictionary<string, int> firstLineByReference = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string?> municipalityCache = new(StringComparer.Ordinal);
        private readonly Dictionary<string, CareType?> careTypeCache = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Referrer?> referrerCache = new(StringComparer.Ordinal);
        private readonly int referenceYear = options.ReferenceDate.Year;

        public FrameRecord? ReadRow(List<string> fields, int line, List<FrameRowError> errors)
        {
            var expected = headers.Length;
            if (fields.Count != expected && !OnlyEmptyExtras(fields, expected))
            {
                errors.Add(new FrameRowError(
                    line,
                    null,
                    $"Deze regel heeft {fields.Count} velden, maar de kopregel heeft {expected} kolommen. Controleer het scheidingsteken en de aanhalingstekens."));
                return null;
            }

            var errorCount = errors.Count;

            // Client reference.
            var reference = Get(fields, FrameColumn.ClientReference);
            if (reference.Length == 0)
            {
                Add(errors, line, FrameColumn.ClientReference, "De clientreferentie ontbreekt. Elke regel moet een clientreferentie hebben.");
            }
            else if (firstLineByReference.TryGetValue(reference, out var firstLine))
            {
                Add(errors, line, FrameColumn.ClientReference, $"Deze clientreferentie staat al op regel {firstLine}. Elke cliënt mag maar één keer in het bestand staan.");
            }
            else
            {
                firstLineByReference.Add(reference, line);
            }

            // Birth year or age.
            int? birthYear = null;
            int? age = null;
            var birthText = columns.ContainsKey(FrameColumn.BirthYear) ? Get(fields, FrameColumn.BirthYear) : string.Empty;
            var ageText = columns.ContainsKey(FrameColumn.Age) ? Get(fields, FrameColumn.Age) : string.Empty;
            if (birthText.Length > 0)
            {
                if (!int.TryParse(birthText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1000 || year > 9999)
                {
                    Add(errors, line, FrameColumn.BirthYear, $"'{Shown(birthText)}' is geen geldig geboortejaar. Schrijf het jaar met vier cijfers, bijvoorbeeld 2012.");
                }
                else if (year > referenceYear)
                {
                    Add(errors, line, FrameColumn.BirthYear, $"Geboortejaar {year} ligt in de toekomst: het is later dan het jaar van de peildatum ({referenceYear}).");
                }
                else
                {
                    birthYear = year;
                    age = Age.FromBirthYear(year, options.ReferenceDate);
                    CheckAge(errors, line, FrameColumn.BirthYear, age.Value);
                }
            }
            else if (ageText.Length > 0)
            {
                if (!int.TryParse(ageText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var given))
                {
                    Add(errors, line, FrameColumn.Age, $"'{Shown(ageText)}' is geen geldige leeftijd. Schrijf de leeftijd in hele jaren, bijvoorbeeld 14.");
                }
                else
                {
                    age = given;
                    CheckAge(errors, line, FrameColumn.Age, given);
                }
            }
            else
            {
                var column = columns.ContainsKey(FrameColumn.BirthYear) ? FrameColumn.BirthYear : FrameColumn.Age;
                Add(errors, line, column, "Het geboortejaar (of de leeftijd) ontbreekt.");
            }

            // Municipality.
            var municipalityText = Get(fields, FrameColumn.Municipality);
            string? municipality = null;
            if (municipalityText.Length == 0)
            {
                Add(errors, line, FrameColumn.Municipality, "De gemeente ontbreekt.");
            }
            else
            {
                if (!municipalityCache.TryGetValue(municipalityText, out municipality))
                {
                    municipality = municipalities.GetValueOrDefault(FrameVocabulary.Normalise(municipalityText));
                    municipalityCache[municipalityText] = municipality;
                }

                if (municipality is null)
                {
                    Add(errors, line, FrameColumn.Municipality, $"Gemeente '{Shown(municipalityText)}' hoort niet bij deze meting. Toegestaan: {AllowedMunicipalities()}.");
                }
            }

            // Care type.
            var careText = Get(fields, FrameColumn.CareType);
            CareType? careType = null;
            if (careText.Length == 0)
            {
                Add(errors, line, FrameColumn.CareType, $"De zorgvorm ontbreekt. Kies uit: {FrameVocabulary.CareTypeChoices}.");
            }
            else
            {
                if (!careTypeCache.TryGetValue(careText, out careType))
                {
                    careType = CareTypeLookup.TryGetValue(FrameVocabulary.Normalise(careText), out var c) ? c : null;
                    careTypeCache[careText] = careType;
                }

                if (careType is null)
                {
                    Add(errors, line, FrameColumn.CareType, $"Zorgvorm '{Shown(careText)}' kennen we niet. Kies uit: {FrameVocabulary.CareTypeChoices}.");
                }
            }

            // Referrer.
            var referrerText = Get(fields, FrameColumn.Referrer);
            Referrer? referrer = null;
            if (referrerText.Length == 0)
            {
                Add(errors, line, FrameColumn.Referrer, $"De verwijzer ontbreekt. Vul 'onbekend' in als u de verwijzer niet weet. Kies uit: {FrameVocabulary.ReferrerChoices}.");
            }
            else
            {
                if (!referrerCache.TryGetValue(referrerText, out referrer))
                {
                    referrer = ReferrerLookup.TryGetValue(FrameVocabulary.Normalise(referrerText), out var r) ? r : null;
                    referrerCache[referrerText] = referrer;
                }

                if (referrer is null)
                {
                    Add(errors, line, FrameColumn.Referrer, $"Verwijzer '{Shown(referrerText)}' kennen we niet. Kies uit: {FrameVocabulary.ReferrerChoices}.");
                }
            }

            // Provider.
            var provider = Get(fields, FrameColumn.Provider);
            if (provider.Length == 0)
            {
                Add(errors, line, FrameColumn.Provider, "De code van de aanbieder ontbreekt.");
            }

            // Dates.
            DateOnly? start = null;
            var startText = Get(fields, FrameColumn.StartDate);
            if (startText.Length == 0)
            {
                Add(errors, line, FrameColumn.StartDate, "De startdatum ontbreekt.");
            }
            else if (TryParseDate(startText, out var s))
            {
                start = s;
            }
            else
            {
                Add(errors, line, FrameColumn.StartDate, DateMessage(startText));
            }

            DateOnly? end = null;
            var endText = columns.ContainsKey(FrameColumn.EndDate) ? Get(fields, FrameColumn.EndDate) : string.Empty;
            if (endText.Length > 0)
            {
                if (TryParseDate(endText, out var e))
                {
                    end = e;
                    if (start is { } st && e < st)
                    {
                        Add(errors, line, FrameColumn.EndDate, $"De einddatum ({e:yyyy-MM-dd}) ligt vóór de startdatum ({st:yyyy-MM-dd}).");
                    }
                }
                else
                {
                    Add(errors, line, FrameColumn.EndDate, DateMessage(endText));
                }
            }

            if (errors.Count != errorCount)
            {
                return null;
            }

            return new FrameRecord(line, reference, birthYear, age!.Value, municipality!, careType!.Value, referrer!.Value, provider, start!.Value, end);
        }

        private static string DateMessage(string value) =>
            $"'{Shown(value)}' is geen geldige datum. Gebruik bijvoorbeeld 2025-03-31 of 31-03-2025.";

        private void CheckAge(List<FrameRowError> errors, int line, FrameColumn column, int age)
        {
            if (age < options.MinAge || age > options.MaxAge)
            {
                Add(errors, line, column, $"Leeftijd {age} jaar op de peildatum ({options.ReferenceDate:yyyy-MM-dd}) kan niet: jeugdhulp is voor {options.MinAge} tot en met {options.MaxAge} jaar.");
            }
        }

        private string AllowedMunicipalities()
        {
            var names = municipalities.Values.Order(StringComparer.CurrentCulture).ToList();
            return names.Count <= 10 ? string.Join(", ", names) : string.Join(", ", names.Take(10)) + $" en {names.Count - 10} andere";
        }

        private string Get(List<string> fields, FrameColumn column) => fields[columns[column]].Trim();

        private void Add(List<FrameRowError> errors, int line, FrameColumn column, string reason) =>
            errors.Add(new FrameRowError(line, headers[columns[column]], reason));

        private static bool OnlyEmptyExtras(List<string> fields, int expected)
        {
            if (fields.Count < expected)
            {
                return false;
            }

            for (var i = expected; i < fields.Count; i++)
            {
                if (!string.IsNullOrWhiteSpace(fields[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
