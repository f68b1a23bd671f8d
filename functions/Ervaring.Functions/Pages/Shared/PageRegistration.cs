using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Components;

namespace Ervaring.Functions.Pages.Shared;

/// <summary>
/// HTML pages are Razor components rendered on the server (static rendering, no interactivity, no
/// JavaScript) from minimal-API endpoints. Every form carries an antiforgery token.
/// </summary>
public static class PageRegistration
{
    public static WebApplicationBuilder AddPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "ervaring-af";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return builder;
    }

    /// <summary>After authentication: the token is tied to the signed-in user.</summary>
    public static WebApplication UsePages(this WebApplication app)
    {
        app.UseAntiforgery();
        return app;
    }
}

/// <summary>Shortcuts for endpoints that answer with a page.</summary>
public static class PageResults
{
    public static RazorComponentResult<TComponent> Page<TComponent>(object? parameters = null, int statusCode = StatusCodes.Status200OK)
        where TComponent : IComponent =>
        new(parameters ?? new { }) { StatusCode = statusCode };

    /// <summary>
    /// Headers for every HTML page: never cached (pages show wave data or personal links), no framing,
    /// no referrer leaving the site (survey links carry tokens), and only our own stylesheet may load.
    /// </summary>
    public static TBuilder WithPageHeaders<TBuilder>(this TBuilder builder, bool allowOwnScripts = false) where TBuilder : IEndpointConventionBuilder
    {
        // Scripts, where a page has any, come only from our own /assets/ files: never inline, never elsewhere.
        var scripts = allowOwnScripts ? " script-src 'self';" : "";
        builder.AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers.CacheControl = "no-store";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'self';{scripts} img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
            return await next(context);
        });
        return builder;
    }
}

/// <summary>Antiforgery for page forms, checked twice on purpose.</summary>
public static class FormTokens
{
    /// <summary>
    /// Marks every endpoint in the group as needing a valid antiforgery token, so the middleware checks it
    /// even for a POST that binds no form field (log-out), and refuses the request when the check failed.
    /// Minimal APIs that bind form data refuse it already; this filter makes it independent of binding.
    /// </summary>
    public static TBuilder RequireFormToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute(required: true));
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) return await next(context);
            if (http.Features.Get<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>() is { IsValid: true }) return await next(context);
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        });
        return builder;
    }
}
