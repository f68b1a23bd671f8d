using Ervaring.Functions.Hosting;
using NCrontab;

namespace Ervaring.Functions.Timers;

/// <summary>
/// Locally there is no Functions host to fire timers, so this scheduler does, on the NCRONTAB schedules
/// from the same function.json files (UTC, like Azure on Linux). Off under the Functions host and unless
/// <c>Ervaring:DevelopmentScheduler</c> is true (the start script sets it; tests do not).
/// </summary>
public sealed class DevelopmentScheduler(
    IConfiguration configuration,
    FunctionCatalog catalog,
    TimerJobRunner runner,
    TimeProvider clock,
    ILogger<DevelopmentScheduler> logger) : BackgroundService
{
    public const string EnabledKey = "Ervaring:DevelopmentScheduler";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (FunctionsHost.IsPresent(configuration) || !configuration.GetValue<bool>(EnabledKey)) return Task.CompletedTask;
        var timers = catalog.TimerFunctions().Where(t => TimerFunctionNames.All.Contains(t.Name)).ToList();
        logger.LogInformation("Development scheduler runs {Count} timer functions from {Folder}.", timers.Count, catalog.Folder);
        return Task.WhenAll(timers.Select(t => RunOnSchedule(t, stoppingToken)));
    }

    private async Task RunOnSchedule(TimerFunction timer, CancellationToken stoppingToken)
    {
        var schedule = CrontabSchedule.Parse(timer.Schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var next = schedule.GetNextOccurrence(now);
            await Task.Delay(next - now, clock, stoppingToken);
            var result = await runner.RunAsync(timer.Name, stoppingToken);
            logger.LogInformation("{Function} ran locally: {Outcome}", timer.Name, result.Succeeded ? "ok" : "failed");
        }
    }
}
