namespace Ervaring.Functions.Security;

/// <summary>
/// In Production the two cookies, <c>ervaring-beheer</c> (the sign-in) and <c>ervaring-af</c> (antiforgery), are
/// Secure-only (<see cref="CookieSecurePolicy.Always"/>): a browser never sends them over plain http. The platform ends
/// TLS in front of the app and is https-only; under the Functions host the worker (and the development server with
/// <c>Ervaring:UnderFunctionsHost</c>) applies its forwarded scheme, so requests arrive as https. Anywhere else the
/// forwarded scheme is not believed. Outside Production the cookies follow the request, so local http works.
/// </summary>
public static class SecureCookies
{
    public static CookieSecurePolicy Policy(IHostEnvironment environment) =>
        environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    /// <summary>
    /// Whether this request cannot carry those cookies: Production, and not https as the app sees it. Antiforgery
    /// refuses to run then (it throws), so the pipeline answers such a request to the admin pages itself.
    /// </summary>
    public static bool Unavailable(HttpContext http) =>
        !http.Request.IsHttps && http.RequestServices.GetRequiredService<IHostEnvironment>().IsProduction();
}
