namespace Ervaring.Functions.Hosting;

/// <summary>
/// Logs must never hold a token, a client reference, an open answer or a respondent's address. Our own log
/// lines are written that way; this closes the framework's doors: ASP.NET's request logging puts the request
/// path (which for survey pages holds the token) into every log line's scope and into its request-start and
/// request-finish lines, so that category is switched off entirely. Checked by LoggingHygieneTests.
/// </summary>
public static class LoggingHygiene
{
    public static IHostApplicationBuilder AddLoggingHygiene(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing.EndpointMiddleware", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        return builder;
    }
}
