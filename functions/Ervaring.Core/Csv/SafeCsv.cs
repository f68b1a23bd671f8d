using System.Text;

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
/// </summary>
public static class SafeCsv
{
    /// <summary>The separator Dutch Excel expects (the comma is the decimal sign in nl-NL).</summary>
    public const char DutchSeparator = ';';

    /// <summary>Characters at which some reader may start a new cell or line: the cell must be quoted.</summary>
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
    /// Returns the cell text ready to be written between separators: quoted when any reader could split it,
    /// with a leading apostrophe when any reading could start a formula.
    /// </summary>
    public static string Cell(string? value, char separator = DutchSeparator)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var text = IsDangerous(value) ? Neutralise(value) : value;
        var needsQuotes = text.AsSpan().IndexOfAny(Splitting) >= 0 || text.Contains(separator);
        if (!needsQuotes)
        {
            return text;
        }

        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
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
