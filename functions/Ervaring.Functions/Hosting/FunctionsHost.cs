using Ervaring.Functions.Hosting.Settings;
namespace Ervaring.Functions.Hosting;

/// <summary>
/// Whether the app runs as the Azure Functions worker (started by the Functions host) or in the development
/// server. Under the host the platform terminates TLS and forwards the client's address; the worker's ASP.NET Core
/// integration applies those forwarded headers. Tests set <see cref="UnderHostKey"/> to run the development server
/// as the host would see it.
/// </summary>
public static class FunctionsHost
{
    /// <summary>Configuration key the worker sets for itself (and tests may set) that says the Functions host is present.</summary>
    public const string UnderHostKey = ErvaringSettings.Section + ":" + nameof(ErvaringSettings.UnderFunctionsHost);

    /// <summary>
    /// The app setting the platform itself sets to "True" when App Service Authentication (Easy Auth) is on for the
    /// app; the same check Microsoft.Identity.Web makes. Only then does the platform strip a client's own
    /// <c>X-MS-CLIENT-PRINCIPAL</c> and put the signed-in officer's in its place.
    /// </summary>
    public const string PlatformAuthenticationKey = "WEBSITE_AUTH_ENABLED";

    public static bool IsPresent(IConfiguration configuration) => configuration.GetValue<bool>(UnderHostKey);

    /// <summary>
    /// Whether the platform vouches for the principal header: under the host and with platform authentication on.
    /// Without it anyone could send the header, so it is ignored (and the start-up log says so once).
    /// </summary>
    public static bool VouchesForPrincipal(IConfiguration configuration) =>
        IsPresent(configuration) && bool.TryParse(configuration[PlatformAuthenticationKey], out var on) && on;
}
