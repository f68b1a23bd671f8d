using Ervaring.Functions.Timers;
using Ervaring.Storage.Exclusions;
using Ervaring.Storage.Frames;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Fielding;

/// <summary>
/// Deletes raw frame uploads once their retention has passed: the retention date set at sampling, or for a
/// frame that was never sampled, its import date plus the wave's retention days. Idempotent.
/// </summary>
public sealed class FrameRetention(WaveStore waves, FrameBlobStore frames, ILogger<FrameRetention> logger) : ITimerStep
{
    public string FunctionName => TimerFunctionNames.NightlyMaintenance;
    public string Name => "steekproefkaders opruimen";

    public async Task<string> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var deleted = 0;
        var perWave = new PerWave(Name, logger, cancellationToken);
        foreach (var wave in await perWave.WavesAsync(waves))
        {
            if (wave.Frame is not { RawDeleted: false } frame) continue;
            var retainUntil = frame.RetainUntil ?? DateOnly.FromDateTime(frame.ImportedAt.UtcDateTime).AddDays(wave.Settings.FrameRetentionDays);
            if (retainUntil >= today) continue;
            await perWave.RunAsync(wave.Id, async () =>
            {
                foreach (var blob in await frames.ListAsync(wave.Id, cancellationToken))
                    await frames.DeleteAsync(blob, cancellationToken);
                // ETag-guarded: when the wave changed meanwhile (an overlapping run marked it already), read it again.
                for (var attempt = 0; attempt < 5; attempt++)
                {
                    if (await waves.GetAsync(wave.Id, cancellationToken) is not { Wave.Frame: { RawDeleted: false } current } stored) break;
                    try
                    {
                        await waves.UpdateAsync(stored, stored.Wave with { Frame = current with { RawDeleted = true } }, "systeem (nachtelijke taak)", "ruw steekproefkader verwijderd na bewaartermijn", cancellationToken);
                        deleted++;
                        break;
                    }
                    catch (WaveConflictException) { }
                }
            });
        }
        return perWave.Done($"{deleted} kaders verwijderd");
    }
}

/// <summary>Forgets contact-history entries older than 13 months: they no longer exclude anyone from a draw.</summary>
public sealed class ContactHistoryRetention(ClientHistoryStore history) : ITimerStep
{
    public string FunctionName => TimerFunctionNames.NightlyMaintenance;
    public string Name => "contacthistorie opruimen";

    public async Task<string> RunAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        $"{await history.PurgeOldContactsAsync(DateOnly.FromDateTime(now.UtcDateTime), cancellationToken)} oude contacten vergeten";
}
