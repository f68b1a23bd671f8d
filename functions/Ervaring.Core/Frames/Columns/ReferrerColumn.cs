namespace Ervaring.Core.Frames.Columns;

/// <summary>
/// Referrer (verwijzer): required ('onbekend' when not known), one of <see cref="Referrer"/> by any alias in
/// <see cref="FrameVocabulary.ReferrerAliases"/>.
/// </summary>
internal sealed class ReferrerColumn
{
    private static readonly Dictionary<string, Referrer> Lookup = FrameVocabulary.BuildLookup(FrameVocabulary.ReferrerAliases);
    private readonly Dictionary<string, Referrer?> cache = new(StringComparer.Ordinal);

    public ColumnResult<Referrer> Read(FrameRow row)
    {
        var text = row.Value(FrameColumn.Referrer);
        if (text.Length == 0)
        {
            return row.Error(
                FrameColumn.Referrer,
                $"De verwijzer ontbreekt. Vul 'onbekend' in als u de verwijzer niet weet. Kies uit: {FrameVocabulary.ReferrerChoices}.");
        }

        if (!cache.TryGetValue(text, out var referrer))
        {
            referrer = Lookup.TryGetValue(FrameVocabulary.Normalise(text), out var known) ? known : null;
            cache[text] = referrer;
        }

        return referrer is { } found
            ? found
            : row.Error(FrameColumn.Referrer, $"Verwijzer '{FrameRow.Shown(text)}' kennen we niet. Kies uit: {FrameVocabulary.ReferrerChoices}.");
    }
}
