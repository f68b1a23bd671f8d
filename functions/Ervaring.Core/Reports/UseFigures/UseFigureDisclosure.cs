using Ervaring.Core.Disclosure;

namespace Ervaring.Core.Reports.UseFigures;

/// <summary>One group's published count: null when hidden, with the reason.</summary>
public sealed record PublicUseCell(string Dimension, string Group, string Label, int? Clients, string? Reason);

/// <summary>
/// One year's published use figures of a report's scope: total clients and the median duration (both null when the
/// scope has fewer than k clients), and the groups after disclosure control.
/// </summary>
public sealed record PublicUseFigures(int Year, int? Clients, double? MedianDurationMonths, string? Reason, IReadOnlyList<PublicUseCell> Cells);

/// <summary>
/// Disclosure control for use figures, with the same k as the report's figures and the same rules
/// (<see cref="DisclosureControl"/>): a group with fewer than k clients is hidden, and in each breakdown (its groups
/// add up to the total) one more group is hidden when a hidden one could otherwise be worked out from the total. A
/// scope with fewer than k clients shows nothing at all, not even its total or median. Counts are what is published
/// here, so a hidden cell hides its count (unlike an experience figure, whose respondent count stays visible).
/// </summary>
public static class UseFigureDisclosure
{
    public static string TooFewClients(int k) => $"minder dan {k} cliënten";

    public static PublicUseFigures Protect(int year, ScopeUseFigures figures, int k)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var control = new DisclosureControl(k);
        if (figures.Clients < k)
            return new PublicUseFigures(year, null, null, TooFewClients(k), figures.Groups.Select(g => Cell(g, null, TooFewClients(k))).ToList());

        var cells = new List<PublicUseCell>();
        foreach (var dimension in figures.Groups.GroupBy(g => g.Dimension))
        {
            var parts = dimension.Select(g => new TableCell(g.Group, g.Clients, g.Clients)).ToList();
            var safe = control.Apply(DisclosureTable.OneWay(parts, new TableCell(TotalId, figures.Clients, figures.Clients)));
            foreach (var g in dimension)
            {
                var cell = safe[g.Group];
                cells.Add(Cell(g, cell.IsSuppressed ? null : g.Clients,
                    cell.SuppressionReason == SuppressionReasons.TooFewRespondents(k) ? TooFewClients(k) : cell.SuppressionReason));
            }
        }
        return new PublicUseFigures(year, figures.Clients, figures.MedianDurationMonths, null, cells);
    }

    /// <summary>The id of the total in the one-way table (never a group's code: codes have no spaces).</summary>
    private const string TotalId = "alle cliënten";

    private static PublicUseCell Cell(UseGroup g, int? clients, string? reason) =>
        new(g.Dimension, g.Group, g.Dimension == FrameUseFigures.Duration ? FrameUseFigures.DurationLabel(g.Group) : PlainLabels.Of(g.Dimension, g.Group), clients, reason);
}
