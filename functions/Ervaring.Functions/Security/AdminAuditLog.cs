using Azure.Data.Tables;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Storage;

namespace Ervaring.Functions.Security;

/// <summary>
/// Who did what, when, to which wave: every change through the admin API or pages, and every download of
/// data with personal links (invitations, reminders), in the <c>auditlog</c> table (partition = month).
/// Only the signed-in name, the role, the route pattern, the wave id (or the municipality's slug) and the status — never a body, a query
/// string, a token or a client reference. Every refusal of a signed-in officer is recorded too, reads included: a
/// 403, and a wave outside the officer's municipalities (answered 404, recorded with <c>Refusal</c> = "buiten gemeenten").
/// </summary>
public sealed class AdminAuditLog(StorageAccount account, ILogger<AdminAuditLog> logger)
{
    public async Task RecordAsync(HttpContext context, HttpFunction function)
    {
        if (!ShouldRecord(context, function)) return;
        var entity = new TableEntity(DateTime.UtcNow.ToString("yyyy-MM"), $"{DateTime.UtcNow.Ticks:D19}-{Guid.NewGuid():N}")
        {
            ["Actor"] = context.User.Identity?.Name ?? "niet ingelogd",
            ["Role"] = string.Join(",", Roles.All.Where(context.User.IsInRole)),
            ["Method"] = context.Request.Method,
            ["Route"] = "/" + function.Route,
            ["WaveId"] = context.Request.RouteValues.TryGetValue("id", out var id) ? id?.ToString() : null,
            // A municipality's own settings (targets, reasons for a year without a survey) name it by slug in the route.
            ["Municipality"] = context.Request.RouteValues.TryGetValue("gemeente", out var place) ? place?.ToString() : null,
            ["Status"] = context.Response.StatusCode,
            ["Refusal"] = WaveScopeGate.WasRefused(context) ? "buiten gemeenten" : context.Response.StatusCode == StatusCodes.Status403Forbidden ? "geen toegang" : null,
        };
        try
        {
            await account.Table(StorageNames.Tables.AuditLog).AddEntityAsync(entity);
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException)
        {
            // The action itself already happened; losing its audit line must not turn it into an error.
            logger.LogWarning("Audit record not written ({Error}).", ex.GetType().Name);
        }
    }

    private static bool ShouldRecord(HttpContext context, HttpFunction function)
    {
        if (!function.IsApi && !function.Route.StartsWith("beheer", StringComparison.Ordinal)) return false;
        if (context.User.Identity?.IsAuthenticated != true) return false;
        if (WaveScopeGate.WasRefused(context) || context.Response.StatusCode == StatusCodes.Status403Forbidden) return true;
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)) return true;
        var value = context.Request.Path.Value ?? "";
        return value.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || value.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
    }
}
