namespace Ervaring.Core.Frames;

/// <summary>
/// Minimal RFC 4180 record reader over a decoded string: quoted fields (with doubled quotes and
/// line breaks inside), CRLF/LF/CR line endings, and the physical line number where each record starts.
/// </summary>
internal sealed class CsvRecordReader(string text, char separator)
{
    private int position;
    private int line = 1;

    /// <summary>Line where the unterminated quoted field started, when reading failed.</summary>
    public int? UnterminatedQuoteLine { get; private set; }

    /// <summary>Detects the separator from the first line: the more frequent of ';' and ',' outside quotes (';' on a tie).</summary>
    public static char DetectSeparator(string text)
    {
        int semicolons = 0, commas = 0;
        var inQuotes = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes)
            {
                if (c is '\n' or '\r')
                {
                    break;
                }

                if (c == ';')
                {
                    semicolons++;
                }
                else if (c == ',')
                {
                    commas++;
                }
            }
        }

        return commas > semicolons ? ',' : ';';
    }

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end or on an unterminated quote.</summary>
    public bool TryRead(List<string> fields, out int startLine)
    {
        fields.Clear();
        startLine = line;
        if (position >= text.Length)
        {
            return false;
        }

        while (true)
        {
            // Skip leading spaces to see whether the field is quoted.
            var fieldStart = position;
            var probe = position;
            while (probe < text.Length && text[probe] is ' ' or '\t')
            {
                probe++;
            }

            if (probe < text.Length && text[probe] == '"')
            {
                if (!ReadQuoted(probe + 1, fields, startLine))
                {
                    return false;
                }
            }
            else
            {
                var rest = text.AsSpan(fieldStart);
                var end = rest.IndexOfAny(separator, '\r', '\n');
                var length = end < 0 ? rest.Length : end;
                fields.Add(text.Substring(fieldStart, length));
                position = fieldStart + length;
            }

            if (position >= text.Length)
            {
                return true;
            }

            var c = text[position];
            if (c == separator)
            {
                position++;
                if (position >= text.Length)
                {
                    fields.Add(string.Empty);
                    return true;
                }

                continue;
            }

            // End of line.
            position++;
            if (c == '\r' && position < text.Length && text[position] == '\n')
            {
                position++;
            }

            line++;
            return true;
        }
    }

    private bool ReadQuoted(int start, List<string> fields, int startLine)
    {
        var builder = new System.Text.StringBuilder();
        var i = start;
        while (true)
        {
            if (i >= text.Length)
            {
                UnterminatedQuoteLine = startLine;
                position = text.Length;
                return false;
            }

            var c = text[i];
            if (c == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    builder.Append('"');
                    i += 2;
                    continue;
                }

                i++;
                break;
            }

            if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
            }

            builder.Append(c);
            i++;
        }

        // Anything between the closing quote and the separator is kept (lenient).
        while (i < text.Length && text[i] != separator && text[i] != '\r' && text[i] != '\n')
        {
            builder.Append(text[i]);
            i++;
        }

        fields.Add(builder.ToString());
        position = i;
        return true;
    }
}
