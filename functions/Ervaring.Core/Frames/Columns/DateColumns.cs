using System.Globalization;

namespace Ervaring.Core.Frames.Columns;

/// <summary>The date formats a frame may use: yyyy-MM-dd, dd-MM-yyyy, d-M-yyyy, dd/MM/yyyy, d/M/yyyy.</summary>
internal static class FrameDate
{
    private static readonly string[] Formats = ["yyyy-MM-dd", "dd-MM-yyyy", "d-M-yyyy", "dd/MM/yyyy", "d/M/yyyy"];

    public static bool TryParse(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string Invalid(string value) =>
        $"'{FrameRow.Shown(value)}' is geen geldige datum. Gebruik bijvoorbeeld 2025-03-31 of 31-03-2025.";
}

/// <summary>Start date (startdatum): required, a <see cref="FrameDate"/>.</summary>
internal static class StartDateColumn
{
    public static ColumnResult<DateOnly> Read(FrameRow row)
    {
        var text = row.Value(FrameColumn.StartDate);
        if (text.Length == 0)
        {
            return row.Error(FrameColumn.StartDate, "De startdatum ontbreekt.");
        }

        return FrameDate.TryParse(text, out var start) ? start : row.Error(FrameColumn.StartDate, FrameDate.Invalid(text));
    }
}

/// <summary>End date (einddatum): optional column and value; a <see cref="FrameDate"/> not before a valid start date.</summary>
internal static class EndDateColumn
{
    public static ColumnResult<DateOnly?> Read(FrameRow row, DateOnly? start)
    {
        var text = row.Value(FrameColumn.EndDate);
        if (text.Length == 0)
        {
            return new ColumnResult<DateOnly?>(null, null);
        }

        if (!FrameDate.TryParse(text, out var end))
        {
            return row.Error(FrameColumn.EndDate, FrameDate.Invalid(text));
        }

        return start is { } s && end < s
            ? row.Error(FrameColumn.EndDate, $"De einddatum ({end:yyyy-MM-dd}) ligt vóór de startdatum ({s:yyyy-MM-dd}).")
            : new ColumnResult<DateOnly?>(end, null);
    }
}
