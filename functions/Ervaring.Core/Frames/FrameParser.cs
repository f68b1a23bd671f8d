using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using Ervaring.Core.Frames.Columns;
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
/// <remarks>
/// The records come from CsvHelper (<see cref="FrameCsvReader"/>), the header from <see cref="FrameHeader"/>, and each
/// column's rule from its reader in <c>Frames/Columns</c> (<see cref="FrameRowReader"/>).
/// </remarks>
public static class FrameParser
{
    private const string Empty = "Het bestand is leeg. Kies het CSV-bestand met de cliëntgegevens.";

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
            return FileError(Empty);
        }

        if ((bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF))
        {
            return FileError("Het bestand is opgeslagen als UTF-16 en niet als UTF-8. Sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)' en probeer het opnieuw.");
        }

        var body = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? bytes[3..] : bytes;
        if (!Utf8.IsValid(body))
        {
            return FileError(
                "Het bestand is geen UTF-8-tekst (bijvoorbeeld opgeslagen als ANSI of Windows-1252). Sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)' en probeer het opnieuw.",
                LineOfFirstInvalidByte(body));
        }

        return ParseRecords(body, fingerprint, options);
    }

    /// <summary>The line of the first byte that is not UTF-8 (lines counted by line feeds, as a text editor shows them).</summary>
    private static int? LineOfFirstInvalidByte(ReadOnlySpan<byte> body)
    {
        try
        {
            _ = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(body);
            return null;
        }
        catch (DecoderFallbackException ex)
        {
            return ex.Index >= 0 && ex.Index <= body.Length ? body[..ex.Index].Count((byte)'\n') + 1 : null;
        }
    }

    private static FrameParseResult ParseRecords(ReadOnlySpan<byte> utf8, string fingerprint, FrameParseOptions options)
    {
        using var reader = new FrameCsvReader(utf8, FrameCsvReader.DetectSeparator(utf8));

        // Header: the first non-blank record. A file of nothing but white space ends here as empty.
        do
        {
            if (!reader.Read())
            {
                return Fail(reader.UnterminatedQuoteLine is { } q ? Unterminated(q) : new FrameFileError(Empty));
            }
        }
        while (reader.IsBlank);

        var header = FrameHeader.Read(reader, reader.Line, out var headerErrors);
        if (header is null)
        {
            return new FrameParseResult(fingerprint, null, [], headerErrors, 0, []);
        }

        var row = new FrameRow(reader, header);
        var rows = new FrameRowReader(options);
        var records = new List<FrameRecord>();
        var rowErrors = new List<FrameRowError>();
        var dataRows = 0;
        while (reader.Read())
        {
            if (reader.IsBlank)
            {
                continue;
            }

            dataRows++;
            if (rows.Read(row, rowErrors) is { } record)
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
}
