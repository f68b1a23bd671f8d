using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Timers;
using Ervaring.Storage.Aggregates;
using Ervaring.Storage.Invitations;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Fielding;

/// <summary>
/// Closes a wave (at the end of the field period, or when the officer says so) and purges what linked
/// families to answers: every remaining response is mixed in, the fieldwork counts are frozen, and the
/// invitations (client reference, token hashes, drafts) are deleted. Each stage is idempotent, and the
/// nightly run finishes a close that was interrupted halfway.
/// </summary>
public sealed class WaveClosing(
    WaveStore waves, InvitationStore invitations, ResponseMixing mixing, FieldworkProgress progress, FieldworkCountStore frozen,
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
            var due = wave.State == WaveState.Fielding && wave.Settings.FieldEnd < today;
            var unfinished = wave.State is WaveState.Closed or WaveState.Published && wave.PurgedOn is null;
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

    public async Task<Outcome<WaveRecord>> CloseAsync(string waveId, string actor, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(waveId, cancellationToken) is not { } stored) return Problem.NotFound($"Meting '{waveId}' bestaat niet.");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        // 1. Close first: from here on the survey refuses new answers.
        if (stored.Wave.State == WaveState.Fielding)
            stored = await waves.UpdateAsync(stored, stored.Wave with { State = WaveState.Closed, ClosedOn = today }, actor, "meting gesloten", cancellationToken);
        else if (stored.Wave.State is not (WaveState.Closed or WaveState.Published))
            return Problem.Conflict(WaveStates.WhyNot(stored.Wave.State, WaveState.Closed)!);
        if (stored.Wave.PurgedOn is not null) return stored.Wave;

        // 2–4. Mix, freeze the counts once, delete the links. Deletes honour ETags, so a submit that read the wave
        // as open a moment before it closed and completed meanwhile is not deleted but mixed on the next round:
        // nothing acknowledged is lost.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await mixing.MixAsync(waveId, force: true, cancellationToken);
            if (!stored.Wave.FieldworkCountsFrozen)
            {
                await frozen.SaveAsync(waveId, await progress.CountLiveAsync(waveId, cancellationToken), cancellationToken);
                stored = await waves.UpdateAsync(stored, stored.Wave with { FieldworkCountsFrozen = true }, actor, "respons per stratum vastgelegd", cancellationToken);
            }
            var changedMeanwhile = await invitations.DeleteWaveAsync(waveId, cancellationToken);
            if (changedMeanwhile > 0) continue;
            var purged = stored.Wave with { PurgedOn = today };
            await waves.UpdateAsync(stored, purged, actor, "koppeling cliënt–token en concepten verwijderd", cancellationToken);
            logger.LogInformation("Wave closed and purged.");
            return purged;
        }
        return Problem.Conflict("Er kwamen tijdens het sluiten steeds nieuwe antwoorden binnen; de nachtelijke taak rondt het sluiten af.");
    }
}
