using System.Text;
using CsvHelper;

namespace Ervaring.Core.Csv;

/// <summary>
/// Writes CSV that is safe to open in a spreadsheet (Excel, LibreOffice), whatever separator the reader assumes.
/// A reader told ',' splits a ';' file at every comma, and a quote that is not at the start of what it takes for
/// a cell is just a character to it, so safety cannot rest on the separator or the quoting this file uses:
/// <list type="bullet">
/// <item>every cell holding ',', ';', a tab, a quote or a line break is quoted, inner quotes doubled (RFC 4180);</item>
/// <item>a cell is dangerous when its first character — or the first character after any ',', ';', tab or line
/// break inside it, spaces skipped — is <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return
/// (OWASP "CSV injection"). A dangerous cell gets a leading apostrophe, so it shows as text when read as written,
/// and an apostrophe right after each inner separator that is followed by such a character, so no piece that a
/// reader with another separator splits off starts a formula either. <c>K1,=1+1,</c> becomes <c>"'K1,'=1+1,"</c>.</item>
/// </list>
/// Ordinary text (no formula character after a separator) is never changed, only quoted.
/// <para>
/// The file is written by CsvHelper's <see cref="CsvWriter"/> (RFC 4180 quoting, CRLF, UTF-8, the BOM). The apostrophes
/// are this class's own <see cref="Sanitise"/>, applied to each cell before CsvWriter writes it: CsvHelper's
/// <see cref="CsvInjection.Escape"/> looks at the first character only (no spaces skipped, nothing after an inner
/// separator) and always quotes the escaped cell, so it cannot express the rules above. The quoting rule is CsvWriter's
/// <see cref="CsvWriterOptions.ShouldQuote"/> with the other separators a reader could assume.
/// </para>
/// </summary>
public static class SafeCsv
{
    /// <summary>The separator Dutch Excel expects (the comma is the decimal sign in nl-NL).</summary>
    public const char DutchSeparator = ';';

    /// <summary>
    /// Characters at which some reader may start a new cell or line: the cell must be quoted. CsvWriter quotes the file's
    /// own separator, the quote, CR and LF itself; the rest come through <see cref="CsvWriterOptions.ShouldQuote"/>.
    /// </summary>
    private static readonly System.Buffers.SearchValues<char> Splitting = System.Buffers.SearchValues.Create(",;\t\"\r\n");

    /// <summary>
    /// True when a spreadsheet could interpret the cell, or a piece of it that a reader with another separator
    /// splits off, as a formula.
    /// </summary>
    public static bool IsDangerous(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (StartsFormula(value, 0))
        {
            return true;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] is ',' or ';' or '\t' or '\r' or '\n' && StartsFormula(value, i + 1))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the piece starting at <paramref name="start"/> (leading spaces skipped) starts a formula.</summary>
    private static bool StartsFormula(string value, int start)
    {
        var i = start;
        while (i < value.Length && value[i] == ' ')
        {
            i++;
        }

        return i < value.Length && value[i] is '=' or '+' or '-' or '@' or '\t' or '\r';
    }

    /// <summary>
    /// The cell's text with the apostrophes that keep every reading of it from starting a formula (see the class
    /// comment); the value itself when nothing could, and empty for null. Quoting is left to the writer.
    /// </summary>
    public static string Sanitise(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return IsDangerous(value) ? Neutralise(value) : value;
    }

    /// <summary>The apostrophe in front, and one after every inner separator that a formula character follows.</summary>
    private static string Neutralise(string value)
    {
        var builder = new StringBuilder(value.Length + 4).Append('\'');
        for (var i = 0; i < value.Length; i++)
        {
            builder.Append(value[i]);
            if (value[i] is ',' or ';' or '\t' or '\r' or '\n' && StartsFormula(value, i + 1))
            {
                builder.Append('\'');
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Returns the cell text ready to be written between separators: quoted when any reader could split it,
    /// with a leading apostrophe when any reading could start a formula.
    /// </summary>
    public static string Cell(string? value, char separator = DutchSeparator) => Line([value], separator);

    /// <summary>Joins cells into one CSV line (without the line ending).</summary>
    public static string Line(IEnumerable<string?> cells, char separator = DutchSeparator)
    {
        ArgumentNullException.ThrowIfNull(cells);
        using var text = new StringWriter();
        using var csv = CsvWriter.Create(text, Options(separator), leaveOpen: true);
        foreach (var cell in cells)
        {
            csv.WriteField(Sanitise(cell));
        }

        csv.Flush(); // the fields of the unfinished record, without a line ending
        return text.ToString();
    }

    /// <summary>
    /// Writes rows to <paramref name="writer"/> with CRLF line endings. When
    /// <paramref name="writeBom"/> is set, a byte-order mark (U+FEFF) is written first, which makes
    /// Dutch Excel open the file as UTF-8; use it with a writer whose encoding does not add one.
    /// </summary>
    public static void Write(TextWriter writer, IEnumerable<IEnumerable<string?>> rows, char separator = DutchSeparator, bool writeBom = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        if (writeBom)
        {
            writer.Write('\uFEFF');
        }

        using var csv = CsvWriter.Create(writer, Options(separator), leaveOpen: true);
        WriteRows(csv, rows, () => writer.Write("\r\n"));
    }

    /// <summary>Builds the whole file as UTF-8 bytes, by default with BOM and <c>;</c> for Dutch Excel.</summary>
    public static byte[] ToUtf8Bytes(IEnumerable<IEnumerable<string?>> rows, char separator = DutchSeparator, bool withBom = true)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Options(separator) with { WriteByteOrderMark = withBom }, leaveOpen: true))
        {
            WriteRows(csv, rows, () => stream.Write("\r\n"u8));
        }

        return stream.ToArray();
    }

    private static CsvWriterOptions Options(char separator) => new()
    {
        Separator = separator,
        Mode = CsvMode.Rfc4180,
        NewLine = "\r\n",
        ShouldQuote = (field, _, _, _) => field.IndexOfAny(Splitting) >= 0,
        Injection = CsvInjection.None, // Sanitise does it, before the cell reaches the writer
        ValidateFieldCount = false, // rows of any length, as before
    };

    /// <summary>
    /// Writes each row as a record. A row of no cells, or of one empty cell, is an empty line, as it always was here:
    /// CsvWriter refuses a record without fields and writes a lone empty field as <c>""</c>.
    /// </summary>
    private static void WriteRows(CsvWriter csv, IEnumerable<IEnumerable<string?>> rows, Action writeLineBreak)
    {
        foreach (var row in rows)
        {
            ArgumentNullException.ThrowIfNull(row);
            using var cells = row.GetEnumerator();
            var first = cells.MoveNext() ? Sanitise(cells.Current) : string.Empty;
            var more = cells.MoveNext();
            if (first.Length == 0 && !more)
            {
                csv.Flush();
                writeLineBreak();
                continue;
            }

            csv.WriteField(first);
            while (more)
            {
                csv.WriteField(Sanitise(cells.Current));
                more = cells.MoveNext();
            }

            csv.EndRecord();
        }
    }
}
