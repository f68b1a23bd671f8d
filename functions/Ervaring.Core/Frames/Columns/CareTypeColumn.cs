namespace Ervaring.Core.Frames.Columns;

/// <summary>Care type (zorgvorm): required, one of <see cref="CareType"/> by any alias in <see cref="FrameVocabulary.CareTypeAliases"/>.</summary>
internal sealed class CareTypeColumn
{
    private static readonly Dictionary<string, CareType> Lookup = FrameVocabulary.BuildLookup(FrameVocabulary.CareTypeAliases);
    private readonly Dictionary<string, CareType?> cache = new(StringComparer.Ordinal);

    public ColumnResult<CareType> Read(FrameRow row)
    {
        var text = row.Value(FrameColumn.CareType);
        if (text.Length == 0)
        {
            return row.Error(FrameColumn.CareType, $"De zorgvorm ontbreekt. Kies uit: {FrameVocabulary.CareTypeChoices}.");
        }

        if (!cache.TryGetValue(text, out var careType))
        {
            careType = Lookup.TryGetValue(FrameVocabulary.Normalise(text), out var known) ? known : null;
            cache[text] = careType;
        }

        return careType is { } found
            ? found
            : row.Error(FrameColumn.CareType, $"Zorgvorm '{FrameRow.Shown(text)}' kennen we niet. Kies uit: {FrameVocabulary.CareTypeChoices}.");
    }
}
