using Ervaring.Core.Sampling;

namespace Ervaring.Core.Reports.Aggregation;

/// <summary>
/// A wave's whole aggregation, without storage: the anonymous responses are streamed once into one
/// <see cref="AudienceAggregator"/> per audience (memory grows with cells × measures, never with responses); then
/// <see cref="Result"/> makes the estimates, answer distributions, region comparisons, response per stratum,
/// R-indicator and trends, with the diagnostics as part of the result.
/// <para>
/// It is an object rather than one call so the function app can read the fieldwork counts after the responses
/// (during fielding both grow; counted after, they never show fewer completes than were aggregated).
/// <see cref="Aggregate"/> is the one-call form.
/// </para>
/// </summary>
public sealed class WaveAggregator
{
    private readonly WaveDesignInput _design;
    private readonly Dictionary<Audience, AudienceAggregator> _aggregators;

    public WaveAggregator(WaveDesignInput design)
    {
        _design = design;
        _aggregators = design.Audiences.ToDictionary(a => a.Audience, a => new AudienceAggregator(a.Audience, a.Definition, a.Strata, a.Calibration, a.WaitingWeeksThreshold));
    }

    /// <summary>Responses counted (those of an audience the wave does not have are skipped, as they cannot be weighted).</summary>
    public long Responses { get; private set; }

    public void Add(AnsweredQuestionnaire response) => Add(response.Audience, response.Who, response.Answers);

    /// <summary>The same without a record per response (the 1M-response benchmark allocates nothing more than before).</summary>
    public void Add(Audience audience, RespondentAttributes who, IReadOnlyDictionary<string, IReadOnlyList<string>> answers)
    {
        if (!_aggregators.TryGetValue(audience, out var aggregator)) return;
        aggregator.Add(who, answers);
        Responses++;
    }

    public WaveAggregate Result(WaveAggregationContext context)
    {
        var estimates = new List<EstimateRow>();
        var distributions = new List<DistributionRow>();
        var comparisons = new List<ComparisonRow>();
        var problems = new List<IEnumerable<string>>();
        foreach (var aggregator in _aggregators.Values)
        {
            foreach (var scope in _design.Scopes)
            {
                estimates.AddRange(aggregator.Estimates(scope));
                distributions.AddRange(aggregator.Distributions(scope));
                comparisons.AddRange(aggregator.Comparisons(scope));
            }
            if (aggregator.OutsideStrata > 0)
                problems.Add([$"{aggregator.OutsideStrata} antwoorden van {aggregator.Audience.Name()} vallen in een laag die niet in de steekproef staat; ze tellen niet mee."]);
            problems.Add(aggregator.Diagnostics.Problems);
        }

        var response = ResponseTables.Rows(_design, context.Fieldwork);
        var populations = PooledFigures.Populations(_design);
        var versions = VersionComparison.For(_design, context.Codebook);
        return new WaveAggregate
        {
            WaveId = _design.WaveId,
            Status = context.Status,
            ComputedAt = context.ComputedAt,
            Responses = Responses,
            Estimates = estimates,
            Distributions = distributions,
            Response = response,
            Representativeness = ResponseTables.Representativeness(_design, response),
            Trends = TrendComparison.Compare(estimates, context.Earlier, versions),
            NewThisYear = versions.NewThisYear(estimates, context.Earlier),
            Collapses = _aggregators.Values.SelectMany(a => a.Diagnostics.Collapses).ToList(),
            Comparisons = comparisons,
            Problems = AggregationDiagnostics.MergeProblems(problems),
            Populations = populations,
            Pooled = PooledFigures.Compute(_design, estimates, populations, context.Earlier, versions),
        };
    }

    /// <summary>The aggregation as one pure function of the wave's inputs.</summary>
    public static WaveAggregate Aggregate(WaveDesignInput design, IEnumerable<AnsweredQuestionnaire> responses, WaveAggregationContext context)
    {
        var aggregator = new WaveAggregator(design);
        foreach (var response in responses) aggregator.Add(response);
        return aggregator.Result(context);
    }

    /// <inheritdoc cref="Aggregate(WaveDesignInput, IEnumerable{AnsweredQuestionnaire}, WaveAggregationContext)"/>
    public static async Task<WaveAggregate> AggregateAsync(
        WaveDesignInput design, IAsyncEnumerable<AnsweredQuestionnaire> responses, WaveAggregationContext context, CancellationToken cancellationToken = default)
    {
        var aggregator = new WaveAggregator(design);
        await foreach (var response in responses.WithCancellation(cancellationToken)) aggregator.Add(response);
        return aggregator.Result(context);
    }
}
