using System.Globalization;
using Ervaring.Core.Reports.Aggregation;

namespace Ervaring.Core.Reports.Fieldwork;

/// <summary>A group that answers clearly less than average: its partial indicator, its response and its size.</summary>
/// <param name="Name">Dutch plural name, e.g. "Ouders van kinderen met verblijf".</param>
public sealed record LaggingGroup(
    string Audience, string Scope, string Variable, string Category, string Name, int Invited, double ResponseRate, double MeanResponseRate, double Partial);

/// <summary>The advice for one municipality and audience: the groups lagging most, and a plain sentence for the officer.</summary>
/// <param name="HiddenGroups">Groups left out because fewer than k were invited in them.</param>
public sealed record ReminderAdviceRow(string Audience, string Scope, IReadOnlyList<LaggingGroup> Lagging, int HiddenGroups, string Sentence);

/// <summary>
/// Which groups to give extra attention in the next reminder round, from the unconditional partial indicators per
/// category (care type, age band): a category lags when P_u(X,k) = sqrt(N_k/N)·(ρ_k − ρ̄) is at or below
/// <see cref="LagThreshold"/>. This is the responsive-design rule survey agencies use: put the extra effort (a phone
/// call, a paper questionnaire) where the response is most out of balance, not everywhere. Groups with fewer than
/// k invited are never named, so the advice points at no family.
/// </summary>
public static class ReminderAdvice
{
    /// <summary>
    /// Lower than the report's −0.05 (<c>RepresentativenessSentence</c>): during fieldwork the officer can still act,
    /// so a smaller imbalance is worth a word. A category of a quarter of the clients lagging six points is −0.03.
    /// </summary>
    public const double LagThreshold = -0.03;

    /// <summary>At most this many groups are named per municipality and audience: the ones lagging most.</summary>
    public const int MostNamed = 3;

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <param name="representativeness">The R-indicators of the latest day (<see cref="CourseDay.Representativeness"/>).</param>
    /// <param name="tallies">The same day's counts per stratum (for the size of each group).</param>
    /// <param name="k">The wave's suppression threshold: groups with fewer invited are left out.</param>
    public static IReadOnlyList<ReminderAdviceRow> For(IReadOnlyList<RepresentativenessRow> representativeness, IReadOnlyList<FieldworkTally> tallies, int k)
    {
        var municipalities = tallies.Select(t => t.Municipality).ToHashSet(StringComparer.Ordinal);
        var rows = new List<ReminderAdviceRow>();
        foreach (var row in representativeness.Where(r => municipalities.Contains(r.Scope)))
        {
            var inScope = tallies.Where(t => t.Audience == row.Audience && t.Municipality == row.Scope).ToList();
            var candidates = row.Partials.Select(p => (Partial: p, Invited: inScope.Where(t => Category(t, p.Variable) == p.Category).Sum(t => t.Invited))).ToList();
            var hidden = candidates.Count(c => c.Invited < k);
            var lagging = candidates
                .Where(c => c.Invited >= k && c.Partial.Partial <= LagThreshold && c.Partial.Propensity < row.MeanPropensity)
                .OrderBy(c => c.Partial.Partial)
                .Take(MostNamed)
                .Select(c => new LaggingGroup(row.Audience, row.Scope, c.Partial.Variable, c.Partial.Category,
                    GroupNames.Of(row.Audience, c.Partial.Variable, c.Partial.Category), c.Invited, c.Partial.Propensity, row.MeanPropensity, c.Partial.Partial))
                .ToList();
            rows.Add(new ReminderAdviceRow(row.Audience, row.Scope, lagging, hidden, Sentence(row, lagging)));
        }
        return rows;
    }

    private static string Category(FieldworkTally tally, string variable) => variable == Dimensions.AgeBand ? tally.AgeBand : tally.CareType;

    private static string Sentence(RepresentativenessRow row, IReadOnlyList<LaggingGroup> lagging)
    {
        var who = $"{row.Scope}, {row.Audience}";
        if (lagging.Count == 0)
            return $"{who}: geen groep blijft duidelijk achter. De gewone herinnering is genoeg.";
        var names = lagging.Select(g => $"{Lower(g.Name)} ({Percent(g.ResponseRate)} ingevuld)").ToList();
        var list = names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " en " + names[^1];
        return $"{who}: het minst gereageerd hebben {list}, tegen {Percent(row.MeanPropensity)} gemiddeld. "
            + "Geef precies deze groepen bij de volgende herinnering extra aandacht, bijvoorbeeld met een telefoonronde of een papieren vragenlijst.";
    }

    private static string Lower(string name) => name.Length == 0 ? name : char.ToLower(name[0], Dutch) + name[1..];

    private static string Percent(double share) => Math.Round(share * 100, MidpointRounding.AwayFromZero).ToString("0", Dutch) + "%";
}
