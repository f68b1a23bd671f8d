using Ervaring.Core.Disclosure;
using Ervaring.Core.Sampling;

namespace Ervaring.Core.Reports;

/// <summary>
/// A figure as it may be published: rounded (whole percentages; marks to one decimal), and for a hidden cell
/// neither the figure nor the exact number of respondents — only why it is hidden. <see cref="NewThisYear"/> is true for
/// a figure with no identical figure in the previous wave's questionnaire (issue 16), and null otherwise, so the
/// data.json of a report without new figures stays as it was.
/// </summary>
public sealed record PublicFigure(
    string Audience, string Scope, string Dimension, string DomainValue, string MeasureType, string Measure, string Label, string Scale,
    long? Respondents, double? Value, double? CiLow, double? CiHigh, string? SuppressionReason,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] bool? NewThisYear = null)
{
    public bool Suppressed => SuppressionReason is not null;

    /// <summary>The breakdown value in full Dutch ("gecertificeerde instelling (GI)" for "gi"): what people read.</summary>
    public string DomainLabel => PlainLabels.Of(Dimension, DomainValue);
}

/// <summary>
/// Disclosure control over the estimate tables of one scope. For every audience and measure, each breakdown is a
/// one-way table (its values and the scope total) given to <see cref="DisclosureControl"/>. The total is one cell
/// shared by every breakdown: when any table hides it, it is hidden everywhere and every table is protected again
/// with the total hidden. A caller can force a total hidden (a municipality hidden in the region's table must
/// not reappear as the total of its own report).
/// </summary>
public static class PublicTables
{
    private const string TotalId = "\u0000totaal";

    public static IReadOnlyList<PublicFigure> Protect(IEnumerable<EstimateRow> scopeRows, DisclosureControl control, Func<EstimateRow, bool>? forceTotalHidden = null)
    {
        var k = control.MinimumRespondents;
        var primary = SuppressionReasons.TooFewRespondents(k);
        var figures = new List<PublicFigure>();
        foreach (var measure in scopeRows.GroupBy(r => (r.Audience, r.MeasureType, r.Measure)))
        {
            var total = measure.FirstOrDefault(r => r.Dimension == Dimensions.Total);
            if (total is null) continue;
            string? totalReason = total.N < k ? primary : forceTotalHidden?.Invoke(total) == true ? SuppressionReasons.Secondary : null;
            var reasons = new Dictionary<EstimateRow, string>();
            var breakdowns = measure.Where(r => r.Dimension != Dimensions.Total).GroupBy(r => r.Dimension).Select(g => g.ToList()).ToList();
            bool again;
            do
            {
                again = false;
                reasons.Clear();
                foreach (var parts in breakdowns)
                {
                    // A hidden total enters as a cell with 0 respondents, so the suppressor treats it as hidden.
                    var table = DisclosureTable.OneWay(
                        parts.Select(p => new TableCell(p.DomainValue, p.N, 0)).ToList(),
                        new TableCell(TotalId, totalReason is null ? total.N : 0, 0));
                    var safe = control.Apply(table);
                    if (totalReason is null && safe[TotalId].IsSuppressed)
                    {
                        totalReason = SuppressionReasons.Secondary;
                        again = true;
                        break;
                    }
                    foreach (var part in parts)
                        if (safe[part.DomainValue].SuppressionReason is { } reason) reasons[part] = reason;
                }
            } while (again);

            figures.Add(Figure(total, totalReason));
            // Within a breakdown the groups come in age order (0-3, 4-11, 12-17, 18-23), not as text (issue 20): the
            // order of the report's tables, the CSV rows and the JSON figures of every version composed from now on.
            figures.AddRange(breakdowns.SelectMany(b => b.OrderBy(p => p.DomainValue, AgeBandOrder.Instance)).Select(p => Figure(p, reasons.GetValueOrDefault(p))));
        }
        return figures;
    }

    private static PublicFigure Figure(EstimateRow row, string? reason) => reason is not null
        ? new PublicFigure(row.Audience, row.Scope, row.Dimension, row.DomainValue, row.MeasureType, row.Measure, LabelOf(row), row.Scale, null, null, null, null, reason)
        : new PublicFigure(row.Audience, row.Scope, row.Dimension, row.DomainValue, row.MeasureType, row.Measure, LabelOf(row), row.Scale,
            row.N, Display(row.Scale, row.Value), Display(row.Scale, row.CiLow), Display(row.Scale, row.CiHigh), null);

    /// <summary>An indicator is published under its one name (<see cref="PlainLabels.Indicator"/>); a question under its text.</summary>
    private static string LabelOf(EstimateRow row) => row.MeasureType == MeasureTypes.Indicator ? PlainLabels.Indicator(row.Measure, row.Label) : row.Label;

    /// <summary>Shares as whole percentages (halves away from zero); marks to one decimal.</summary>
    public static double Display(string scale, double value) => scale == "cijfer"
        ? Math.Round(value, 1, MidpointRounding.AwayFromZero)
        : Math.Round(value * 100, MidpointRounding.AwayFromZero);
}
