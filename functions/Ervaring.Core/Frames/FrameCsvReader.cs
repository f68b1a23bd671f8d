using CsvHelper;

namespace Ervaring.Core.Frames;

/// <summary>
/// The records of a frame file, read by CsvHelper's <see cref="CsvReader"/> from the UTF-8 bytes (RFC 4180: quoted
/// fields with doubled quotes and line breaks inside, CRLF/LF/CR line endings), each with the physical line where it
/// starts (header = line 1; lines inside quoted fields and blank lines counted). CsvHelper recovers from bad quoting as
/// the frame format wants: a quote inside an unquoted field is text, text after a closing quote is kept, and spaces or
/// tabs before an opening quote are skipped.
/// </summary>
internal sealed class FrameCsvReader : IDisposable
{
    /// <summary>
    /// Read after the file's bytes: a line break and a NUL. Outside quotes they end the last line and start a record
    /// of their own; a quoted field that is never closed swallows them. That is how an unterminated quote is found in
    /// every case: CsvHelper reports malformed quoting once per record, with the record's first problem, so a record
    /// with a stray quote before its unterminated one would be reported as the stray quote only.
    /// </summary>
    private static ReadOnlySpan<byte> EndMark => "\n\0"u8;

    private readonly CsvReader reader;
    private readonly long endMarkRecordOffset;
    private bool atEnd;

    public FrameCsvReader(ReadOnlySpan<byte> utf8, char separator)
    {
        var input = new byte[utf8.Length + EndMark.Length];
        utf8.CopyTo(input);
        EndMark.CopyTo(input.AsSpan(utf8.Length));
        endMarkRecordOffset = input.Length - 1;
        reader = CsvReader.Create(input, new CsvReaderOptions
        {
            Separator = separator,
            HasHeader = false, // the header is the first non-blank record: FrameParser finds it
            Mode = CsvMode.Rfc4180,
            MalformedData = CsvMalformedDataHandling.Recover,
            TrimWhitespace = true, // spaces and tabs around a field, so a quote after them still opens a quoted field
            TrackLineNumbers = true,
            PoolStrings = true,
        });
    }

    /// <summary>Physical line where the current record starts.</summary>
    public int Line { get; private set; }

    /// <summary>Number of fields in the current record.</summary>
    public int Count => reader.FieldCount;

    /// <summary>A field of the current record: quotes removed, spaces and tabs around it trimmed.</summary>
    public string this[int index] => reader.GetString(index);

    /// <summary>Line where the record with a never-closed quoted field started, when reading stopped there.</summary>
    public int? UnterminatedQuoteLine { get; private set; }

    /// <summary>True when every field of the current record is empty or white space.</summary>
    public bool IsBlank
    {
        get
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (!IsBlankField(i))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// The more frequent of ';' and ',' on the first line, outside quotes (';' on a tie): the rule of docs/sampling.md.
    /// (CsvHelper's own detection weighs tab and '|' too, and the first 32 lines.) Works on the UTF-8 bytes: these
    /// characters are ASCII and never part of a multi-byte character.
    /// </summary>
    public static char DetectSeparator(ReadOnlySpan<byte> utf8)
    {
        int semicolons = 0, commas = 0;
        var inQuotes = false;
        foreach (var b in utf8)
        {
            if (b == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes)
            {
                if (b is (byte)'\n' or (byte)'\r')
                {
                    break;
                }

                if (b == ';')
                {
                    semicolons++;
                }
                else if (b == ',')
                {
                    commas++;
                }
            }
        }

        return commas > semicolons ? ',' : ';';
    }

    /// <summary>Reads the next record; false at the end of the file, or at a quoted field that is never closed.</summary>
    public bool Read()
    {
        if (atEnd)
        {
            return false;
        }

        if (!reader.Read())
        {
            // The end mark's record did not come: the last record read swallowed it in an open quote.
            atEnd = true;
            UnterminatedQuoteLine = Line;
            return false;
        }

        Line = (int)reader.LineNumber;
        if (reader.ByteOffset == endMarkRecordOffset)
        {
            atEnd = true;
            return false;
        }

        return true;
    }

    /// <summary>Whether a field is empty or white space, without making a string of it in the usual cases.</summary>
    public bool IsBlankField(int index)
    {
        foreach (var b in reader.GetSpan(index))
        {
            if (b >= 0x80)
            {
                return string.IsNullOrWhiteSpace(reader.GetString(index)); // non-ASCII white space, such as a no-break space
            }

            if (!char.IsWhiteSpace((char)b))
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose() => reader.Dispose();
}
