using System.Text.RegularExpressions;

namespace Ervaring.Testing;

/// <summary>Signing in on the admin sign-in page the way a browser does: the form's antiforgery token, then the key.</summary>
public static class AdminPageSignIn
{
    /// <summary>The antiforgery token of the first form on a page.</summary>
    public static string FormToken(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"").Groups[1].Value;

    /// <summary>Posts the key on /beheer/inloggen; the client must keep cookies (and should not follow the redirect).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string key)
    {
        var token = FormToken(await client.GetStringAsync("/beheer/inloggen"));
        return await client.PostAsync("/beheer/inloggen", new FormUrlEncodedContent([new("sleutel", key), new("__RequestVerificationToken", token)]));
    }
}
