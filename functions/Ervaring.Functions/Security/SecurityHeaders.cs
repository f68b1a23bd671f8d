using Ervaring.Functions.Hosting;

namespace Ervaring.Functions.Security;

/// <summary>
/// Headers on every response, API and page alike. Pages set a fuller Content-Security-Policy of their own
/// (stylesheet, and their own scripts where they have any); everything else gets "nothing may load".
/// No referrer ever leaves the site: survey URLs carry tokens. HSTS only where we are behind HTTPS (Azure).
/// </summary>
public static class SecurityHeaders
{
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var underHost = FunctionsHost.IsPresent(app.Configuration);
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                if (!headers.ContainsKey("Content-Security-Policy"))
                    headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
                if (underHost) headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                headers.Remove("Server");
                headers.Remove("X-Powered-By");
                return Task.CompletedTask;
            });
            await next();
        });
        return app;
    }
}
