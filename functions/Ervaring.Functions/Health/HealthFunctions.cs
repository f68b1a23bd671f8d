using Ervaring.Functions.Hosting.Functions;
using Ervaring.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Ervaring.Functions.Health;

/// <summary><c>GET /health</c>: whether the app runs and its storage answers.</summary>
public sealed class HealthFunctions(StorageAccount account)
{
    [Function("Health")]
    [Public("It reveals nothing but whether the app and its storage answer; monitoring needs it without signing in.")]
    [Described("Beheer", "Of de app draait en de opslag antwoordt")]
    [Returns(StatusCodes.Status200OK, typeof(HealthReport))]
    [Returns(StatusCodes.Status503ServiceUnavailable, typeof(HealthReport))]
    public async Task<IResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken)
    {
        var report = await StorageHealth.CheckAsync(account, cancellationToken);
        var body = new HealthReport(report.Healthy ? "healthy" : "unhealthy", new StorageState(report.Tables, report.Blobs));
        return Results.Json(body, statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}

public sealed record HealthReport(string Status, StorageState Storage);

public sealed record StorageState(string Tables, string Blobs);
