namespace Ervaring.Core.Disclosure;

/// <summary>
/// Finds hidden cells whose value follows from the published cells through the table's
/// additive relations (total = Σ parts), also by combining several relations — which the
/// sibling rule alone can miss in two-way tables. Gaussian elimination on the relations
/// restricted to hidden cells: a hidden cell is determined exactly when its unit vector lies in
/// the row space, i.e. it is a pivot whose reduced row has no other non-zero entry.
/// </summary>
internal static class RecoverabilityAudit
{
    public static IReadOnlyList<string> DeterminedCells(IReadOnlyList<TotalRelation> relations, ISet<string> hidden)
    {
        var columns = hidden.Order(StringComparer.Ordinal).ToList();
        var index = columns.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var matrix = new List<double[]>();
        foreach (var relation in relations)
        {
            var row = new double[columns.Count];
            if (index.TryGetValue(relation.TotalId, out var t)) row[t] += 1;
            foreach (var part in relation.PartIds)
                if (index.TryGetValue(part, out var p)) row[p] -= 1;
            if (row.Any(v => v != 0)) matrix.Add(row);
        }

        const double tolerance = 1e-9;
        var pivotRow = 0;
        var pivots = new List<(int Row, int Column)>();
        for (var col = 0; col < columns.Count && pivotRow < matrix.Count; col++)
        {
            var best = Enumerable.Range(pivotRow, matrix.Count - pivotRow).MaxBy(r => Math.Abs(matrix[r][col]));
            if (Math.Abs(matrix[best][col]) < tolerance) continue;
            (matrix[pivotRow], matrix[best]) = (matrix[best], matrix[pivotRow]);
            var pivot = matrix[pivotRow][col];
            for (var c = 0; c < columns.Count; c++) matrix[pivotRow][c] /= pivot;
            for (var r = 0; r < matrix.Count; r++)
            {
                if (r == pivotRow || Math.Abs(matrix[r][col]) < tolerance) continue;
                var factor = matrix[r][col];
                for (var c = 0; c < columns.Count; c++) matrix[r][c] -= factor * matrix[pivotRow][c];
            }
            pivots.Add((pivotRow, col));
            pivotRow++;
        }
        return pivots
            .Where(p => Enumerable.Range(0, columns.Count).All(c => c == p.Column || Math.Abs(matrix[p.Row][c]) < tolerance))
            .Select(p => columns[p.Column])
            .ToList();
    }
}
