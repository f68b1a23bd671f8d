using Azure.Data.Tables;
using Ervaring.Storage;

namespace Ervaring.Functions.Security;

/// <summary>
/// Who did what, when, to which wave: every change through the admin API or pages, and every download of
/// data with personal links (invitations, reminders), in the <c>auditlog</c> table (partition = month).
/// Only the signed-in name, the role, the route pattern, the wave id and the status — never a body, a query
/// string, a token or a client reference.
/// </summary>
public static class AdminAuditLog
{
    public static WebApplication UseAdminAuditLog(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            await next();
            if (!ShouldRecord(context)) return;
            var endpoint = context.GetEndpoint() as RouteEndpoint;
            var entity = new TableEntity(DateTime.UtcNow.ToString("yyyy-MM"), $"{DateTime.UtcNow.Ticks:D19}-{Guid.NewGuid():N}")
            {
                ["Actor"] = context.User.Identity?.Name ?? "niet ingelogd",
                ["Role"] = string.Join(",", Roles.All.Where(context.User.IsInRole)),
                ["Method"] = context.Request.Method,
                ["Route"] = endpoint?.RoutePattern.RawText ?? "(onbekend)",
                ["WaveId"] = context.Request.RouteValues.TryGetValue("id", out var id) ? id?.ToString() : null,
                ["Status"] = context.Response.StatusCode,
            };
            try
            {
                await context.RequestServices.GetRequiredService<StorageAccount>().Table(StorageNames.Tables.AuditLog).AddEntityAsync(entity);
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException)
            {
                // The action itself already happened; losing its audit line must not turn it into an error.
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Ervaring.Audit")
                    .LogWarning("Audit record not written ({Error}).", ex.GetType().Name);
            }
        });
        return app;
    }

    private static bool ShouldRecord(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/api") && !path.StartsWithSegments("/admin")) return false;
        if (context.User.Identity?.IsAuthenticated != true) return false;
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)) return true;
        var value = path.Value ?? "";
        return value.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || value.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
    }
}
