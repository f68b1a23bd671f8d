using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ervaring.Functions.Pages.Shared;

/// <summary>
/// HTML pages are Razor components rendered on the server (static rendering, no interactivity, no
/// JavaScript) by functions marked <c>[Page]</c>. Every form carries an antiforgery token, checked for
/// functions marked <c>[FormPost]</c> by the function pipeline.
/// </summary>
public static class PageRegistration
{
    public static IHostApplicationBuilder AddPages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "ervaring-af";
            options.Cookie.SameSite = SameSiteMode.Strict;
            // Secure-only in Production (see SecureCookies); antiforgery then works only over https.
            options.Cookie.SecurePolicy = Security.SecureCookies.Policy(builder.Environment);
        });
        return builder;
    }
}

/// <summary>Shortcuts for endpoints that answer with a page.</summary>
public static class PageResults
{
    public static RazorComponentResult<TComponent> Page<TComponent>(object? parameters = null, int statusCode = StatusCodes.Status200OK)
        where TComponent : IComponent =>
        new(parameters ?? new { }) { StatusCode = statusCode };
}
