namespace Ervaring.Core.Disclosure;

/// <summary>A cell of a table to publish: respondent count and percentage (0–100).</summary>
public sealed record TableCell(string Id, long Respondents, double Percentage);

/// <summary>A published total and the sibling cells that add up to it (in respondents).</summary>
public sealed record TotalRelation(string TotalId, IReadOnlyList<string> PartIds);

/// <summary>
/// Cells plus the additive relations between them. Built for one dimension (parts + total) or
/// two dimensions (interior, row totals, column totals, grand total); the suppressor works on the
/// relations, so it treats every dimension the same way.
/// </summary>
public sealed record DisclosureTable(IReadOnlyList<TableCell> Cells, IReadOnlyList<TotalRelation> Relations)
{
    public static DisclosureTable OneWay(IReadOnlyList<TableCell> parts, TableCell total) =>
        new([.. parts, total], [new TotalRelation(total.Id, parts.Select(p => p.Id).ToList())]);

    /// <param name="interior">Cells [row, column].</param>
    public static DisclosureTable TwoWay(TableCell[,] interior, IReadOnlyList<TableCell> rowTotals,
        IReadOnlyList<TableCell> columnTotals, TableCell grandTotal)
    {
        int rows = interior.GetLength(0), columns = interior.GetLength(1);
        if (rowTotals.Count != rows || columnTotals.Count != columns)
            throw new ArgumentException("Het aantal rij- of kolomtotalen past niet bij de tabel.");
        var cells = new List<TableCell>();
        var relations = new List<TotalRelation>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++) cells.Add(interior[r, c]);
            relations.Add(new TotalRelation(rowTotals[r].Id, Enumerable.Range(0, columns).Select(c => interior[r, c].Id).ToList()));
        }
        for (var c = 0; c < columns; c++)
            relations.Add(new TotalRelation(columnTotals[c].Id, Enumerable.Range(0, rows).Select(r => interior[r, c].Id).ToList()));
        relations.Add(new TotalRelation(grandTotal.Id, rowTotals.Select(t => t.Id).ToList()));
        relations.Add(new TotalRelation(grandTotal.Id, columnTotals.Select(t => t.Id).ToList()));
        cells.AddRange(rowTotals);
        cells.AddRange(columnTotals);
        cells.Add(grandTotal);
        return new DisclosureTable(cells, relations);
    }
}

/// <summary>A cell as published: the count is always shown; the percentage only when safe.</summary>
public sealed record SafeCell(string Id, long Respondents, int? Percentage, string? SuppressionReason)
{
    public bool IsSuppressed => Percentage is null;
}

public sealed record SafeTable(IReadOnlyList<SafeCell> Cells)
{
    public SafeCell this[string id] => Cells.Single(c => c.Id == id);
}
