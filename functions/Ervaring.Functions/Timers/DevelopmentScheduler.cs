using Ervaring.Functions.Hosting.Development;
using Ervaring.Functions.Hosting.Settings;
using NCrontab;

namespace Ervaring.Functions.Timers;

/// <summary>
/// Locally there is no Functions host to fire timers, so this scheduler does, on the NCRONTAB schedules that
/// the build's <c>functions.metadata</c> lists (UTC, like Azure on Linux), by calling the same timer function
/// methods. Runs only in the development server, and only when <c>Ervaring:DevelopmentScheduler</c> is true
/// (the start script sets it; tests do not).
/// </summary>
public sealed class DevelopmentScheduler(
    IConfiguration configuration,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<DevelopmentScheduler> logger) : BackgroundService
{
    public const string EnabledKey = ErvaringSettings.Section + ":" + nameof(ErvaringSettings.DevelopmentScheduler);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!ErvaringSettings.From(configuration).DevelopmentScheduler) return Task.CompletedTask;
        var path = FunctionsMetadata.PathFrom(configuration);
        var timers = FunctionsMetadata.Read(path).Where(f => f.IsTimer).ToList();
        logger.LogInformation("Development scheduler runs {Count} timer functions from {File}.", timers.Count, path);
        return Task.WhenAll(timers.Select(t => RunOnSchedule(t, stoppingToken)));
    }

    private async Task RunOnSchedule(FunctionMetadataEntry timer, CancellationToken stoppingToken)
    {
        var schedule = CrontabSchedule.Parse(timer.Schedule ?? "", new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        var method = FunctionInvoker.Resolve(timer.EntryPoint);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var next = schedule.GetNextOccurrence(now);
            await Task.Delay(next - now, clock, stoppingToken);
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await FunctionInvoker.InvokeTimerAsync(method, scope.ServiceProvider, stoppingToken);
                logger.LogInformation("{Function} ran locally: ok", timer.Name);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError("{Function} ran locally: failed ({ErrorType})", timer.Name, ex.GetType().Name);
            }
        }
    }
}
