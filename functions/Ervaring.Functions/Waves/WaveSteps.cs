using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Waves;

/// <summary>
/// Claiming a wave for a step that takes a while (frame import, draw, publication) before its work starts: the
/// claim is written with the wave's ETag, so of two requests at the same moment one gets it and the other is
/// told the step is under way. A claim older than <see cref="WaveClaim.StaleAfter"/> belongs to a run that
/// crashed; the next request takes it over and does the step again from the start (each step can).
/// </summary>
public static class WaveSteps
{
    public const string Changed = "De meting is tegelijk door iemand anders gewijzigd; er is niets dubbel gedaan. Bekijk de meting en probeer het zo nodig opnieuw.";

    public static string Busy(WaveClaim claim) =>
        $"Er wordt op dit moment al {claim.Step} voor deze meting (sinds {claim.Since:HH:mm:ss} UTC, door {claim.Actor}). " +
        "Er is niets dubbel gedaan; bekijk de meting zo opnieuw.";

    /// <summary>The claimed wave (its ETag now guards the step's last write), or a 409 saying who is busy.</summary>
    public static async Task<Outcome<StoredWave>> ClaimAsync(WaveStore waves, StoredWave stored, string step, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (stored.Wave.Claim is { } held && !held.IsStale(now)) return Problem.Conflict(Busy(held));
        try
        {
            return await waves.ClaimAsync(stored, new WaveClaim(step, Guid.NewGuid().ToString("N"), now, actor), cancellationToken);
        }
        catch (WaveConflictException)
        {
            var fresh = await waves.GetAsync(stored.Wave.Id, cancellationToken);
            return fresh?.Wave.Claim is { } other && !other.IsStale(now) ? Problem.Conflict(Busy(other)) : Problem.Conflict(Changed);
        }
    }

    /// <summary>Gives a claim back after a step failed halfway, if it is still ours; best effort (a stale claim is taken over anyway).</summary>
    public static async Task ReleaseAsync(WaveStore waves, string waveId, string claimId)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (await waves.GetAsync(waveId, CancellationToken.None) is not { Wave.Claim: { } claim } fresh || claim.Id != claimId) return;
                await waves.ClaimAsync(fresh, null, CancellationToken.None);
                return;
            }
            catch (WaveConflictException) { }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException) { return; }
        }
    }
}
