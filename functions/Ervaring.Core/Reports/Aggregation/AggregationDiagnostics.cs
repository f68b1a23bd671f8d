namespace Ervaring.Core.Reports.Aggregation;

/// <summary>
/// What went wrong or was decided while estimating one audience: estimates that could not be made (in Dutch,
/// each message once) and strata merged before estimation (each stratum once per measure). Owned by the
/// <see cref="AudienceAggregator"/> and read into the result; callers never pass lists in.
/// </summary>
public sealed class AggregationDiagnostics
{
    private readonly List<string> _problems = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<CollapseRow> _collapses = [];
    private readonly HashSet<(string Measure, string From)> _collapsed = [];

    public IReadOnlyList<string> Problems => _problems;
    public IReadOnlyList<CollapseRow> Collapses => _collapses;

    public void Problem(string message)
    {
        if (_seen.Add(message)) _problems.Add(message);
    }

    public void Collapse(CollapseRow row)
    {
        if (_collapsed.Add((row.Measure, row.From))) _collapses.Add(row);
    }

    /// <summary>Problems of several audiences in order, a message repeated by a later audience listed once.</summary>
    public static List<string> MergeProblems(IEnumerable<IEnumerable<string>> perAudience)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return perAudience.SelectMany(p => p).Where(seen.Add).ToList();
    }
}
