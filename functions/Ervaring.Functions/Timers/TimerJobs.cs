namespace Ervaring.Functions.Timers;

/// <summary>The timer-triggered functions. Their names are the folder names of their function.json.</summary>
public static class TimerFunctionNames
{
    public const string NightlyMaintenance = "NightlyMaintenance";
    public const string YearlyReport = "YearlyReport";

    public static readonly IReadOnlyList<string> All = [NightlyMaintenance, YearlyReport];
}

/// <summary>
/// One piece of work a timer function does (close waves, purge links, mix responses…). Each capability
/// registers its own steps; a step must be idempotent and safe to re-run after a crash halfway.
/// </summary>
public interface ITimerStep
{
    /// <summary>The timer function this step belongs to (see <see cref="TimerFunctionNames"/>).</summary>
    string FunctionName { get; }

    /// <summary>Short name for logs.</summary>
    string Name { get; }

    /// <summary>
    /// Does the work; returns a one-line summary for the invocation log. Never logs personal data. A step that loops
    /// over waves does so with <see cref="PerWave"/>: one wave's failure is counted and the others still run, and the
    /// step then throws <see cref="TimerStepFailedException"/> with its summary and the count.
    /// </summary>
    Task<string> RunAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed record TimerRunResult(bool Succeeded, IReadOnlyList<string> Logs);

/// <summary>
/// Runs the steps of one timer function in registration order. A failing step does not stop the others, and within a
/// step a failing wave does not stop the other waves (<see cref="PerWave"/>). The run fails when any step or wave did;
/// how many is recorded in <see cref="TimerHealth"/>.
/// </summary>
public sealed class TimerJobRunner(IEnumerable<ITimerStep> steps, TimeProvider clock, TimerHealth health, ILogger<TimerJobRunner> logger)
{
    public async Task<TimerRunResult> RunAsync(string functionName, CancellationToken cancellationToken)
    {
        var logs = new List<string>();
        var succeeded = true;
        var failedWaves = 0;
        var failedSteps = 0;
        var now = clock.GetUtcNow();
        foreach (var step in steps.Where(s => s.FunctionName == functionName))
        {
            try
            {
                var summary = await step.RunAsync(now, cancellationToken);
                logs.Add($"{step.Name}: {summary}");
                logger.LogInformation("{Function}/{Step}: {Summary}", functionName, step.Name, summary);
            }
            catch (TimerStepFailedException partly)
            {
                // The step did every wave it could; its summary says how many failed (each was logged by type).
                succeeded = false;
                failedWaves += partly.FailedWaves;
                logs.Add($"{step.Name}: {partly.Summary}");
                logger.LogError("{Function}/{Step}: {Summary}", functionName, step.Name, partly.Summary);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                succeeded = false;
                failedSteps++;
                // The exception type only: messages from lower layers could carry data we never log.
                logs.Add($"{step.Name}: mislukt ({ex.GetType().Name})");
                logger.LogError("{Function}/{Step} failed with {ErrorType}", functionName, step.Name, ex.GetType().Name);
            }
        }
        if (logs.Count == 0) logs.Add("geen stappen geregistreerd");
        health.Record(new TimerRunStatus(functionName, clock.GetUtcNow(), succeeded, failedWaves, failedSteps));
        return new TimerRunResult(succeeded, logs);
    }
}

public static class TimerJobRegistration
{
    public static IHostApplicationBuilder AddTimerJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TimerHealth>();
        builder.Services.AddSingleton<TimerJobRunner>();
        return builder;
    }
}
