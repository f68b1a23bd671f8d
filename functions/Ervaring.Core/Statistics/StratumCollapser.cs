namespace Ervaring.Core.Statistics;

/// <summary>One stratum merged into another because it had too few valid answers.</summary>
/// <param name="From">The stratum (group) that was merged away.</param>
/// <param name="Into">The stratum (group) that absorbed it; its key stays.</param>
/// <param name="Reason">Dutch explanation for the report.</param>
public sealed record StratumCollapse(StratumKey From, StratumKey Into, string Reason);

/// <summary>Result of collapsing: every original stratum mapped to the group it ended in.</summary>
public sealed record CollapsePlan(
    IReadOnlyDictionary<StratumKey, StratumKey> GroupOf,
    IReadOnlyList<StratumCollapse> Collapses);

/// <summary>Thrown when a stratum cannot be collapsed under the rule (no stratum in the same municipality).</summary>
public sealed class StratumCollapseException(string message) : InvalidOperationException(message);

/// <summary>
/// Collapses strata with fewer than <see cref="MinimumValid"/> valid answers, because a stratum
/// variance needs at least two. The rule (docs/statistics.md):
/// repeatedly take the group with the fewest valid answers (ties: lowest key) that is below the
/// minimum, and merge it into
///   1. a group with the same municipality and care type, nearest age band (ties: lower band), else
///   2. a group with the same municipality and any care type, nearest age band
///      (ties: lower band, then care type in ordinal order).
/// The absorbing group keeps its key; population sizes and answer counts add up.
/// </summary>
public static class StratumCollapser
{
    public const int MinimumValid = 2;

    public static CollapsePlan Plan(
        IReadOnlyDictionary<StratumKey, long> populationSizes,
        IReadOnlyDictionary<StratumKey, long> validCounts)
    {
        // group key -> valid answers in the group
        var valid = populationSizes.Where(p => p.Value > 0)
            .ToDictionary(p => p.Key, p => validCounts.GetValueOrDefault(p.Key));
        var groupOf = valid.Keys.ToDictionary(k => k, k => k);
        var collapses = new List<StratumCollapse>();

        while (true)
        {
            var small = valid.Where(g => g.Value < MinimumValid)
                .OrderBy(g => g.Value).ThenBy(g => g.Key)
                .Select(g => g.Key).FirstOrDefault();
            if (small is null) break;

            var others = valid.Keys.Where(k => k != small && k.Municipality == small.Municipality).ToList();
            var target = others.Where(k => k.CareType == small.CareType)
                    .OrderBy(k => Math.Abs(k.AgeBand - small.AgeBand)).ThenBy(k => k.AgeBand)
                    .FirstOrDefault()
                ?? others.OrderBy(k => Math.Abs(k.AgeBand - small.AgeBand)).ThenBy(k => k.AgeBand)
                    .ThenBy(k => k.CareType, StringComparer.Ordinal)
                    .FirstOrDefault();
            if (target is null)
                throw new StratumCollapseException(
                    $"Te weinig geldige antwoorden in gemeente {small.Municipality} om een schatting te maken " +
                    $"(laag {small}: {valid[small]} geldige antwoorden, geen andere laag om mee samen te voegen).");

            var sameCare = target.CareType == small.CareType;
            collapses.Add(new StratumCollapse(small, target,
                $"Laag {small} had {valid[small]} geldige antwoorden (minimaal {MinimumValid} nodig); " +
                (sameCare ? "samengevoegd met de dichtstbijzijnde leeftijdsgroep met dezelfde zorgvorm."
                          : "geen laag met dezelfde zorgvorm, dus samengevoegd met de dichtstbijzijnde leeftijdsgroep in dezelfde gemeente.")));
            valid[target] += valid[small];
            valid.Remove(small);
            foreach (var original in groupOf.Keys.ToList())
                if (groupOf[original] == small) groupOf[original] = target;
        }
        return new CollapsePlan(groupOf, collapses);
    }
}
