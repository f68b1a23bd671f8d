using System.Text;

namespace Ervaring.Core.Csv;

/// <summary>
/// Writes CSV that is safe to open in a spreadsheet (Excel, LibreOffice).
/// Cells that a spreadsheet would read as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, tab or carriage return) get a leading apostrophe, so they show as text
/// (OWASP "CSV injection"). Cells with the separator, a quote or a line break are quoted and
/// inner quotes are doubled (RFC 4180).
/// </summary>
public static class SafeCsv
{
    /// <summary>The separator Dutch Excel expects (the comma is the decimal sign in nl-NL).</summary>
    public const char DutchSeparator = ';';

    /// <summary>True when a spreadsheet could interpret the cell as a formula.</summary>
    public static bool IsDangerous(string? value) =>
        !string.IsNullOrEmpty(value) && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>Returns the cell text ready to be written between separators.</summary>
    public static string Cell(string? value, char separator = DutchSeparator)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var text = IsDangerous(value) ? "'" + value : value;
        var needsQuotes = text.AsSpan().IndexOfAny(separator, '"', '\n') >= 0 || text.Contains('\r');
        if (!needsQuotes)
        {
            return text;
        }

        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Joins cells into one CSV line (without the line ending).</summary>
    public static string Line(IEnumerable<string?> cells, char separator = DutchSeparator)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var builder = new StringBuilder();
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                builder.Append(separator);
            }

            builder.Append(Cell(cell, separator));
            first = false;
        }

        return builder.ToString();
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

        foreach (var row in rows)
        {
            writer.Write(Line(row, separator));
            writer.Write("\r\n");
        }
    }

    /// <summary>Builds the whole file as UTF-8 bytes, by default with BOM and <c>;</c> for Dutch Excel.</summary>
    public static byte[] ToUtf8Bytes(IEnumerable<IEnumerable<string?>> rows, char separator = DutchSeparator, bool withBom = true)
    {
        using var writer = new StringWriter();
        Write(writer, rows, separator, writeBom: false);
        var body = Encoding.UTF8.GetBytes(writer.ToString());
        if (!withBom)
        {
            return body;
        }

        var result = new byte[body.Length + 3];
        result[0] = 0xEF;
        result[1] = 0xBB;
        result[2] = 0xBF;
        body.CopyTo(result, 3);
        return result;
    }
}
