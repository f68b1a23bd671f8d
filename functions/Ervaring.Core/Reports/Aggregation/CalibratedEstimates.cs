using Ervaring.Core.Statistics;
using Ervaring.Core.Statistics.Design;

namespace Ervaring.Core.Reports.Aggregation;

/// <summary>
/// A wave that calibrates (docs/statistics.md, "Weighting: post-stratification or calibration"): the frame's
/// margins of one audience per municipality, and which variables they are of.
/// </summary>
/// <param name="Margins">Counts of the clients this audience speaks for, so each municipality's margins add up to Σ N_h.</param>
public sealed record AudienceCalibration(CalibrationVariables Variables, CalibrationMargins Margins)
{
    /// <summary>A respondent's profile: the referrer and the duration band stored with the response.</summary>
    public CalibrationProfile ProfileOf(RespondentAttributes who)
    {
        var categories = new List<(string, string)>();
        if (Variables.Referrer) categories.Add((CalibrationVariables.ReferrerName, who.Referrer));
        if (Variables.Duration) categories.Add((CalibrationVariables.DurationName, who.DurationBand));
        return CalibrationProfile.Of([.. categories]);
    }
}

/// <summary>
/// The calibrated estimates of one audience: per measure the same cells as its post-stratified accumulator, with
/// each cell's calibration profile, and one <see cref="SurveyDesign"/> per measure (its valid answers), raked to the
/// margins within each municipality and built on first use; every scope and breakdown is a domain of that design
/// (R: calibrate(…, calfun = "raking") → svymean / svyciprop / svyby).
/// </summary>
internal sealed class CalibratedEstimates(IReadOnlyDictionary<StratumKey, long> populations, AudienceCalibration calibration)
{
    private readonly Dictionary<ItemAccumulator, DesignCellAccumulator> _items = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ItemAccumulator, (SurveyDesign Design, DesignCellAccumulator Cells, CategoryMerge Merge)> _designs = new(ReferenceEqualityComparer.Instance);

    public AudienceCalibration Calibration => calibration;

    public void Clear()
    {
        _items.Clear();
        _designs.Clear();
    }

    public void Add(ItemAccumulator measure, StratumKey stratum, CalibrationProfile profile, string label, RunningMoments moments)
    {
        if (!_items.TryGetValue(measure, out var item)) _items[measure] = item = new DesignCellAccumulator();
        item.Add(stratum, profile, moments, label);
    }

    /// <exception cref="StratumCollapseException">A stratum cannot be merged.</exception>
    /// <exception cref="CalibrationException">Raking does not reach the margins.</exception>
    public Estimate? Estimate(ItemAccumulator measure, EstimateKind kind, Func<StratumKey, string, bool> inDomain)
    {
        if (!_items.TryGetValue(measure, out var item)) return null;
        if (!_designs.TryGetValue(measure, out var built)) _designs[measure] = built = Build(item);
        return DesignEstimator.Estimate(built.Design, built.Cells, kind, Domain.Where((stratum, _, label) => inDomain(stratum, label)));
    }

    /// <summary>The measure's raked design, after merging categories with too few valid answers (<see cref="CategoryMerge"/>).</summary>
    private (SurveyDesign, DesignCellAccumulator, CategoryMerge) Build(DesignCellAccumulator item)
    {
        var merge = CategoryMerge.Plan(calibration.Margins, item.Counts);
        if (merge.IsEmpty) return (SurveyDesign.For(item, populations, calibration.Margins), item, merge);
        var merged = new DesignCellAccumulator();
        foreach (var cell in item.Cells) merged.Add(cell.Stratum, merge.Map(cell.Stratum.Municipality, cell.Profile), cell.Moments, cell.Label);
        return (SurveyDesign.For(merged, populations, merge.Margins), merged, merge);
    }

    /// <summary>The categories merged before raking for this measure (after its first estimate); none before.</summary>
    public IEnumerable<(string From, string Into)> MergesOf(ItemAccumulator measure) =>
        _designs.TryGetValue(measure, out var built) ? built.Merge.Merges : [];
}
