using Ervaring.Functions.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;

namespace Ervaring.Functions.Hosting.Functions;

/// <summary>
/// Every cross-cutting rule of an HTTP function, written once and run around every invocation: in Azure by the
/// worker middleware (<see cref="FunctionPipelineMiddleware"/>), locally and in tests by the development server.
/// In order: security headers, body limit, https for the admin pages in Production, authentication (the sign-in
/// cookie checked against its session), rate limits, access, antiforgery, the officer's municipalities for a function
/// about one wave, the function, Dutch bodies for bare error
/// statuses, no stack trace ever, and the audit log of officers' changes.
/// </summary>
public sealed class FunctionPipeline(
    RequestRateLimits rateLimits,
    AdminAuditLog auditLog,
    StorageReadiness storage,
    WaveScopeGate waveScope,
    Sampling.PublicBaseUrl publicBaseUrl,
    IConfiguration configuration,
    ILogger<FunctionPipeline> logger)
{
    /// <summary>Small bodies by default; the frame upload and the survey set their own limit.</summary>
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    private readonly bool _underHost = FunctionsHost.IsPresent(configuration);

    /// <summary>Runs <paramref name="invoke"/> (the function) inside the rules and writes its result.</summary>
    public async Task RunAsync(HttpContext http, HttpFunction function, Func<Task<object?>> invoke)
    {
        SecurityHeaders.Apply(http, function.Page, _underHost);
        try
        {
            LimitBody(http, function.MaxBodyBytes ?? DefaultMaxBodyBytes);
            if (UsesAdminCookies(function) && SecureCookies.Unavailable(http))
            {
                // Production, and the request did not arrive over https: the Secure-only cookies could not come back
                // over it, and antiforgery would refuse to run. Under the platform (https only) this does not happen.
                await ErrorHandling.Write(http, StatusCodes.Status403Forbidden,
                    "De beheerpagina's werken alleen via een beveiligde verbinding. Gebruik het https-adres.");
                return;
            }
            await AuthenticateAsync(http);
            if (!await rateLimits.TryAcquireAsync(http))
            {
                http.Response.Headers.RetryAfter = "60";
                await ErrorHandling.Write(http, StatusCodes.Status429TooManyRequests, "Te veel verzoeken in korte tijd. Wacht een minuut en probeer het opnieuw.");
                return;
            }
            if (!await AuthorizeAsync(http, function)) return;
            if (!await SameSiteOrTokenAsync(http, function))
            {
                await ErrorHandling.Write(http, StatusCodes.Status403Forbidden,
                    "Dit verzoek komt niet van de eigen beheerpagina's. Gebruik de pagina's of een API-sleutel.");
                return;
            }
            if (function.FormPost && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
                && !await FormTokenValidAsync(http))
            {
                await ErrorHandling.Write(http, StatusCodes.Status400BadRequest,
                    "Het formulier is verlopen of niet compleet. Ga terug, laad de pagina opnieuw en probeer het nog eens.", "Formulier verlopen");
                return;
            }
            // Right after a cold start the tables may still be being created (in parallel with the start itself).
            await storage.WaitAsync(TimeSpan.FromSeconds(3), http.RequestAborted);
            // An officer's function about one wave runs only for an officer of all the wave's municipalities; a wave
            // outside them is answered exactly as a wave that does not exist (issue 15; docs/architecture.md).
            if (function.IsAboutOneWave && await waveScope.RefusalAsync(http, function) is { } notFound)
            {
                await ExecuteAsync(notFound, http);
                return;
            }
            var result = await invoke();
            await ExecuteAsync(result, http);
            if (!http.Response.HasStarted && http.Response.StatusCode >= 400 && http.Response.ContentType is null && http.Response.ContentLength is null)
                await ErrorHandling.WriteStatus(http);
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested || ex is not OperationCanceledException)
        {
            await ErrorHandling.WriteExceptionAsync(http, ex, logger);
        }
        catch (OperationCanceledException) when (!http.Response.HasStarted)
        {
            // The client gave up (a second click replaced the navigation of the first, a tab was closed): nobody gets
            // an answer. The audit log records 499 (client closed request), not the 200 the response still carried.
            http.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            throw;
        }
        finally
        {
            await auditLog.RecordAsync(http, function);
        }
    }

    /// <summary>
    /// A state-changing API request that is authenticated only by the sign-in cookie must come from our own pages: a
    /// same-origin <c>Sec-Fetch-Site</c> or <c>Origin</c>, or a valid antiforgery token. SameSite=Strict alone is not
    /// enough in front of a draw or a publication. API keys (and the platform's principal) are unaffected: a
    /// browser never adds them by itself.
    /// </summary>
    private async Task<bool> SameSiteOrTokenAsync(HttpContext http, HttpFunction function)
    {
        var method = http.Request.Method;
        if (!function.IsApi || HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)) return true;
        if (http.User.Identity?.AuthenticationType != Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme) return true;
        var headers = http.Request.Headers;
        if (headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site) return site == "same-origin" || (site == "none" && await FormTokenValidAsync(http));
        if (headers.Origin.ToString() is { Length: > 0 } origin)
            return string.Equals(origin, $"{http.Request.Scheme}://{http.Request.Host}", StringComparison.OrdinalIgnoreCase)
                   || string.Equals(origin, publicBaseUrl.Value, StringComparison.OrdinalIgnoreCase);
        return await FormTokenValidAsync(http);
    }

    /// <summary>The admin pages (sign-in and sign-out included) and every form post: what sets or needs the two cookies.</summary>
    private static bool UsesAdminCookies(HttpFunction function) =>
        function.FormPost || function.Route == "beheer" || function.Route.StartsWith("beheer/", StringComparison.Ordinal);

    /// <summary>
    /// A body the token store cannot read as a form (cut off, no boundary) is an invalid form post, not a 500; so is a
    /// request over plain http where the antiforgery cookie is Secure-only (Production), which antiforgery refuses to check.
    /// </summary>
    private static async Task<bool> FormTokenValidAsync(HttpContext http)
    {
        if (SecureCookies.Unavailable(http)) return false;
        try { return await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http); }
        catch (AntiforgeryValidationException) { return false; }
    }

    private static void LimitBody(HttpContext http, long bytes)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = bytes;
        if (http.Request.ContentLength > bytes)
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
    }

    /// <summary>API key, platform principal (only where the platform vouches for it) or the sign-in cookie.</summary>
    private static async Task AuthenticateAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync();
        // A sign-in cookie whose session could not be checked (storage down) is answered here like any failure.
        SignInSessions.ThrowIfCheckFailed(http);
        if (result.Succeeded) http.User = result.Principal;
    }

    private static async Task<bool> AuthorizeAsync(HttpContext http, HttpFunction function)
    {
        var required = function.Access?.Level
            ?? throw new InvalidOperationException($"Function {function.Name} declares no access.");
        if (required == Access.Public) return true;
        if (http.User.Identity?.IsAuthenticated != true)
        {
            // A form sent after the session ran out keeps what was typed (docs/admin-pages.md, "Signing in").
            if (await Pages.Admin.ExpiredSession.AnswerWithSignInAsync(http, function)) return false;
            await http.ChallengeAsync();
            return false;
        }
        var allowed = required == Access.Beheerder
            ? http.User.IsInRole(Roles.Beheerder)
            : http.User.IsInRole(Roles.Beheerder) || http.User.IsInRole(Roles.Onderzoeker);
        if (allowed) return true;
        await http.ForbidAsync();
        return false;
    }

    /// <summary>Writes what a function returned: a minimal-API result, an MVC action result, or nothing (already written).</summary>
    public static async Task ExecuteAsync(object? result, HttpContext http)
    {
        switch (result)
        {
            case IResult iResult:
                await iResult.ExecuteAsync(http);
                break;
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
                break;
            case null:
                break;
            default:
                throw new InvalidOperationException($"A function returned {result.GetType().Name}; return an IResult.");
        }
    }
}

public static class FunctionPipelineRegistration
{
    public static IHostApplicationBuilder AddFunctionPipeline(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WaveScopeGate>();
        builder.Services.AddSingleton<FunctionPipeline>();
        return builder;
    }
}
