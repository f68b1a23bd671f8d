using System.Threading.RateLimiting;
using Ervaring.Functions.Hosting.Settings;
using Microsoft.Extensions.Options;

namespace Ervaring.Functions.Security;

/// <summary>
/// Request-rate limits per client: survey posts (a family needs a handful a minute; a script hammering
/// tokens needs thousands) and the admin API and pages (per signed-in user or key). Failed token look-ups have
/// their own, stricter limiter (<c>FailedLookupLimiter</c>). Limits are configurable for load tests.
/// </summary>
public sealed class RequestRateLimits(IOptions<ErvaringSettings> settings)
{
    public const string Survey = "enquete";
    public const string Admin = "beheer";

    private readonly PartitionedRateLimiter<HttpContext> _limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/s") && HttpMethods.IsPost(context.Request.Method))
            return RateLimitPartition.GetFixedWindowLimiter($"{Survey}|{ClientAddress(context)}", _ => Window(settings.Value.RateLimits.SurveyPostsPerMinute));
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/beheer"))
            return RateLimitPartition.GetFixedWindowLimiter($"{Admin}|{context.User.Identity?.Name ?? ClientAddress(context)}", _ => Window(settings.Value.RateLimits.AdminPerMinute));
        return RateLimitPartition.GetNoLimiter("vrij");
    });

    /// <summary>True when the request may go on; false when its client used up its window.</summary>
    public async ValueTask<bool> TryAcquireAsync(HttpContext context)
    {
        using var lease = await _limiter.AcquireAsync(context, 1, context.RequestAborted);
        return lease.IsAcquired;
    }

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };

    /// <summary>
    /// The client's address, for partitioning only (in memory, never logged or stored). Under the Functions host
    /// the worker's ASP.NET Core integration has already replaced the connection's address by the one the platform
    /// appended last to <c>X-Forwarded-For</c> (forward limit 1, trusted proxy: the host on loopback), so a value
    /// the client wrote itself in front never counts. The development server applies the same rule.
    /// </summary>
    public static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "onbekend";
}
