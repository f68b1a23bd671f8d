using Ervaring.Core.Comparison;
using Ervaring.Core.Sampling;
using Ervaring.Core.Waves;

namespace Ervaring.Core.Reports.Aggregation;

/// <summary>
/// A total of this wave with no identical figure in the latest earlier published wave of its scope and audience
/// (issue 16, point 2): the report marks it "nieuw dit jaar".
/// </summary>
public sealed record NewFigureRow(string Audience, string Scope, string MeasureType, string Measure, int EarlierYear);

/// <summary>
/// Issue 16, point 2: trends, pooled years, targets and the "nieuw dit jaar" mark set a figure only beside an identical
/// figure of an earlier wave, as the codebook says (<see cref="Codebook.Same"/>): the same questionnaire version, an
/// item linked by "sameAs", or an indicator whose versions share a "sameIn" group.
/// </summary>
/// <param name="codebook">
/// Null only where every wave has the same questionnaire version (unit tests of other rules): then every figure with
/// the same key is the same, as before issue 16. The function app always gives the committed codebook.
/// </param>
/// <param name="current">This wave's questionnaire per audience.</param>
public sealed class VersionComparison(Codebook? codebook, IReadOnlyDictionary<string, DefinitionRef> current)
{
    public static VersionComparison For(WaveDesignInput design, Codebook? codebook) =>
        new(codebook, design.Audiences.ToDictionary(a => a.Audience.Name(), a => new DefinitionRef(a.Definition.Id, a.Definition.Version), StringComparer.Ordinal));

    /// <summary>
    /// Whether this wave's figure and the earlier wave's figure of the same measure are the same figure. With a
    /// codebook, an earlier wave whose questionnaire for the audience is unknown is never the same.
    /// </summary>
    public bool Same(EstimateRow row, PublishedAggregate earlier)
    {
        if (codebook is null) return true;
        if (!current.TryGetValue(row.Audience, out var mine) || earlier.Questionnaires?.GetValueOrDefault(row.Audience) is not { } theirs) return false;
        return codebook.Same(row.MeasureType, row.Measure, theirs, mine);
    }

    /// <summary>
    /// The totals with no identical predecessor in the latest earlier published wave that has figures for the same
    /// audience and scope. A first wave has no predecessor and nothing is marked (then everything would be new).
    /// </summary>
    public List<NewFigureRow> NewThisYear(IReadOnlyList<EstimateRow> estimates, IReadOnlyList<PublishedAggregate> earlier)
    {
        var result = new List<NewFigureRow>();
        if (codebook is null) return result;
        foreach (var group in estimates.Where(e => e.Dimension == Dimensions.Total).GroupBy(e => (e.Audience, e.Scope)))
        {
            var previous = earlier
                .Where(w => w.Aggregate.Estimates.Any(e => e.Audience == group.Key.Audience && e.Scope == group.Key.Scope))
                .OrderByDescending(w => w.Year).FirstOrDefault();
            if (previous is null) continue;
            result.AddRange(group.Where(row => !Same(row, previous))
                .Select(row => new NewFigureRow(row.Audience, row.Scope, row.MeasureType, row.Measure, previous.Year)));
        }
        return result;
    }
}
