using Ervaring.Storage;

namespace Ervaring.Functions.Health;

/// <summary><c>GET /health</c>: whether the app runs and its storage answers. Public by decision: it reveals nothing but "ok".</summary>
public static class HealthEndpoints
{
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapGet("/health", async (StorageAccount account, CancellationToken cancellationToken) =>
        {
            var report = await StorageHealth.CheckAsync(account, cancellationToken);
            var body = new
            {
                status = report.Healthy ? "healthy" : "unhealthy",
                storage = new { tables = report.Tables, blobs = report.Blobs },
            };
            return Results.Json(body, statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous();
        return app;
    }
}
