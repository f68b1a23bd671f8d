using Ervaring.Core.Sampling;
using Ervaring.Core.Reports;
using Ervaring.Core.Statistics;
using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Fielding;
using Ervaring.Storage.Aggregates;
using Ervaring.Storage.Responses;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Reports;

/// <summary>
/// Computes a wave's aggregate tables: streams its anonymous responses once into per-audience accumulators,
/// estimates every indicator and question per scope and breakdown, adds response per stratum (RR1), the
/// R-indicator and trends against earlier published waves, and stores the result in the <c>aggregates</c> table.
/// During fielding the result is an interim ("tussenstand", officer only); after close it is the report draft.
/// </summary>
public sealed class WaveAggregation(
    WaveStore waves, ReportInputs inputs, ResponseStore responses, FieldworkProgress progress, FieldworkCountStore frozen,
    ReportAggregateStore store, TimeProvider clock)
{
    public async Task<Outcome<WaveAggregate>> ComputeAsync(string waveId, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(waveId, cancellationToken) is not { } stored) return Problem.NotFound($"Meting '{waveId}' bestaat niet.");
        var wave = stored.Wave;
        if (wave.State.WhyNot(WaveOperation.ComputeResults) is { } notNow) return Problem.Conflict(notNow);
        if (await inputs.LoadAsync(wave, cancellationToken) is not { } input)
            return Problem.Conflict("De steekproefgegevens (aantallen per stratum) van deze meting ontbreken; zonder die gegevens kan niet worden gewogen.");
        var status = wave.State == WaveState.Fielding ? AggregateStatus.Interim : AggregateStatus.Draft;

        // One computation per wave and status at a time; a second request meanwhile is told so (nothing is done twice).
        var (lockETag, heldSince) = await store.TryLockAsync(waveId, status, clock.GetUtcNow(), ComputationStaleAfter, cancellationToken);
        if (lockETag is not { } taken)
            return Problem.Conflict($"{(status == AggregateStatus.Interim ? "De tussenstand" : "Het rapportconcept")} van deze meting wordt op dit moment al berekend " +
                                    $"(sinds {heldSince:HH:mm:ss} UTC). Er is niets dubbel gedaan; vraag het zo opnieuw op.");
        try
        {
            return await ComputeLockedAsync(wave, input, status, cancellationToken);
        }
        finally
        {
            await store.UnlockAsync(waveId, status, taken, CancellationToken.None);
        }
    }

    /// <summary>A computation lock older than this belongs to a run that crashed.</summary>
    public static readonly TimeSpan ComputationStaleAfter = TimeSpan.FromMinutes(10);

    private async Task<Outcome<WaveAggregate>> ComputeLockedAsync(WaveRecord wave, WaveInputs input, string status, CancellationToken cancellationToken)
    {
        var waveId = wave.Id;
        var aggregators = input.Audiences.ToDictionary(a => a.Audience, a => new AudienceAggregator(a.Audience, a.Definition, a.Strata), StringComparer.Ordinal);
        long total = 0;
        await foreach (var answered in responses.ListAsync(waveId, cancellationToken))
        {
            if (!aggregators.TryGetValue(answered.Audience, out var aggregator)) continue;
            aggregator.Add(new RespondentAttributes(answered.StratumKey, answered.Municipality, answered.CareType, answered.AgeBand, answered.Referrer), answered.Answers);
            total++;
        }

        var problems = new List<string>();
        var collapses = new List<CollapseRow>();
        var estimates = new List<EstimateRow>();
        var distributions = new List<DistributionRow>();
        var comparisons = new List<ComparisonRow>();
        foreach (var aggregator in aggregators.Values)
        {
            if (aggregator.OutsideStrata > 0)
                problems.Add($"{aggregator.OutsideStrata} antwoorden van {aggregator.Audience} vallen in een laag die niet in de steekproef staat; ze tellen niet mee.");
            foreach (var scope in input.Scopes)
            {
                estimates.AddRange(aggregator.Estimates(scope, problems, collapses));
                distributions.AddRange(aggregator.Distributions(scope, problems));
                comparisons.AddRange(aggregator.Comparisons(scope, problems));
            }
        }

        var counts = wave.FieldworkCountsFrozen ? await frozen.ReadAsync(waveId, cancellationToken) : await progress.CountLiveAsync(waveId, cancellationToken);
        var response = ResponseRows(input, counts);
        var aggregate = new WaveAggregate
        {
            WaveId = waveId,
            Status = status,
            ComputedAt = clock.GetUtcNow(),
            Responses = total,
            Estimates = estimates,
            Distributions = distributions,
            Response = response,
            Representativeness = Representativeness(input, response, problems),
            Trends = await TrendsAsync(wave, estimates, cancellationToken),
            Collapses = collapses,
            Comparisons = comparisons,
            Problems = problems,
        };
        // Nothing changed since the stored result (a repeated request, or the timer after the officer): keep it as it
        // is, computed-at included, so the repeat gets the same answer and storage is not written again.
        if (await store.ReadAsync(waveId, status, cancellationToken) is { } previous && await store.IsStoredAsync(aggregate with { ComputedAt = previous.ComputedAt }, cancellationToken))
            return aggregate with { ComputedAt = previous.ComputedAt };
        await store.SaveAsync(aggregate, cancellationToken);
        return aggregate;
    }

    private static List<ResponseRow> ResponseRows(WaveInputs input, IReadOnlyList<FieldworkCount> counts)
    {
        var population = input.Audit.Strata.ToDictionary(s => s.Key, s => (long)s.PopulationSize, StringComparer.Ordinal);
        return counts.OrderBy(c => c.Audience, StringComparer.Ordinal).ThenBy(c => c.StratumKey, StringComparer.Ordinal)
            .Select(c => new ResponseRow(c.Audience, c.StratumKey, c.Municipality, c.CareType, c.AgeBand, population.GetValueOrDefault(c.StratumKey),
                c.Invited, c.Completed, c.ResponseRate))
            .ToList();
    }

    /// <summary>R-indicator per audience and scope: propensity r_h/n_h per stratum, design weights N_h/n_h, partials by care type and age band.</summary>
    private static List<RepresentativenessRow> Representativeness(WaveInputs input, IReadOnlyList<ResponseRow> response, List<string> problems)
    {
        var rows = new List<RepresentativenessRow>();
        foreach (var audience in input.Audiences)
            foreach (var scope in input.Scopes)
            {
                var strata = new List<StratumFieldwork>();
                var careType = new Dictionary<StratumKey, string>();
                var ageBand = new Dictionary<StratumKey, string>();
                foreach (var row in response.Where(r => r.Audience == audience.Audience && (scope.IsRegion || r.Municipality == scope.Name)))
                {
                    if (audience.Strata.Find(row.Stratum) is not { } key) continue;
                    strata.Add(new StratumFieldwork(key, audience.Strata.Populations[key], row.Invited, 0, row.Completed));
                    careType[key] = row.CareType;
                    ageBand[key] = row.AgeBand;
                }
                if (strata.Count == 0) continue;
                var result = RIndicator.Compute(strata, new Dictionary<string, Func<StratumKey, string>>
                {
                    [Dimensions.CareType] = k => careType[k],
                    [Dimensions.AgeBand] = k => ageBand[k],
                });
                var sentence = RepresentativenessSentence.Describe(result, (variable, category) => GroupName(audience.Audience, variable, category));
                rows.Add(new RepresentativenessRow(audience.Audience, scope.Name, result.R, result.MeanPropensity, double.IsFinite(result.MaximalBias) ? result.MaximalBias : null, sentence,
                    result.Partials.SelectMany(p => p.Categories.Select(c => new PartialRow(p.Variable, c.Category, c.Propensity, c.Partial))).ToList()));
            }
        return rows;
    }

    /// <summary>Dutch plural names for the representativeness sentence ("Ouders van kinderen met verblijf").</summary>
    public static string GroupName(string audience, string variable, string category) => (audience, variable) switch
    {
        (Audiences.JongerenName, Dimensions.CareType) => $"Jongeren met {category}",
        (Audiences.JongerenName, _) => $"Jongeren van {category} jaar",
        (_, Dimensions.CareType) => $"Ouders van kinderen met {category}",
        _ => $"Ouders van kinderen van {category} jaar",
    };

    /// <summary>Every earlier published wave of the same scope (municipality, or region by name) and audience.</summary>
    private async Task<List<TrendRow>> TrendsAsync(WaveRecord wave, IReadOnlyList<EstimateRow> estimates, CancellationToken cancellationToken)
    {
        var trends = new List<TrendRow>();
        var earlier = (await waves.ListAsync(cancellationToken))
            .Where(w => w.Id != wave.Id && w.State == WaveState.Published && w.Settings.Year < wave.Settings.Year).ToList();
        foreach (var previous in earlier)
        {
            var theirs = await store.ReadAsync(previous.Id, AggregateStatus.Draft, cancellationToken);
            if (theirs is null) continue;
            var byKey = theirs.Estimates.Where(e => e.Dimension == Dimensions.Total && e.MeasureType == MeasureTypes.Indicator)
                .ToDictionary(e => (e.Audience, e.Scope, e.Measure));
            foreach (var mine in estimates.Where(e => e.Dimension == Dimensions.Total && e.MeasureType == MeasureTypes.Indicator))
            {
                if (!byKey.TryGetValue((mine.Audience, mine.Scope, mine.Measure), out var old)) continue;
                var trend = Trends.Compare(ToEstimate(old), ToEstimate(mine));
                trends.Add(new TrendRow(mine.Audience, mine.Scope, mine.MeasureType, mine.Measure, previous.Id, previous.Settings.Year,
                    old.Value, mine.Value, trend.Difference, trend.Interval.Low, trend.Interval.High, trend.IsSignificant));
            }
        }
        return trends.OrderBy(t => t.EarlierYear).ToList();
    }

    private static Estimate ToEstimate(EstimateRow row) => new(
        row.Kind == "proportion" ? EstimateKind.Proportion : EstimateKind.Mean, row.Value, row.StandardError, row.DegreesOfFreedom,
        new ConfidenceInterval(row.CiLow, row.CiHigh), row.N, []);
}
