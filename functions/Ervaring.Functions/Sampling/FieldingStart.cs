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
/// Exactly once: recording the contacts writes the same rows whoever does it, and the move to fielding is
/// ETag-guarded, so of two requests at once one starts the fieldwork and the other is told it has started.
/// </summary>
public sealed class FieldingStart(WaveStore waves, InvitationStore invitations, ClientHistoryStore history, ServerSecrets secrets, TimeProvider clock)
{
    /// <summary>Longest reason for an early start that is kept (a sentence or two).</summary>
    public const int MaxReasonLength = 500;

    /// <summary>Starting today is earlier than planned: the page asks for a reason first.</summary>
    public static bool IsEarly(WaveRecord wave, DateOnly today) => today < wave.Settings.FieldStart;

    /// <param name="earlyStartReason">
    /// Why it starts before the planned day; recorded on the wave and in its log when it does (the confirmation page
    /// requires it then, the API accepts it).
    /// </param>
    public async Task<Outcome<WaveRecord>> StartAsync(string waveId, string actor, CancellationToken cancellationToken, string? earlyStartReason = null)
    {
        if (await waves.GetAsync(waveId, cancellationToken) is not { } stored) return Problem.NotFound($"Meting '{waveId}' bestaat niet.");
        if (Refusal(stored.Wave) is { } refused) return refused;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var early = IsEarly(stored.Wave, today);
        var reason = early && !string.IsNullOrWhiteSpace(earlyStartReason) ? earlyStartReason.Trim() : null;
        if (reason is { Length: > MaxReasonLength }) return Problem.BadRequest($"De reden is te lang: ten hoogste {MaxReasonLength} tekens.");
        var hashes = new List<string>();
        await foreach (var invitation in invitations.ListAsync(waveId, cancellationToken))
            hashes.Add(secrets.ClientHash(invitation.ClientReference));
        await history.RecordContactsAsync(hashes, waveId, today, cancellationToken);
        var updated = stored.Wave with { State = WaveState.Fielding, FieldingStartedOn = today, EarlyStartReason = reason };
        var logged = early
            ? $"veldwerk gestart, {stored.Wave.Settings.FieldStart.DayNumber - today.DayNumber} dag(en) eerder dan gepland{(reason is null ? "" : $" (reden: {reason})")}"
            : "veldwerk gestart";
        try
        {
            await waves.UpdateAsync(stored, updated, actor, logged, cancellationToken);
            return updated;
        }
        catch (WaveConflictException)
        {
            // Someone else moved the wave first (most likely a second click on the same button): say what happened.
            var fresh = await waves.GetAsync(waveId, cancellationToken);
            return fresh is null ? Problem.NotFound($"Meting '{waveId}' bestaat niet.") : Refusal(fresh.Wave) ?? Problem.Conflict(Waves.WaveSteps.Changed);
        }
    }

    private static Problem? Refusal(WaveRecord wave)
    {
        if (wave.State == WaveState.Fielding)
            return Problem.Conflict($"Het veldwerk van deze meting is al gestart{(wave.FieldingStartedOn is { } on ? $" op {on:dd-MM-yyyy}" : "")}; er is niets opnieuw gedaan.");
        // A claim, even a stale one, means a draw or frame import is under way or broke off halfway: the invitations are not final.
        if (wave.Claim is { } claim)
            return Problem.Conflict(claim.Since < DateTimeOffset.UtcNow - WaveClaim.StaleAfter
                ? $"Er is eerder {claim.Step} maar dat is halverwege afgebroken. Doe dat opnieuw voordat het veldwerk start."
                : Waves.WaveSteps.Busy(claim));
        return wave.State.WhyNot(WaveOperation.StartFielding) is { } why ? Problem.Conflict(why) : null;
    }
}
