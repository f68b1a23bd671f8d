using Ervaring.Storage;

namespace Ervaring.Functions.Hosting;

public static class StorageRegistration
{
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new StorageAccount(options));
        builder.Services.AddHostedService<StorageStartup>();
        return builder;
    }
}

/// <summary>
/// Creates tables and containers at start-up. If storage does not answer yet, the app still starts
/// (health reports it) and keeps trying in the background, so a slow emulator or a network blip at
/// boot does not crash-loop the function app.
/// </summary>
internal sealed class StorageStartup(StorageAccount account, ILogger<StorageStartup> logger) : BackgroundService
{
    public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // First attempt inline, so a healthy start is ready before the first request.
        if (await TryCreate(cancellationToken)) return;
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(10), stoppingToken);
            if (await TryCreate(stoppingToken)) return;
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
