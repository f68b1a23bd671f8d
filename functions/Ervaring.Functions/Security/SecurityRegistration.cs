using Ervaring.Functions.Hosting.Settings;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Ervaring.Functions.Security;

public static class SecurityRegistration
{
    private const string Selector = "Ervaring";

    public static IHostApplicationBuilder AddSecurity(this IHostApplicationBuilder builder)
    {
        // Read once: the sign-in redirect below runs on every unauthenticated page request.
        var entraSignIn = ErvaringSettings.From(builder.Configuration).EntraSignIn;
        builder.Services.AddSingleton(sp => ServerSecrets.FromConfiguration(builder.Configuration, builder.Environment));
        builder.Services.AddSingleton<ApiKeyRegistry>();
        builder.Services.AddSingleton<EntraGroupScopes>();
        builder.Services.AddSingleton(SessionLifetime.FromConfiguration(builder.Configuration));
        builder.Services.AddSingleton<Ervaring.Storage.Sessions.SignInSessionStore>();
        builder.Services.AddSingleton<SignInSessions>();
        builder.Services.AddSingleton<Timers.ITimerStep, SignInSessionCleanup>();
        builder.Services
            .AddAuthentication(Selector)
            // API callers send a key; in Azure the platform forwards the Entra sign-in; locally people carry the
            // cookie from the sign-in page.
            .AddPolicyScheme(Selector, Selector, options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) ? ApiKeyAuthenticationHandler.SchemeName
                : context.Request.Headers.ContainsKey(PlatformPrincipalHandler.Header) && Hosting.FunctionsHost.VouchesForPrincipal(builder.Configuration) ? PlatformPrincipalHandler.SchemeName
                : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, PlatformPrincipalHandler>(PlatformPrincipalHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, options =>
            {
                options.Cookie.Name = "ervaring-beheer";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = SecureCookies.Policy(builder.Environment);
                options.Cookie.Path = "/";
                // 8 hours sliding, and an absolute limit besides (SessionLifetime), enforced with the session record.
                options.ExpireTimeSpan = SessionLifetime.Sliding;
                options.SlidingExpiration = true;
                // Every request with the cookie: is its session still alive (not signed out, not expired, its key
                // still configured)? Otherwise the cookie is refused and removed.
                options.Events.OnValidatePrincipal = context =>
                    context.HttpContext.RequestServices.GetRequiredService<SignInSessions>().ValidateAsync(context);
                options.LoginPath = "/beheer/inloggen";
                options.AccessDeniedPath = "/beheer/geen-toegang";
                // API calls get a status code, never a redirect to an HTML page.
                options.Events.OnRedirectToLogin = context =>
                {
                    // In Azure the sign-in is Entra ID through App Service Authentication.
                    if (entraSignIn && !context.Request.Path.StartsWithSegments("/api"))
                    {
                        context.Response.Redirect("/.auth/login/aad?post_login_redirect_uri=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
                        return Task.CompletedTask;
                    }
                    return ApiAware(context, StatusCodes.Status401Unauthorized);
                };
                options.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
            });
        // One key ring for every instance, so a sign-in cookie and a form's token work on whichever instance answers.
        builder.Services.AddSharedKeyRing();
        builder.Services.AddAuthorization();
        builder.Services.AddHostedService<PlatformPrincipalNotice>();
        builder.Services.AddSingleton<RequestRateLimits>();
        builder.Services.AddSingleton<AdminAuditLog>();
        return builder;
    }

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        // The cookie handler builds an absolute address from the request's Host; a redirect never carries a Host the
        // client chose, so only the path and query go out.
        context.Response.Redirect(Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : context.RedirectUri);
        return Task.CompletedTask;
    }
}
