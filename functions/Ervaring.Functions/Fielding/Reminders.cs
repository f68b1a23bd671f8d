using Ervaring.Core.Csv;
using Ervaring.Core.Invitations;
using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Sampling;
using Ervaring.Functions.Security;
using Ervaring.Functions.Timers;
using Ervaring.Storage.Invitations;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Fielding;

/// <summary>
/// Reminder lists: the families who have neither answered nor said no, a given number of days after the start
/// of fielding (default rounds at day 7 and 14). The list holds links, and links must never be stored, so it
/// is made when the officer downloads it; the nightly step only tells the officer (in the wave's log) when a
/// round is due and how many families it holds.
/// </summary>
public sealed class Reminders(WaveStore waves, InvitationStore invitations, InvitationExport export, TimeProvider clock, ILogger<Reminders> logger) : ITimerStep
{
    public string FunctionName => TimerFunctionNames.NightlyMaintenance;
    public string Name => "herinneringen klaarzetten";

    public async Task<string> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var announced = 0;
        var perWave = new PerWave(Name, logger, cancellationToken);
        foreach (var wave in await perWave.WavesAsync(waves))
        {
            if (!wave.State.Allows(WaveOperation.Remind) || wave.FieldingStartedOn is not { } started) continue;
            await perWave.RunAsync(wave.Id, async () =>
            {
                for (var round = 1; round <= wave.Settings.ReminderDays.Count; round++)
                {
                    if (wave.RemindersAnnounced.Contains(round) || started.AddDays(wave.Settings.ReminderDays[round - 1]) > today) continue;
                    var count = 0;
                    await foreach (var i in invitations.ListAsync(wave.Id, cancellationToken))
                        if (IsNonResponder(i)) count++;
                    if (await AnnounceAsync(wave.Id, round, count, cancellationToken)) announced++;
                }
            });
        }
        return perWave.Done($"{announced} herinneringsrondes klaargezet");
    }

    /// <summary>
    /// Records that a round was announced, once: two overlapping nightly runs both count, but only the one whose
    /// ETag-guarded write lands first logs the round; the other reads the wave again and finds it announced.
    /// </summary>
    private async Task<bool> AnnounceAsync(string waveId, int round, int count, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await waves.GetAsync(waveId, cancellationToken) is not { } stored || !stored.Wave.State.Allows(WaveOperation.Remind) || stored.Wave.RemindersAnnounced.Contains(round)) return false;
            try
            {
                await waves.UpdateAsync(stored, stored.Wave with { RemindersAnnounced = [.. stored.Wave.RemindersAnnounced, round] },
                    "systeem (nachtelijke taak)", $"herinneringsronde {round} klaar: {count} uitnodigingen zonder antwoord", cancellationToken);
                return true;
            }
            catch (WaveConflictException) { }
        }
        return false;
    }

    public static bool IsNonResponder(InvitationRecord invitation) =>
        invitation.Status is InvitationStatus.Invited or InvitationStatus.Opened;

    public async Task<Outcome<byte[]>> CsvAsync(string waveId, int round, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(waveId, cancellationToken) is not { } stored) return Problem.NotFound($"Meting '{waveId}' bestaat niet.");
        var wave = stored.Wave;
        if (wave.State.WhyNot(WaveOperation.Remind) is { } notNow) return Problem.Conflict(notNow);
        if (wave.FieldingStartedOn is not { } started) return Problem.Conflict("Het veldwerk van deze meting heeft geen startdatum.");
        if (round < 1 || round > wave.Settings.ReminderDays.Count)
            return Problem.BadRequest($"Ronde {round} bestaat niet; deze meting heeft {wave.Settings.ReminderDays.Count} herinneringsrondes.");
        var due = started.AddDays(wave.Settings.ReminderDays[round - 1]);
        if (due > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            return Problem.Conflict($"Herinneringsronde {round} is pas op {due:dd-MM-yyyy}.");

        var nonResponders = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var i in invitations.ListAsync(waveId, cancellationToken))
            if (IsNonResponder(i)) nonResponders.Add(i.InvitationId);
        var rows = await export.RowsAsync(waveId, cancellationToken);
        if (rows.Problem is not null) return rows.Problem;
        var table = new List<IEnumerable<string?>> { new[] { "clientreferentie", "doelgroep", "gemeente", "link", "code", "ronde" } };
        table.AddRange(rows.Value!.Where(r => nonResponders.Contains(r.InvitationId))
            .Select(r => new[] { r.ClientReference, r.Audience, r.Municipality, r.Link, r.Code, round.ToString() }));
        return SafeCsv.ToUtf8Bytes(table);
    }
}
