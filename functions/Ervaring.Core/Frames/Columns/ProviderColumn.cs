namespace Ervaring.Core.Frames.Columns;

/// <summary>Provider code (aanbieder, AGB code): required, any text.</summary>
internal static class ProviderColumn
{
    public static ColumnResult<string> Read(FrameRow row)
    {
        var provider = row.Value(FrameColumn.Provider);
        return provider.Length > 0 ? provider : row.Error(FrameColumn.Provider, "De code van de aanbieder ontbreekt.");
    }
}
