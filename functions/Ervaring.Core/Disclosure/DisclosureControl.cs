namespace Ervaring.Core.Disclosure;

/// <summary>
/// Makes a table safe to publish:
/// 1. primary suppression: the figure of a cell with fewer than k respondents is hidden;
/// 2. secondary suppression: in every relation (a total and its parts) with exactly one hidden
///    member, the smallest published part (or the total when no part is left) is hidden too;
///    repeated over all relations until nothing changes;
/// 3. an audit that also catches cells recoverable by combining relations (two-way tables),
///    resolved the same way, after which step 2 runs again;
/// 4. percentages rounded to whole numbers, halves away from zero. Counts are always shown.
/// </summary>
public sealed class DisclosureControl
{
    public const int DefaultMinimumRespondents = 10;
    public const int LowestAllowedMinimum = 5;

    public int MinimumRespondents { get; }

    public DisclosureControl(int minimumRespondents = DefaultMinimumRespondents)
    {
        if (minimumRespondents < LowestAllowedMinimum)
            throw new ArgumentOutOfRangeException(nameof(minimumRespondents),
                $"De grens voor het aantal respondenten moet minstens {LowestAllowedMinimum} zijn (gekozen: {minimumRespondents}).");
        MinimumRespondents = minimumRespondents;
    }

    public SafeTable Apply(DisclosureTable table)
    {
        var cells = table.Cells.ToDictionary(c => c.Id);
        foreach (var id in table.Relations.SelectMany(r => r.PartIds.Append(r.TotalId)))
            if (!cells.ContainsKey(id)) throw new ArgumentException($"De tabel verwijst naar cel '{id}', maar die cel bestaat niet.", nameof(table));

        var reasons = new Dictionary<string, string>();
        foreach (var cell in table.Cells.Where(c => c.Respondents < MinimumRespondents))
            reasons[cell.Id] = SuppressionReasons.TooFewRespondents(MinimumRespondents);

        while (true)
        {
            ApplySiblingRule(table.Relations, cells, reasons);
            var determined = RecoverabilityAudit.DeterminedCells(table.Relations, reasons.Keys.ToHashSet());
            if (determined.Count == 0) break;
            var cell = determined[0];
            // Prefer hiding a cell next to the recoverable one; otherwise any published cell
            // in a relation with a hidden member.
            var candidate = SmallestCandidate(table.Relations.Where(r => r.TotalId == cell || r.PartIds.Contains(cell)), cells, reasons)
                ?? SmallestCandidate(table.Relations.Where(r => r.PartIds.Append(r.TotalId).Any(reasons.ContainsKey)), cells, reasons)
                ?? throw new InvalidOperationException("Geen cel meer over om te verbergen.");
            reasons[candidate] = SuppressionReasons.Secondary;
        }

        return new SafeTable(table.Cells.Select(c => reasons.TryGetValue(c.Id, out var reason)
            ? new SafeCell(c.Id, c.Respondents, null, reason)
            : new SafeCell(c.Id, c.Respondents, (int)Math.Round(c.Percentage, MidpointRounding.AwayFromZero), null)).ToList());
    }

    private static void ApplySiblingRule(IReadOnlyList<TotalRelation> relations, Dictionary<string, TableCell> cells, Dictionary<string, string> reasons)
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var relation in relations)
            {
                var hidden = relation.PartIds.Append(relation.TotalId).Count(reasons.ContainsKey);
                if (hidden != 1) continue;
                var candidate = Candidate(relation, cells, reasons);
                if (candidate is null) continue;
                reasons[candidate] = SuppressionReasons.Secondary;
                changed = true;
            }
        } while (changed);
    }

    private static string? SmallestCandidate(IEnumerable<TotalRelation> relations, Dictionary<string, TableCell> cells, Dictionary<string, string> reasons) =>
        relations.Select(r => Candidate(r, cells, reasons)).OfType<string>()
            .OrderBy(id => cells[id].Respondents).ThenBy(id => id, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>The smallest published part of a relation; the total when every part is hidden.</summary>
    private static string? Candidate(TotalRelation relation, Dictionary<string, TableCell> cells, Dictionary<string, string> reasons) =>
        relation.PartIds.Where(id => !reasons.ContainsKey(id))
            .OrderBy(id => cells[id].Respondents).ThenBy(id => id, StringComparer.Ordinal)
            .FirstOrDefault()
        ?? (reasons.ContainsKey(relation.TotalId) ? null : relation.TotalId);
}
