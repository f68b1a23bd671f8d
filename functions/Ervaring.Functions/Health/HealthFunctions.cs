using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Timers;
using Ervaring.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Ervaring.Functions.Health;

/// <summary><c>GET /health</c>: whether the app runs and its storage answers, and how the last timer runs went.</summary>
public sealed class HealthFunctions(StorageAccount account, TimerHealth timers)
{
    [Function("Health")]
    [Public("It reveals only whether the app and its storage answer and how the last timer runs went (counts, no ids); monitoring needs it without signing in.")]
    [Described("Beheer", "Of de app draait en de opslag antwoordt")]
    [Returns(StatusCodes.Status200OK, typeof(HealthReport))]
    [Returns(StatusCodes.Status503ServiceUnavailable, typeof(HealthReport))]
    public async Task<IResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken)
    {
        var report = await StorageHealth.CheckAsync(account, cancellationToken);
        var body = new HealthReport(report.Healthy ? "healthy" : "unhealthy", new StorageState(report.Tables, report.Blobs), timers.Report());
        return Results.Json(body, statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>The health answer; <c>timers</c> lists, per timer function that ran on this instance, its last run (see TimerHealth).</summary>
public sealed record HealthReport(string Status, StorageState Storage, IReadOnlyDictionary<string, TimerRunReport> Timers);

public sealed record StorageState(string Tables, string Blobs);
