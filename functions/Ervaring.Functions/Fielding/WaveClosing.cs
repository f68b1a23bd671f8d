using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Timers;
using Ervaring.Functions.Waves;
using Ervaring.Storage.Aggregates;
using Ervaring.Storage.Invitations;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Fielding;

/// <summary>
/// Closes a wave (at the end of the field period, or when the officer says so) and purges what linked
/// families to answers: every remaining response is mixed in, the fieldwork counts are frozen, and the
/// invitations (client reference, token hashes, drafts) are deleted. Each stage is idempotent, and the
/// nightly run finishes a close that was interrupted halfway. Before the counts are frozen the invitations are
/// sealed, so an answer that got its thank-you page is always in the frozen counts.
/// </summary>
public sealed class WaveClosing(
    WaveStore waves, InvitationStore invitations, Fieldwork fieldwork, ResponseMixing mixing, FieldworkProgress progress, FieldworkCountStore frozen,
    TimeProvider clock, ILogger<WaveClosing> logger) : ITimerStep
{
    public string FunctionName => TimerFunctionNames.NightlyMaintenance;
    public string Name => "metingen sluiten";

    public async Task<string> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var closed = 0;
        var perWave = new PerWave(Name, logger, cancellationToken);
        foreach (var wave in await perWave.WavesAsync(waves))
        {
            var due = wave.State.Allows(WaveOperation.Close) && wave.Settings.FieldEnd < today;
            var unfinished = wave.State.Allows(WaveOperation.Purge) && wave.PurgedOn is null;
            if (!due && !unfinished) continue;
            // A wave that throws halfway stays where it got to (closed, not purged) and is finished by the next run.
            await perWave.RunAsync(wave.Id, async () =>
            {
                var outcome = await CloseAsync(wave.Id, "systeem (nachtelijke taak)", cancellationToken);
                if (outcome.Succeeded) closed++;
            });
        }
        return perWave.Done($"{closed} metingen gesloten of afgerond");
    }

    /// <summary>How long a close waits for another close of the same wave (a second click, the nightly job) to finish.</summary>
    public static readonly TimeSpan WaitForOtherClose = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Closes now, exactly once whoever asks: every request (a second click, a colleague, the nightly job) ends with
    /// the same closed and purged wave, and each stage is done and logged once. The move to "gesloten" is
    /// ETag-guarded; the purge that follows runs under a claim on the wave, and a request that finds another
    /// purging waits for it and answers with its result.
    /// </summary>
    public async Task<Outcome<WaveRecord>> CloseAsync(string waveId, string actor, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        string? mine = null;
        while (true)
        {
            if (await waves.GetAsync(waveId, cancellationToken) is not { } stored) return Problem.NotFound($"Meting '{waveId}' bestaat niet.");
            var now = clock.GetUtcNow();
            try
            {
                // 1. Close first: from here on the survey refuses new answers.
                if (stored.Wave.State.Allows(WaveOperation.Close))
                    stored = await waves.UpdateAsync(stored, stored.Wave with { State = WaveState.Closed, ClosedOn = DateOnly.FromDateTime(now.UtcDateTime) }, actor, "meting gesloten", cancellationToken);
                else if (!stored.Wave.State.Allows(WaveOperation.Purge))
                    return Problem.Conflict(stored.Wave.State.WhyNot(WaveOperation.Close)!);
                if (stored.Wave.PurgedOn is not null) return stored.Wave;

                if (stored.Wave.Claim is { } ours && ours.Id == mine)
                {
                    // Our purge lost an ETag race to an unrelated change (the nightly retention step): carry on.
                    var resumed = await PurgeAsync(stored, actor, cancellationToken);
                    if (!resumed.Succeeded) await WaveSteps.ReleaseAsync(waves, waveId, ours.Id);
                    return resumed;
                }
                if (stored.Wave.Claim is { } held && !held.IsStale(now))
                {
                    // Another request is purging: wait for it, then answer with the wave as it left it.
                    if (waited.Elapsed > WaitForOtherClose) return Problem.Conflict(WaveSteps.Busy(held));
                    await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
                    continue;
                }
                var claimed = await WaveSteps.ClaimAsync(waves, stored, "de meting gesloten", actor, now, cancellationToken);
                if (claimed.Problem is not null) continue; // someone else claimed first: read again (and wait for them)
                var claim = claimed.Value!.Wave.Claim!;
                mine = claim.Id;
                try
                {
                    var outcome = await PurgeAsync(claimed.Value, actor, cancellationToken);
                    if (!outcome.Succeeded) await WaveSteps.ReleaseAsync(waves, waveId, claim.Id);
                    return outcome;
                }
                catch (Exception ex) when (ex is not WaveConflictException)
                {
                    await WaveSteps.ReleaseAsync(waves, waveId, claim.Id);
                    throw;
                }
            }
            catch (WaveConflictException)
            {
                // Another closer moved the wave on meanwhile: read it again and continue from its new stage.
                if (waited.Elapsed > WaitForOtherClose)
                    return Problem.Conflict("De meting werd tijdens het sluiten steeds tegelijk gewijzigd; de nachtelijke taak rondt het sluiten af.");
            }
        }
    }

    /// <summary>
    /// 2–4 under the claim: seal, mix, freeze the counts once, delete the links. Sealing makes every submit that read
    /// its invitation before the close fail its ETag-guarded write (it is told the survey closed), so the counts made
    /// after it hold every acknowledged answer. The counts are saved before the wave says so, and nothing is deleted
    /// before that: a run that crashed is redone from the start by whoever takes over the stale claim. Deletes honour
    /// ETags: an invitation that still changed (a response being mixed) is mixed on the next round.
    /// </summary>
    private async Task<Outcome<WaveRecord>> PurgeAsync(StoredWave stored, string actor, CancellationToken cancellationToken)
    {
        var waveId = stored.Wave.Id;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (!stored.Wave.FieldworkCountsFrozen)
            {
                await fieldwork.SealAsync(waveId, cancellationToken);
                await mixing.MixAsync(waveId, force: true, cancellationToken);
                await frozen.SaveAsync(waveId, await progress.CountLiveAsync(waveId, cancellationToken), cancellationToken);
                stored = await waves.UpdateAsync(stored, stored.Wave with { FieldworkCountsFrozen = true }, actor, "respons per stratum vastgelegd", cancellationToken);
            }
            else await mixing.MixAsync(waveId, force: true, cancellationToken);
            var changedMeanwhile = await invitations.DeleteWaveAsync(waveId, cancellationToken);
            if (changedMeanwhile > 0) continue;
            var purged = stored.Wave with { PurgedOn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), Claim = null };
            await waves.UpdateAsync(stored, purged, actor, "koppeling tussen uitnodigingen en antwoorden en de concepten verwijderd", cancellationToken);
            logger.LogInformation("Wave closed and purged.");
            return purged;
        }
        return Problem.Conflict("Er kwamen tijdens het sluiten steeds nieuwe antwoorden binnen; de nachtelijke taak rondt het sluiten af.");
    }
}
