using Ervaring.Functions.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Ervaring.Functions.Pages.Admin;

/// <summary>
/// The one place where a person signs in to the admin pages. Locally and in tests: with an API key from
/// configuration, which becomes the cookie's name and role. In Azure, App Service Authentication (Entra ID)
/// will sit in front; then this is where its identity is turned into the same cookie (see docs/admin-pages.md).
/// </summary>
public static class AdminSignIn
{
    public const string Home = "/beheer";

    public static async Task<bool> WithApiKeyAsync(HttpContext context, ApiKeyRegistry registry, string? presentedKey)
    {
        if (string.IsNullOrWhiteSpace(presentedKey) || registry.Find(presentedKey.Trim()) is not { } key) return false;
        var principal = key.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal,
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
        return true;
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);

    /// <summary>Only a path inside the admin pages, so the sign-in page can never send someone elsewhere.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith(Home, StringComparison.Ordinal) && !url.Contains("//", StringComparison.Ordinal) && !url.Contains('\\')
            ? url
            : Home;
}
