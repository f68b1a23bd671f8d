using System.Threading.RateLimiting;
using Ervaring.Functions.Hosting;

namespace Ervaring.Functions.Security;

/// <summary>
/// Request-rate limits per client: survey posts (a family needs a handful a minute; a script hammering
/// tokens needs thousands) and the admin API (per signed-in user or key). Failed token look-ups have their
/// own, stricter limiter (<c>FailedLookupLimiter</c>). Limits are configurable for load tests.
/// </summary>
public static class RateLimits
{
    public const string Survey = "enquete";
    public const string Admin = "beheer";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddRateLimiter(options =>
        {
            // One global limiter that picks its partition by path, so every new endpoint is covered by default.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var path = context.Request.Path;
                if (path.StartsWithSegments("/s") && HttpMethods.IsPost(context.Request.Method))
                    return RateLimitPartition.GetFixedWindowLimiter($"{Survey}|{ClientAddress(context, configuration)}", _ => Window(configuration.GetValue("Ervaring:RateLimits:SurveyPostsPerMinute", 120)));
                if (path.StartsWithSegments("/api") || path.StartsWithSegments("/admin"))
                    return RateLimitPartition.GetFixedWindowLimiter($"{Admin}|{context.User.Identity?.Name ?? ClientAddress(context, configuration)}", _ => Window(configuration.GetValue("Ervaring:RateLimits:AdminPerMinute", 600)));
                return RateLimitPartition.GetNoLimiter("vrij");
            });
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, _) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "60";
                return new ValueTask(ErrorHandling.Write(rejected.HttpContext, StatusCodes.Status429TooManyRequests,
                    "Te veel verzoeken in korte tijd. Wacht een minuut en probeer het opnieuw."));
            };
        });
        return builder;
    }

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };

    /// <summary>The client's address, for partitioning only (in memory, never logged or stored).</summary>
    public static string ClientAddress(HttpContext context, IConfiguration configuration) =>
        FunctionsHost.IsPresent(configuration) && context.Request.Headers["X-Forwarded-For"].FirstOrDefault() is { Length: > 0 } forwarded
            ? forwarded.Split(',')[0].Trim()
            : context.Connection.RemoteIpAddress?.ToString() ?? "onbekend";
}
