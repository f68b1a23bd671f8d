using Ervaring.Functions.Hosting.Settings;
using Ervaring.Storage;

namespace Ervaring.Functions.Hosting;

public static class StorageRegistration
{
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        var options = ErvaringSettings.From(builder.Configuration).Storage;
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new StorageAccount(options));
        builder.Services.AddSingleton<StorageReadiness>();
        builder.Services.AddHostedService<StorageStartup>();
        return builder;
    }
}

/// <summary>
/// Whether the tables and containers are known to exist. Functions wait for it (briefly) before they run, so the
/// creation at start-up runs beside the rest of the start instead of before the server listens: a cold start is
/// often a family opening the first link of the morning.
/// </summary>
public sealed class StorageReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void MarkReady() => _ready.TrySetResult();

    /// <summary>Waits until storage is ready or the limit passes (then the request goes on and meets storage as it is).</summary>
    public Task WaitAsync(TimeSpan limit, CancellationToken cancellationToken) =>
        _ready.Task.IsCompleted ? Task.CompletedTask : Task.WhenAny(_ready.Task, Task.Delay(limit, cancellationToken));
}

/// <summary>
/// Creates tables and containers at start-up, in the background. If storage does not answer yet, the app still
/// starts (health reports it) and keeps trying every ten seconds, so a slow emulator or a network blip at boot does
/// not crash-loop the function app.
/// </summary>
internal sealed class StorageStartup(StorageAccount account, StorageReadiness readiness, ILogger<StorageStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (await TryCreate(stoppingToken))
            {
                readiness.MarkReady();
                return;
            }
            await Task.Delay(TimeSpan.FromSeconds(10), stoppingToken);
        }
    }

    private async Task<bool> TryCreate(CancellationToken cancellationToken)
    {
        try
        {
            await StorageInitializer.EnsureCreatedAsync(account, cancellationToken);
            logger.LogInformation("Storage tables and containers are in place.");
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Storage not reachable at start-up ({Error}); retrying in the background.", ex.GetType().Name);
            return false;
        }
    }
}
