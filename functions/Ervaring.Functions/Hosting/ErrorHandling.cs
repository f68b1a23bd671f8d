namespace Ervaring.Functions.Hosting;

/// <summary>
/// No exception ever reaches a user as a stack trace. API callers get problem-details JSON in Dutch;
/// people get a short Dutch page. Storage outages become 503 "probeer het later nog eens".
/// </summary>
public static class ErrorHandling
{
    public static IHostApplicationBuilder AddErrorHandling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        // API answers use the same JSON shape as stored documents: camelCase, enums as names.
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            // The framework default (UnsafeRelaxedJsonEscaping) writes '<' and '>' as they are, so an id like
            // "<script>…" echoed in a Dutch error came back as live markup. Escape HTML-sensitive characters, keep ë as ë.
            options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        });
        return builder;
    }

    /// <summary>The status an exception becomes: the client's fault is a 4xx, a storage outage a 503, the rest a 500.</summary>
    public static int StatusFor(Exception ex) => ex switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        InvalidDataException or System.Text.DecoderFallbackException => StatusCodes.Status400BadRequest,
        _ when IsStorageOutage(ex) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>Answers an exception without its message or stack trace; the log gets the type only (messages may carry data).</summary>
    public static Task WriteExceptionAsync(HttpContext context, Exception ex, ILogger logger)
    {
        var status = StatusFor(ex);
        if (status >= 500) logger.LogError("Request failed with {ErrorType} ({Status}).", ex.GetType().Name, status);
        if (context.Response.HasStarted)
        {
            // Part of the answer is out already: the only honest thing left is to break the connection.
            context.Abort();
            return Task.CompletedTask;
        }
        context.Response.Clear();
        context.Response.StatusCode = status;
        return WriteError(context);
    }

    public static bool IsStorageOutage(Exception ex) => ex switch
    {
        Azure.RequestFailedException { Status: 0 or >= 500 } => true,
        HttpRequestException => true,
        AggregateException agg => agg.InnerExceptions.Any(IsStorageOutage),
        _ => ex.InnerException is not null && IsStorageOutage(ex.InnerException),
    };

    private static Task WriteError(HttpContext context)
    {
        var status = context.Response.StatusCode;
        if (status is >= 400 and < 500) return WriteStatus(context);
        var detail = status == StatusCodes.Status503ServiceUnavailable
            ? "De opslag is even niet bereikbaar. Probeer het later nog eens."
            : "Er ging iets mis aan onze kant. Probeer het later nog eens.";
        if (status == StatusCodes.Status503ServiceUnavailable) context.Response.Headers.RetryAfter = "30";
        return Write(context, status, detail);
    }

    public static Task WriteStatus(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var detail = status switch
        {
            // A form without (or with an expired) antiforgery token: the usual cause is a page left open too long.
            404 => "Deze pagina bestaat niet.",
            405 => "Deze actie is hier niet toegestaan.",
            401 => "U moet inloggen om dit te zien.",
            403 => "U heeft geen toegang tot deze pagina.",
            413 => "Wat u stuurde is te groot.",
            415 => "Dit soort inhoud kunnen we hier niet verwerken.",
            429 => "Te veel pogingen. Wacht even en probeer het dan opnieuw.",
            _ => "Dit verzoek kunnen we niet verwerken.",
        };
        return Write(context, status, detail);
    }

    /// <param name="title">The page's heading when the status's own title says too little (a stale form).</param>
    internal static Task Write(HttpContext context, int status, string detail, string? title = null)
    {
        context.Response.StatusCode = status;
        if (WantsJson(context.Request))
        {
            return Results.Problem(statusCode: status, title: Title(status), detail: detail).ExecuteAsync(context);
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        // A page of its own, also where no page function answered (an unknown path): our stylesheet may load.
        context.Response.Headers.ContentSecurityPolicy = ErrorPage.ContentSecurityPolicy;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(ErrorPage.Html(context.Request.Path, title ?? Title(status), detail));
    }

    private static bool WantsJson(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") ||
        request.Headers.Accept.Any(a => a is not null && a.Contains("json", StringComparison.OrdinalIgnoreCase));

    private static string Title(int status) => status switch
    {
        400 => "Ongeldig verzoek",
        401 => "Niet ingelogd",
        403 => "Geen toegang",
        404 => "Niet gevonden",
        409 => "Kan nu niet",
        413 => "Te groot",
        415 => "Verkeerd soort inhoud",
        422 => "Niet te verwerken",
        429 => "Te veel verzoeken",
        503 => "Even niet beschikbaar",
        _ => status >= 500 ? "Er ging iets mis" : "Ongeldig verzoek",
    };
}
