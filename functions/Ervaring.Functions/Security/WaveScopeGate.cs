using Ervaring.Functions.Api;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Pages.Admin;
using Ervaring.Storage.Waves;
using static Ervaring.Functions.Pages.Shared.PageResults;

namespace Ervaring.Functions.Security;

/// <summary>
/// The municipality check of every officer function about one wave (route parameter <c>{id}</c>), run by the
/// <see cref="FunctionPipeline"/> before the function, so no endpoint can forget it. The wave is read once; when it
/// does not exist, or the officer does not cover every municipality it covers (<see cref="OfficerScope"/>), the
/// answer is one and the same 404 — the Dutch body an unknown wave always got — so the answer never says whether a
/// wave of another municipality exists. The refusal is marked for the audit log (<see cref="AdminAuditLog"/>).
/// </summary>
public sealed class WaveScopeGate(WaveStore waves)
{
    /// <summary>The route parameter that names a wave in every officer route.</summary>
    public const string RouteParameter = "id";

    private static readonly object RefusedKey = new();

    /// <summary>Null when the function may run; else the not-found answer to give instead.</summary>
    public async Task<IResult?> RefusalAsync(HttpContext http, HttpFunction function)
    {
        var id = http.Request.RouteValues.TryGetValue(RouteParameter, out var value) ? value?.ToString() ?? "" : "";
        var stored = await waves.GetAsync(id, http.RequestAborted);
        if (stored is not null && OfficerScope.Of(http.User).Covers(stored.Wave)) return null;
        if (stored is not null) http.Items[RefusedKey] = true;
        return NotFound(function, id);
    }

    /// <summary>Whether this request was refused because the wave lies outside the officer's municipalities.</summary>
    public static bool WasRefused(HttpContext http) => http.Items.ContainsKey(RefusedKey);

    /// <summary>Exactly what the API and the admin pages answer for a wave id that does not exist.</summary>
    public static IResult NotFound(HttpFunction function, string id) => function.Page is null ? Waves.WaveFunctions.WaveNotFound(id) : NotFoundPage(id);

    /// <summary>The admin pages' answer for a wave id that does not exist (or that the officer may not see).</summary>
    public static IResult NotFoundPage(string id) =>
        Page<MessagePage>(new { Title = "Meting niet gevonden", Text = $"Er is geen meting met kenmerk '{id}'." }, StatusCodes.Status404NotFound);
}
