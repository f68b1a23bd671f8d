using Ervaring.Core.Frames.Columns;

namespace Ervaring.Core.Frames;

/// <summary>
/// Reads one data row into a <see cref="FrameRecord"/>, one reader per column (<c>Frames/Columns</c>, where each
/// column's rule and Dutch messages live). Every error of the row is reported, in column order; a row with any error
/// gives no record. Holds what spans rows: the references seen so far and the look-up caches.
/// </summary>
internal sealed class FrameRowReader(FrameParseOptions options)
{
    private readonly ClientReferenceColumn clientReference = new();
    private readonly BirthYearOrAgeColumn birthYearOrAge = new(options);
    private readonly MunicipalityColumn municipality = new(options.Municipalities);
    private readonly CareTypeColumn careType = new();
    private readonly ReferrerColumn referrer = new();

    public FrameRecord? Read(FrameRow row, List<FrameRowError> errors)
    {
        if (row.WrongFieldCount() is { } wrongFieldCount)
        {
            errors.Add(wrongFieldCount);
            return null;
        }

        var errorCount = errors.Count;
        var reference = Keep(clientReference.Read(row), errors);
        var (birthYear, age) = Keep(birthYearOrAge.Read(row), errors);
        var place = Keep(municipality.Read(row), errors);
        var care = Keep(careType.Read(row), errors);
        var referredBy = Keep(referrer.Read(row), errors);
        var provider = Keep(ProviderColumn.Read(row), errors);
        var start = StartDateColumn.Read(row);
        Keep(start, errors);
        var end = Keep(EndDateColumn.Read(row, start.Error is null ? start.Value : null), errors);

        return errors.Count == errorCount
            ? new FrameRecord(row.Line, reference, birthYear, age, place, care, referredBy, provider, start.Value, end)
            : null;
    }

    private static T Keep<T>(ColumnResult<T> result, List<FrameRowError> errors)
    {
        if (result.Error is { } error)
        {
            errors.Add(error);
        }

        return result.Value;
    }
}
