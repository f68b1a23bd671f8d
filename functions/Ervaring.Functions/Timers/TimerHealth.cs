using System.Collections.Concurrent;

namespace Ervaring.Functions.Timers;

/// <summary>How the last run of one timer function went, for monitoring: no wave ids, no personal data.</summary>
/// <param name="FailedWaves">Waves a step could not process (each step counts its own; one broken wave may count in several steps).</param>
/// <param name="FailedSteps">Steps that failed as a whole (they threw before or outside their per-wave loop).</param>
public sealed record TimerRunStatus(string Function, DateTimeOffset FinishedAt, bool Succeeded, int FailedWaves, int FailedSteps);

/// <summary>
/// The last run of each timer function on this instance, written by <see cref="TimerJobRunner"/> after every run, so
/// <c>/health</c> (or any monitor) can show how many waves the nightly job could not process. In memory: after a
/// restart, or on another instance, it knows only the runs it saw itself; the run's own failure (and its alert) is
/// what counts, this is the number next to it.
/// </summary>
public sealed class TimerHealth
{
    private readonly ConcurrentDictionary<string, TimerRunStatus> _last = new(StringComparer.Ordinal);

    public void Record(TimerRunStatus status) => _last[status.Function] = status;

    public TimerRunStatus? Last(string function) => _last.TryGetValue(function, out var status) ? status : null;

    /// <summary>For a health answer: per timer function that ran, when, whether it succeeded and how many waves failed.</summary>
    public IReadOnlyDictionary<string, TimerRunReport> Report() =>
        _last.Values.OrderBy(s => s.Function, StringComparer.Ordinal).ToDictionary(
            s => s.Function, s => new TimerRunReport(s.FinishedAt, s.Succeeded, s.FailedWaves, s.FailedSteps));
}

/// <summary>One timer function's last run as <c>/health</c> shows it.</summary>
public sealed record TimerRunReport(DateTimeOffset LastRun, bool Succeeded, int FailedWaves, int FailedSteps);
