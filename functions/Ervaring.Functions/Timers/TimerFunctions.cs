using Microsoft.Azure.Functions.Worker;

namespace Ervaring.Functions.Timers;

/// <summary>
/// The two timer functions. Each runs its capability steps (<see cref="ITimerStep"/>); when a step failed the
/// invocation fails too, so the host records it and the "nightly job failed" alert fires. Schedules are
/// NCRONTAB with seconds, in UTC.
/// </summary>
public sealed class TimerFunctions(TimerJobRunner runner)
{
    /// <summary>02:30 UTC: close waves past their field period, purge links, mix responses, reminders, retention.</summary>
    [Function(TimerFunctionNames.NightlyMaintenance)]
    public Task NightlyMaintenance([TimerTrigger("0 30 2 * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        RunAsync(TimerFunctionNames.NightlyMaintenance, cancellationToken);

    /// <summary>05:00 UTC daily: report drafts for closed waves that have none.</summary>
    [Function(TimerFunctionNames.YearlyReport)]
    public Task YearlyReport([TimerTrigger("0 0 5 * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        RunAsync(TimerFunctionNames.YearlyReport, cancellationToken);

    private async Task RunAsync(string name, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(name, cancellationToken);
        if (!result.Succeeded) throw new TimerJobFailedException(name, result.Logs);
    }
}

/// <summary>A timer run in which a step failed; the message holds only the steps' summaries (no personal data).</summary>
public sealed class TimerJobFailedException(string function, IReadOnlyList<string> logs)
    : Exception($"{function}: {string.Join("; ", logs)}");
