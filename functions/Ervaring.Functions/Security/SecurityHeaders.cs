using Ervaring.Functions.Hosting.Functions;

namespace Ervaring.Functions.Security;

/// <summary>
/// Headers on every response, API and page alike. Pages get a Content-Security-Policy of their own (our
/// stylesheet, and our own scripts where a page has any) and are never cached; everything else gets "nothing may
/// load". No referrer ever leaves the site: survey URLs carry tokens. HSTS only where we are behind HTTPS (Azure).
/// </summary>
public static class SecurityHeaders
{
    public static void Apply(HttpContext context, PageAttribute? page, bool underHost)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            if (page is not null)
            {
                // Pages show wave data or personal links: never cached, unless the function decided otherwise (the
                // published council reports, which are public and immutable, set their own caching and CSP).
                if (!headers.ContainsKey("Cache-Control")) headers.CacheControl = "no-store";
                // Scripts, where a page has any, come only from our own /assets/ files: never inline, never elsewhere.
                var scripts = page.AllowOwnScripts ? " script-src 'self';" : "";
                if (!headers.ContainsKey("Content-Security-Policy"))
                    headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'self';{scripts} img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
            }
            else if (!headers.ContainsKey("Content-Security-Policy"))
            {
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
            }
            if (underHost) headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            headers.Remove("Server");
            headers.Remove("X-Powered-By");
            return Task.CompletedTask;
        });
    }
}
