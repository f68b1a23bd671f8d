namespace Ervaring.Core.Frames.Columns;

/// <summary>
/// Municipality (gemeente): required, and one of the wave's municipalities (matched through
/// <see cref="FrameVocabulary.Normalise"/>); the record gets the spelling of the wave's list.
/// </summary>
internal sealed class MunicipalityColumn
{
    private readonly Dictionary<string, string> allowed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> cache = new(StringComparer.Ordinal);
    private string? allowedList;

    public MunicipalityColumn(IEnumerable<string> municipalities)
    {
        foreach (var municipality in municipalities)
        {
            allowed.TryAdd(FrameVocabulary.Normalise(municipality), municipality.Trim());
        }
    }

    public ColumnResult<string> Read(FrameRow row)
    {
        var text = row.Value(FrameColumn.Municipality);
        if (text.Length == 0)
        {
            return row.Error(FrameColumn.Municipality, "De gemeente ontbreekt.");
        }

        if (!cache.TryGetValue(text, out var municipality))
        {
            municipality = allowed.GetValueOrDefault(FrameVocabulary.Normalise(text));
            cache[text] = municipality;
        }

        return municipality ?? (ColumnResult<string>)row.Error(
            FrameColumn.Municipality, $"Gemeente '{FrameRow.Shown(text)}' hoort niet bij deze meting. Toegestaan: {AllowedList()}.");
    }

    /// <summary>The wave's municipalities in alphabetical order, at most ten named.</summary>
    private string AllowedList()
    {
        if (allowedList is null)
        {
            var names = allowed.Values.Order(StringComparer.CurrentCulture).ToList();
            allowedList = names.Count <= 10 ? string.Join(", ", names) : string.Join(", ", names.Take(10)) + $" en {names.Count - 10} andere";
        }

        return allowedList;
    }
}
