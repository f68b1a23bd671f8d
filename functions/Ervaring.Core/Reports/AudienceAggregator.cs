using Ervaring.Core.Reports.Aggregation;
using Ervaring.Core.Sampling;
using Ervaring.Core.Statistics;
using Ervaring.Core.Surveys;

namespace Ervaring.Core.Reports;

/// <summary>The coarse attributes of a respondent that reports break down by.</summary>
/// <param name="DurationBand">Duration of care band from the frame at sampling ("0-1", "1-2", "2plus"); empty when not calibrating.</param>
public sealed record RespondentAttributes(string SamplingStratum, string Municipality, string CareType, string AgeBand, string Referrer, string DurationBand = "");

/// <summary>Where estimates are made: a municipality, or the whole region (then also broken down by municipality).</summary>
public sealed record ReportScope(string Name, bool IsRegion);

/// <summary>
/// Streams the responses of one audience into accumulators, once: per indicator, per question and per answer
/// option one <see cref="ItemAccumulator"/>, whose cells are (weighting stratum, domain label). The label holds the
/// respondent's care type, age band and referrer, so every breakdown is a domain estimate over the same design.
/// Memory grows with strata × labels × measures, never with the number of responses.
/// </summary>
/// <remarks>
/// With <see cref="AudienceCalibration"/> the estimates come from the raked design (<see cref="CalibratedEstimates"/>)
/// over the same cells, each with its calibration profile; without it from <see cref="StratifiedEstimator"/>, which
/// equals the design object without calibration (PostStratifiedDesignTests) and keeps earlier outputs as they were.
/// </remarks>
/// <remarks>
/// A number item (questionnaire v2's weeks of waiting) is estimated as the share of its numeric answers above
/// <paramref name="waitingWeeksThreshold"/> ("weet ik niet" is not a valid answer), a proportion like the others.
/// </remarks>
public sealed class AudienceAggregator(Audience audience, SurveyDefinition definition, WeightingStrata strata, AudienceCalibration? calibration = null,
    int waitingWeeksThreshold = Waves.WaveSettings.DefaultWaitingWeeksThreshold)
{
    private const char Separator = '\u001f';
    private readonly Dictionary<(string Type, string Id), ItemAccumulator> _measures = new();
    private readonly Dictionary<(string Item, string Option), ItemAccumulator> _options = new();

    // Responses are first summed per cell (sampling stratum × care type × age band × referrer) into one slot per
    // measure — indicators, estimated questions, answer options — so a response costs one dictionary look-up, not
    // one per measure. The accumulators above are filled from the cells when estimates are asked for.
    private readonly Slots _slots = new(definition);
    private readonly Dictionary<(string Stratum, string CareType, string AgeBand, string Referrer, string Duration), Cell> _cells = new();
    private readonly CalibratedEstimates? _calibrated = calibration is null ? null : new CalibratedEstimates(strata.Populations, calibration);
    private readonly Dictionary<string, string[]> _labelParts = new(StringComparer.Ordinal);
    private bool _materialized = true;

    public Audience Audience { get; } = audience;

    /// <summary>The audience as the rows spell it (<see cref="Audiences.Name"/>).</summary>
    private readonly string _audienceName = audience.Name();

    /// <summary>Estimates that could not be made and strata merged, gathered while estimating.</summary>
    public AggregationDiagnostics Diagnostics { get; } = new();
    public long Responses { get; private set; }

    /// <summary>Responses whose stratum is not among the audience's weighting strata (should be none).</summary>
    public long OutsideStrata { get; private set; }

    /// <summary>The questions that are estimated: those feeding an indicator (agreement, choice, mark).</summary>
    public IEnumerable<SurveyItem> EstimatedItems =>
        definition.Items.Where(i => (i.Indicator is not null && i.Type is ItemType.Agreement or ItemType.Single or ItemType.Mark) || i.Type == ItemType.Number);

    public void Add(RespondentAttributes who, IReadOnlyDictionary<string, IReadOnlyList<string>> answers)
    {
        if (strata.Find(who.SamplingStratum) is not { } stratum)
        {
            OutsideStrata++;
            return;
        }
        Responses++;
        // The duration band splits cells only when it is raked to: a post-stratified wave sums exactly as before.
        var key = (who.SamplingStratum, who.CareType, who.AgeBand, who.Referrer, calibration is null ? "" : who.DurationBand);
        if (!_cells.TryGetValue(key, out var cell))
            _cells[key] = cell = new Cell(stratum, string.Join(Separator, who.CareType, who.AgeBand, who.Referrer), _slots.Count,
                calibration?.ProfileOf(who));
        _materialized = false;
        foreach (var (indicator, score) in SurveyScoring.IndicatorScores(definition, answers))
            if (score is { } value) cell.Add(_slots.Indicator[indicator], value);
        foreach (var (item, slot) in _slots.Waiting)
            if (answers.TryGetValue(item.Id, out var weeks) && weeks is [var typed] && SurveyAnswers.TryParseNumber(typed, item.Range!, out var number))
                cell.Add(slot, number > waitingWeeksThreshold ? 1 : 0);
        foreach (var scored in _slots.Items)
        {
            var item = scored.Item;
            var values = answers.TryGetValue(item.Id, out var v) ? v : null;
            var score = SurveyScoring.Score(item, values);
            if (!score.IsValid) continue;
            if (scored.ItemSlot >= 0)
                cell.Add(scored.ItemSlot, item.Type == ItemType.Mark ? score.Mark!.Value : score.IsPositive ? 1 : 0);
            if (item.Type == ItemType.Mark) continue;
            var given = values![0].Trim();
            for (var k = 0; k < scored.Options.Length; k++)
                cell.Add(scored.FirstOptionSlot + k, given == scored.Options[k].Code ? 1 : 0);
        }
    }

    /// <summary>Fills the per-measure accumulators from the cells (once after the last response).</summary>
    private void Materialize()
    {
        if (_materialized) return;
        _measures.Clear();
        _options.Clear();
        _calibrated?.Clear();
        foreach (var cell in _cells.Values)
            for (var slot = 0; slot < _slots.Count; slot++)
            {
                if (cell.Moments[slot] is not { Count: > 0 } moments) continue;
                var (isOption, a, b) = _slots.Targets[slot];
                var accumulator = isOption ? Option(a, b) : Accumulator(a, b);
                accumulator.Add(cell.Stratum, moments, cell.Label);
                _calibrated?.Add(accumulator, cell.Stratum, cell.Profile!, cell.Label, moments);
            }
        _materialized = true;
    }

    private sealed class Cell(StratumKey stratum, string label, int slots, Statistics.Design.CalibrationProfile? profile)
    {
        public StratumKey Stratum { get; } = stratum;
        public string Label { get; } = label;
        public Statistics.Design.CalibrationProfile? Profile { get; } = profile;
        public RunningMoments?[] Moments { get; } = new RunningMoments?[slots];

        public void Add(int slot, double value) => (Moments[slot] ??= new RunningMoments()).Add(value);
    }

    private sealed class Slots
    {
        public readonly List<(bool IsOption, string A, string B)> Targets = [];
        public readonly Dictionary<string, int> Indicator = new(StringComparer.Ordinal);
        public readonly List<(SurveyItem Item, int ItemSlot, int FirstOptionSlot, SurveyOption[] Options)> Items = [];
        public readonly List<(SurveyItem Item, int Slot)> Waiting = [];

        public int Count => Targets.Count;

        public Slots(SurveyDefinition definition)
        {
            foreach (var indicator in definition.Indicators)
            {
                Indicator[indicator.Id] = Targets.Count;
                Targets.Add((false, MeasureTypes.Indicator, indicator.Id));
            }
            foreach (var item in definition.Items.Where(i => i.Type is ItemType.Agreement or ItemType.Single or ItemType.Mark))
            {
                var itemSlot = -1;
                if (item.Indicator is not null)
                {
                    itemSlot = Targets.Count;
                    Targets.Add((false, MeasureTypes.Item, item.Id));
                }
                var options = item.Type == ItemType.Mark ? [] : item.Options.Where(o => !o.NotApplicable).ToArray();
                var first = Targets.Count;
                foreach (var option in options) Targets.Add((true, item.Id, option.Code));
                Items.Add((item, itemSlot, first, options));
            }
            foreach (var item in definition.Items.Where(i => i.Type == ItemType.Number))
            {
                Waiting.Add((item, Targets.Count));
                Targets.Add((false, MeasureTypes.Item, item.Id));
            }
        }
    }

    public IReadOnlyList<DistributionRow> Distributions(ReportScope scope)
    {
        Materialize();
        var estimator = new StratifiedEstimator(strata.Populations);
        var rows = new List<DistributionRow>();
        foreach (var item in definition.Items.Where(i => i.Type is ItemType.Agreement or ItemType.Single))
            foreach (var option in item.Options.Where(o => !o.NotApplicable))
            {
                if (!_options.TryGetValue((item.Id, option.Code), out var accumulator)) continue;
                var estimate = TryEstimate(estimator, accumulator, EstimateKind.Proportion, InScope(scope), $"{item.Id}={option.Code}");
                if (estimate is null) continue;
                rows.Add(new DistributionRow(_audienceName, scope.Name, item.Id, option.Code, option.Label, estimate.Respondents, estimate.Value, estimate.Interval.Low, estimate.Interval.High));
            }
        return rows;
    }

    /// <summary>Estimates for every indicator and question: whole scope and each value of each breakdown.</summary>
    public IReadOnlyList<EstimateRow> Estimates(ReportScope scope)
    {
        Materialize();
        var estimator = new StratifiedEstimator(strata.Populations);
        var rows = new List<EstimateRow>();
        foreach (var (type, id, label, kind, scale) in Measures())
        {
            if (!_measures.TryGetValue((type, id), out var accumulator)) continue;
            var inScope = InScope(scope);
            var total = TryEstimate(estimator, accumulator, kind, inScope, id);
            if (total is null) continue;
            rows.Add(Row(scope, Dimensions.Total, Dimensions.TotalValue, type, id, label, scale, total));
            foreach (var c in total.Collapses)
                Diagnostics.Collapse(new CollapseRow(_audienceName, id, c.From.ToString(), c.Into.ToString(), c.Reason));
            foreach (var (from, into) in _calibrated?.MergesOf(accumulator) ?? [])
                Diagnostics.Collapse(new CollapseRow(_audienceName, id, from, into, Statistics.Design.CategoryMerge.Reason));

            var dimensions = scope.IsRegion ? Dimensions.Breakdowns.Prepend(Dimensions.Municipality) : Dimensions.Breakdowns;
            foreach (var dimension in dimensions)
            {
                var values = accumulator.Cells.Where(c => inScope(c.Stratum, c.Domain)).Select(c => Value(dimension, c.Stratum, c.Domain))
                    .Distinct().Order(StringComparer.Ordinal);
                foreach (var value in values)
                {
                    var estimate = TryEstimate(estimator, accumulator, kind, (s, d) => inScope(s, d) && Value(dimension, s, d) == value, id);
                    if (estimate is not null) rows.Add(Row(scope, dimension, value, type, id, label, scale, estimate));
                }
            }
        }
        return rows;
    }

    /// <summary>
    /// Region only: each municipality's indicator totals against the rest of the region. The two domains share no
    /// stratum (the municipality is part of every stratum), so they are independent and the difference's interval
    /// is the one of <see cref="Trends.Compare"/>.
    /// </summary>
    public IReadOnlyList<ComparisonRow> Comparisons(ReportScope region)
    {
        var rows = new List<ComparisonRow>();
        if (!region.IsRegion) return rows;
        var estimator = new StratifiedEstimator(strata.Populations);
        foreach (var (type, id, _, kind, _) in Measures().Where(m => m.Type == MeasureTypes.Indicator))
        {
            if (!_measures.TryGetValue((type, id), out var accumulator)) continue;
            foreach (var municipality in accumulator.Cells.Select(c => c.Stratum.Municipality).Distinct().Order(StringComparer.Ordinal))
            {
                var own = TryEstimate(estimator, accumulator, kind, (s, _) => s.Municipality == municipality, id);
                var rest = TryEstimate(estimator, accumulator, kind, (s, _) => s.Municipality != municipality, id);
                if (own is null || rest is null) continue;
                var difference = Trends.Compare(rest, own);
                rows.Add(new ComparisonRow(_audienceName, region.Name, id, municipality, rest.Respondents, difference.Difference,
                    difference.Interval.Low, difference.Interval.High, difference.IsSignificant));
            }
        }
        return rows;
    }

    private IEnumerable<(string Type, string Id, string Label, EstimateKind Kind, Scale Scale)> Measures()
    {
        foreach (var indicator in definition.Indicators)
            yield return (MeasureTypes.Indicator, indicator.Id, indicator.Label, EstimateKind.Mean, indicator.Positive == PositiveRule.Mark ? Scale.Cijfer : Scale.Aandeel);
        foreach (var item in EstimatedItems)
            yield return item.Type switch
            {
                ItemType.Mark => (MeasureTypes.Item, item.Id, item.Text, EstimateKind.Mean, Scale.Cijfer),
                ItemType.Number => (MeasureTypes.Item, item.Id, WaitingLabel(waitingWeeksThreshold), EstimateKind.Proportion, Scale.Aandeel),
                _ => (MeasureTypes.Item, item.Id, item.Text, EstimateKind.Proportion, Scale.Aandeel),
            };
    }

    /// <summary>How the report names the waiting share: what it counts, with the municipality's threshold.</summary>
    public static string WaitingLabel(int thresholdWeeks) =>
        $"Wachtte langer dan {thresholdWeeks} weken tussen de vraag om hulp en de start van de hulp";

    private EstimateRow Row(ReportScope scope, string dimension, string value, string type, string id, string label, Scale scale, Estimate e) =>
        new(_audienceName, scope.Name, dimension, value, type, id, label, EstimateRows.Name(e.Kind), scale.Name(),
            e.Respondents, e.Value, e.StandardError, e.DegreesOfFreedom, e.Interval.Low, e.Interval.High);

    private static Func<StratumKey, string, bool> InScope(ReportScope scope) =>
        scope.IsRegion ? (_, _) => true : (s, _) => s.Municipality == scope.Name;

    /// <summary>The value of a breakdown for a cell: municipality from the stratum, the rest from the domain label.</summary>
    public static string ValueOf(string dimension, StratumKey stratum, string label)
    {
        if (dimension == Dimensions.Municipality) return stratum.Municipality;
        var parts = label.Split(Separator);
        return dimension switch
        {
            Dimensions.CareType => parts[0],
            Dimensions.AgeBand => parts[1],
            Dimensions.Referrer => parts[2],
            _ => Dimensions.TotalValue,
        };
    }

    /// <summary><see cref="ValueOf"/> with the label's parts split once per label, not once per cell per estimate.</summary>
    private string Value(string dimension, StratumKey stratum, string label)
    {
        if (dimension == Dimensions.Municipality) return stratum.Municipality;
        if (!_labelParts.TryGetValue(label, out var parts)) _labelParts[label] = parts = label.Split(Separator);
        return dimension switch
        {
            Dimensions.CareType => parts[0],
            Dimensions.AgeBand => parts[1],
            Dimensions.Referrer => parts[2],
            _ => Dimensions.TotalValue,
        };
    }

    private Estimate? TryEstimate(StratifiedEstimator estimator, ItemAccumulator accumulator, EstimateKind kind, Func<StratumKey, string, bool> inDomain, string what)
    {
        try
        {
            return _calibrated is null ? estimator.EstimateDomain(accumulator, kind, inDomain) : _calibrated.Estimate(accumulator, kind, inDomain);
        }
        catch (Exception ex) when (ex is StratumCollapseException or Statistics.Design.CalibrationException)
        {
            Diagnostics.Problem($"Geen schatting voor '{what}': {ex.Message}");
            return null;
        }
    }

    private ItemAccumulator Accumulator(string type, string id)
    {
        if (!_measures.TryGetValue((type, id), out var accumulator)) _measures[(type, id)] = accumulator = new ItemAccumulator();
        return accumulator;
    }

    private ItemAccumulator Option(string item, string option)
    {
        if (!_options.TryGetValue((item, option), out var accumulator)) _options[(item, option)] = accumulator = new ItemAccumulator();
        return accumulator;
    }
}
