using System.Text.Json;
using System.Text.Json.Serialization;
using Ervaring.Functions.Hosting;

namespace Ervaring.Functions.Timers;

/// <summary>
/// The Functions host invokes a timer function by POSTing its invocation payload
/// (<c>{"Data":{"timer":{…}},"Metadata":{…}}</c>) to <c>/{FunctionName}</c>, and expects
/// <c>{"Outputs":{},"Logs":[…],"ReturnValue":null}</c> back. A non-2xx answer marks the invocation failed,
/// which is what the "nightly job failed" alert watches. These paths answer only under the Functions host;
/// the host's HTTP routes never forward to them (checked by the wiring tests).
/// </summary>
public static class TimerTriggerEndpoints
{
    public static WebApplication MapTimerTriggers(this WebApplication app)
    {
        foreach (var name in TimerFunctionNames.All)
        {
            app.MapPost($"/{name}", async (HttpContext context, TimerJobRunner runner, IConfiguration configuration, CancellationToken cancellationToken) =>
            {
                if (!FunctionsHost.IsPresent(configuration)) return Results.NotFound();
                await ReadInvocation(context.Request, cancellationToken);
                var result = await runner.RunAsync(name, cancellationToken);
                var payload = new InvocationResponse(new Dictionary<string, object?>(), result.Logs, null);
                return Results.Json(payload, statusCode: result.Succeeded ? 200 : 500);
            })
            // Public by decision: only the Functions host reaches these (loopback, never forwarded), and they
            // answer nothing without it.
            .AllowAnonymous()
            .ExcludeFromDescription();
        }
        return app;
    }

    /// <summary>The payload carries nothing we act on (schedule status only), but it must be well-formed JSON.</summary>
    private static async Task ReadInvocation(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0) return;
        try
        {
            using var _ = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            // A malformed payload from the host still runs the job: the schedule fired, that is what counts.
        }
    }

    /// <summary>Property names exactly as the host documents them (PascalCase), not the web default camelCase.</summary>
    public sealed record InvocationResponse(
        [property: JsonPropertyName("Outputs")] IDictionary<string, object?> Outputs,
        [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
        [property: JsonPropertyName("ReturnValue")] object? ReturnValue);
}
