using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Security;
using Ervaring.Storage.Exclusions;
using Ervaring.Storage.Invitations;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Sampling;

/// <summary>
/// The officer confirms the letters went out: the wave moves to fielding, links start to work, and every
/// invited client is recorded (as a keyed hash) so next year's draw can skip families asked in the past 12 months.
/// </summary>
public sealed class FieldingStart(WaveStore waves, InvitationStore invitations, ClientHistoryStore history, ServerSecrets secrets, TimeProvider clock)
{
    public async Task<Outcome<WaveRecord>> StartAsync(string waveId, string actor, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(waveId, cancellationToken) is not { } stored) return Problem.NotFound($"Meting '{waveId}' bestaat niet.");
        if (WaveStates.WhyNot(stored.Wave.State, WaveState.Fielding) is { } why) return Problem.Conflict(why);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var hashes = new List<string>();
        await foreach (var invitation in invitations.ListAsync(waveId, cancellationToken))
            hashes.Add(secrets.ClientHash(invitation.ClientReference));
        await history.RecordContactsAsync(hashes, waveId, today, cancellationToken);
        var updated = stored.Wave with { State = WaveState.Fielding, FieldingStartedOn = today };
        await waves.UpdateAsync(stored, updated, actor, "veldwerk gestart", cancellationToken);
        return updated;
    }
}
