using Ervaring.Core.Reports;
using Ervaring.Core.Reports.Aggregation;
using Ervaring.Core.Sampling;
using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Fielding;
using Ervaring.Storage.Aggregates;
using Ervaring.Storage.Responses;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Reports;

/// <summary>
/// Computes a wave's aggregate tables and stores them in the <c>aggregates</c> table. Only storage happens here:
/// it reads the wave's inputs, streams its anonymous responses, the fieldwork counts and the earlier published
/// drafts into <see cref="WaveAggregator"/> (Ervaring.Core), which does all the statistics, and writes the result.
/// During fielding the result is an interim ("tussenstand", officer only); after close it is the report draft.
/// </summary>
public sealed class WaveAggregation(
    WaveStore waves, ReportInputs inputs, ResponseStore responses, FieldworkProgress progress, FieldworkCountStore frozen,
    ReportAggregateStore store, TimeProvider clock, Surveys.SurveyDefinitionCatalog catalog)
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
        var aggregator = new WaveAggregator(input.Design);
        // The stored audience name becomes the Audience type here; a name the wave cannot weight is skipped, as in the aggregator.
        await foreach (var answered in responses.ListAsync(waveId, cancellationToken))
            if (Audiences.TryParse(answered.Audience, out var audience))
                aggregator.Add(audience,
                    new RespondentAttributes(answered.StratumKey, answered.Municipality, answered.CareType, answered.AgeBand, answered.Referrer, answered.DurationBand), answered.Answers);

        // Counted after the responses were read: during fielding both grow, and this way never fewer completes than aggregated.
        var counts = wave.FieldworkCountsFrozen ? await frozen.ReadAsync(waveId, cancellationToken) : await progress.CountLiveAsync(waveId, cancellationToken);
        var aggregate = aggregator.Result(new WaveAggregationContext(status, clock.GetUtcNow(),
            counts.Select(c => new FieldworkTally(c.Audience, c.StratumKey, c.Municipality, c.CareType, c.AgeBand, c.Invited, c.Completed)).ToList(),
            await EarlierPublishedAsync(wave, cancellationToken), catalog.Codebook));
        // Nothing changed since the stored result (a repeated request, or the timer after the officer): keep it as it
        // is, computed-at included, so the repeat gets the same answer and storage is not written again.
        if (await store.ReadAsync(waveId, status, cancellationToken) is { } previous && await store.IsStoredAsync(aggregate with { ComputedAt = previous.ComputedAt }, cancellationToken))
            return aggregate with { ComputedAt = previous.ComputedAt };
        await store.SaveAsync(aggregate, cancellationToken);
        return aggregate;
    }

    /// <summary>The report drafts of every earlier published wave (the trends compare the same scope and audience).</summary>
    private async Task<List<PublishedAggregate>> EarlierPublishedAsync(WaveRecord wave, CancellationToken cancellationToken)
    {
        var result = new List<PublishedAggregate>();
        var earlier = (await waves.ListAsync(cancellationToken))
            .Where(w => w.Id != wave.Id && w.State == WaveState.Published && w.Settings.Year < wave.Settings.Year).ToList();
        foreach (var previous in earlier)
            if (await store.ReadAsync(previous.Id, AggregateStatus.Draft, cancellationToken) is { } theirs)
                result.Add(new PublishedAggregate(previous.Id, previous.Settings.Year, theirs, previous.Definitions));
        return result;
    }
}
