using Ervaring.Core.Waves;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Timers;

/// <summary>
/// A timer step's loop over waves, one wave at a time: a wave whose work throws is logged (step, wave id and
/// exception type only — messages from lower layers could carry data we never log), counted, and left as it was,
/// and the loop goes on with the next wave. Nothing is marked done for the failed wave, so the next run simply
/// tries it again. <see cref="Done"/> gives the step's summary, or — when any wave failed — throws
/// <see cref="TimerStepFailedException"/> with that summary, so the run counts as failed and the alert fires.
/// </summary>
public sealed class PerWave(string step, ILogger logger, CancellationToken cancellationToken)
{
    public int Failed { get; private set; }

    /// <summary>Every wave that can be read; one whose stored document cannot be read is counted as failed.</summary>
    public async Task<IReadOnlyList<WaveRecord>> WavesAsync(WaveStore waves)
    {
        var listing = await waves.ListForJobsAsync(cancellationToken);
        foreach (var (id, errorType) in listing.Unreadable)
        {
            Failed++;
            logger.LogError("{Step}: wave {WaveId} could not be read ({ErrorType}); skipped", step, id, errorType);
        }
        return listing.Waves;
    }

    /// <summary>Runs one wave's work; false (and counted) when it threw. Cancellation of the run itself is not caught.</summary>
    public async Task<bool> RunAsync(string waveId, Func<Task> work)
    {
        try
        {
            await work();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Failed++;
            logger.LogError("{Step}: wave {WaveId} failed with {ErrorType}; the other waves go on", step, waveId, ex.GetType().Name);
            return false;
        }
    }

    /// <summary>The summary when every wave went well; otherwise throws with the summary and the number that failed.</summary>
    public string Done(string summary) =>
        Failed == 0 ? summary : throw new TimerStepFailedException($"{summary}, {Failed} mislukt", Failed);
}

/// <summary>
/// A step that processed every wave it could, but not all: <see cref="Summary"/> says what was done and how many
/// waves failed. The runner reports the summary and marks the run failed.
/// </summary>
public sealed class TimerStepFailedException(string summary, int failedWaves) : Exception(summary)
{
    public string Summary { get; } = summary;
    public int FailedWaves { get; } = failedWaves;
}
