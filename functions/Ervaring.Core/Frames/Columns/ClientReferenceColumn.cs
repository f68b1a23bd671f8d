namespace Ervaring.Core.Frames.Columns;

/// <summary>
/// Client reference (clientreferentie): required and unique in the file, compared exactly after trimming. A duplicate
/// names the line of the first one; the reference itself is never echoed in a message.
/// </summary>
internal sealed class ClientReferenceColumn
{
    private readonly Dictionary<string, int> firstLineByReference = new(StringComparer.Ordinal);

    public ColumnResult<string> Read(FrameRow row)
    {
        var reference = row.Value(FrameColumn.ClientReference);
        if (reference.Length == 0)
        {
            return row.Error(FrameColumn.ClientReference, "De clientreferentie ontbreekt. Elke regel moet een clientreferentie hebben.");
        }

        if (!firstLineByReference.TryAdd(reference, row.Line))
        {
            return row.Error(
                FrameColumn.ClientReference,
                $"Deze clientreferentie staat al op regel {firstLineByReference[reference]}. Elke cliënt mag maar één keer in het bestand staan.");
        }

        return reference;
    }
}
