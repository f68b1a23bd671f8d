using System.Security.Cryptography;
using Ervaring.Core.Waves;
using Ervaring.Functions.Hosting.Settings;
using Ervaring.Functions.Timers;
using Ervaring.Storage.Invitations;
using Ervaring.Storage.Responses;
using Ervaring.Storage.Waves;
using Microsoft.Extensions.Options;

namespace Ervaring.Functions.Fielding;

/// <summary>
/// Moves completed responses from their invitations into the anonymous response store, in shuffled batches,
/// so neither storage order nor storage time links a response to an invitation. During fielding it waits
/// until a wave has at least <c>Ervaring:Mixing:MinimumBatch</c> (default 20) completed responses, so a lone
/// response is never moved on its own; at close everything is moved.
/// Crash-safe: a response is written under the move id fixed at completion, then the invitation forgets it;
/// a re-run writes the same row again and never a second copy.
/// </summary>
public sealed class ResponseMixing(WaveStore waves, Fieldwork fieldwork, ResponseStore responses, IOptions<ErvaringSettings> settings, ILogger<ResponseMixing> logger) : ITimerStep
{
    public string FunctionName => TimerFunctionNames.NightlyMaintenance;
    public string Name => "respons mengen";

    private int MinimumBatch => settings.Value.Mixing.MinimumBatch;

    public async Task<string> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var moved = 0;
        var perWave = new PerWave(Name, logger, cancellationToken);
        foreach (var wave in await perWave.WavesAsync(waves))
            if (wave.State.Allows(WaveOperation.MixResponses) && wave.PurgedOn is null)
                await perWave.RunAsync(wave.Id, async () => moved += await MixAsync(wave.Id, force: !wave.State.Allows(WaveOperation.Answer), cancellationToken));
        return perWave.Done($"{moved} antwoorden verplaatst");
    }

    public async Task<int> MixAsync(string waveId, bool force, CancellationToken cancellationToken)
    {
        var pending = (await fieldwork.PendingAsync(waveId, cancellationToken)).ToArray();
        if (pending.Length == 0 || (!force && pending.Length < MinimumBatch)) return 0;
        Shuffle(pending);
        await responses.WriteAsync(pending.Select(p => (p.MoveId, p.Response)).ToList(), cancellationToken);
        // Each invitation is its own read-and-replace; a few at a time keeps a big close from taking minutes.
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (move, ct) => await fieldwork.ClearMovedAsync(waveId, move, ct));
        return pending.Length;
    }

    private static void Shuffle<T>(T[] items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = RandomNumberGenerator.GetInt32(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
