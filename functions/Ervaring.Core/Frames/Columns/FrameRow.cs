namespace Ervaring.Core.Frames.Columns;

/// <summary>
/// The current data row as a column reader sees it: its line, each column's value (trimmed), and the Dutch error for
/// a column on this line, which names the column as the file's header writes it.
/// </summary>
internal sealed class FrameRow(FrameCsvReader reader, FrameHeader header)
{
    /// <summary>Physical line where the row starts (header = line 1).</summary>
    public int Line => reader.Line;

    public bool Has(FrameColumn column) => header.Has(column);

    /// <summary>The column's value, trimmed; empty when the header does not have the (optional) column.</summary>
    public string Value(FrameColumn column) => header.Has(column) ? reader[header.IndexOf(column)].Trim() : string.Empty;

    public FrameRowError Error(FrameColumn column, string reason) => new(Line, header.NameOf(column), reason);

    /// <summary>
    /// The error for the whole line when it has another number of fields than the header has columns (extra empty
    /// trailing fields, <c>;;;</c> from Excel, are fine); null otherwise.
    /// </summary>
    public FrameRowError? WrongFieldCount()
    {
        var expected = header.Names.Length;
        if (reader.Count == expected)
        {
            return null;
        }

        if (reader.Count > expected)
        {
            var onlyEmptyExtras = true;
            for (var i = expected; i < reader.Count && onlyEmptyExtras; i++)
            {
                onlyEmptyExtras = reader.IsBlankField(i);
            }

            if (onlyEmptyExtras)
            {
                return null;
            }
        }

        return new FrameRowError(
            Line,
            null,
            $"Deze regel heeft {reader.Count} velden, maar de kopregel heeft {expected} kolommen. Controleer het scheidingsteken en de aanhalingstekens.");
    }

    /// <summary>Quotes a value from the file in a message, shortened so a message stays readable.</summary>
    public static string Shown(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

/// <summary>What a column reader found in one row: the value, or the Dutch error for this line and column.</summary>
internal readonly record struct ColumnResult<T>(T Value, FrameRowError? Error)
{
    public static implicit operator ColumnResult<T>(T value) => new(value, null);

    public static implicit operator ColumnResult<T>(FrameRowError error) => new(default!, error);
}
