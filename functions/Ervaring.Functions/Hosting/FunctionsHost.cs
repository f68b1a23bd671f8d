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
    public const string UnderHostKey = "Ervaring:UnderFunctionsHost";

    public static bool IsPresent(IConfiguration configuration) => configuration.GetValue<bool>(UnderHostKey);
}
