using Ervaring.Functions.Security;

namespace Ervaring.Functions.Pages.Admin;

/// <summary>
/// The one place where a person signs in to the admin pages. Locally and in tests: with an API key from
/// configuration, which becomes the cookie's name and role, tied to a session the server keeps
/// (<see cref="SignInSessions"/>): signing out revokes it, and it ends with its key and after its absolute lifetime.
/// In Azure, App Service Authentication (Entra ID) sits in front and vouches for every request itself
/// (see docs/admin-pages.md).
/// </summary>
public static class AdminSignIn
{
    public const string Home = "/beheer";

    /// <summary>Signs in when the key is known; nothing is written for an unknown one.</summary>
    public static async Task<bool> WithApiKeyAsync(HttpContext context, ApiKeyRegistry registry, SignInSessions sessions, string? presentedKey)
    {
        if (string.IsNullOrWhiteSpace(presentedKey) || registry.Find(presentedKey.Trim()) is not { } key) return false;
        await sessions.SignInAsync(context, key);
        return true;
    }

    /// <summary>Revokes the session server-side and removes the cookie: a copy of the cookie is worth nothing after.</summary>
    public static Task SignOutAsync(HttpContext context, SignInSessions sessions) => sessions.SignOutAsync(context);

    /// <summary>Only a path inside the admin pages, so the sign-in page can never send someone elsewhere.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith(Home, StringComparison.Ordinal) && !url.Contains("//", StringComparison.Ordinal) && !url.Contains('\\')
            ? url
            : Home;
}
