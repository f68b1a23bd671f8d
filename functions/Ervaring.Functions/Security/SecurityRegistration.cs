using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Ervaring.Functions.Security;

public static class SecurityRegistration
{
    private const string Selector = "Ervaring";

    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => ServerSecrets.FromConfiguration(builder.Configuration, builder.Environment));
        builder.Services.AddSingleton<ApiKeyRegistry>();
        builder.Services
            .AddAuthentication(Selector)
            // API callers send a key; people in a browser carry the cookie from the sign-in page.
            // API callers send a key; in Azure the platform forwards the Entra sign-in; locally people carry the
            // cookie from the sign-in page.
            .AddPolicyScheme(Selector, Selector, options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) ? ApiKeyAuthenticationHandler.SchemeName
                : context.Request.Headers.ContainsKey(PlatformPrincipalHandler.Header) && Hosting.FunctionsHost.IsPresent(builder.Configuration) ? PlatformPrincipalHandler.SchemeName
                : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, PlatformPrincipalHandler>(PlatformPrincipalHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, options =>
            {
                options.Cookie.Name = "ervaring-beheer";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Cookie.Path = "/";
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.LoginPath = "/admin/inloggen";
                options.AccessDeniedPath = "/admin/geen-toegang";
                // API calls get a status code, never a redirect to an HTML page.
                options.Events.OnRedirectToLogin = context =>
                {
                    // In Azure the sign-in is Entra ID through App Service Authentication.
                    if (builder.Configuration.GetValue<bool>("Ervaring:EntraSignIn") && !context.Request.Path.StartsWithSegments("/api"))
                    {
                        context.Response.Redirect("/.auth/login/aad?post_login_redirect_uri=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
                        return Task.CompletedTask;
                    }
                    return ApiAware(context, StatusCodes.Status401Unauthorized);
                };
                options.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
            });
        builder.AddRateLimits();
        // Small bodies by default; the frame upload raises its own limit.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024 * 1024);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Beheerder, policy => policy.RequireRole(Roles.Beheerder))
            .AddPolicy(Policies.Onderzoeker, policy => policy.RequireRole(Roles.Onderzoeker, Roles.Beheerder));
        return builder;
    }

    public static WebApplication UseSecurity(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAdminAuditLog();
        return app;
    }

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
