using System.Net;
using System.Net.Http.Json;

namespace Ervaring.Testing;

/// <summary>
/// A client that keeps cookies by hand, the way a browser does, so a test can read every <c>Set-Cookie</c> the app
/// sends (attributes included), save the cookies at one moment and replay them later, and send them over a plain
/// http test connection even when they are marked <c>secure</c> (which <see cref="CookieContainer"/> would not).
/// Redirects are not followed.
/// </summary>
public sealed class CookieBrowser(Uri baseAddress, IDictionary<string, string>? headers = null) : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };

    private readonly Dictionary<string, string> _headers = new(headers ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The cookies as they would be sent now (name → value).</summary>
    public Dictionary<string, string> Cookies { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>Every Set-Cookie header the app sent, in order.</summary>
    public List<string> SetCookies { get; } = [];

    public Dictionary<string, string> Save() => new(Cookies, StringComparer.Ordinal);

    public void Restore(Dictionary<string, string> saved) => Cookies = new(saved, StringComparer.Ordinal);

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<HttpResponseMessage> PostFormAsync(string path, params (string Name, string Value)[] fields) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        });

    /// <summary>A JSON post as the admin pages' own scripts would send it (same origin).</summary>
    public Task<HttpResponseMessage> PostJsonAsync(string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        return SendAsync(request);
    }

    /// <summary>The sign-in page's form token, then the key: as <see cref="AdminPageSignIn.SignInAsync"/> does.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string key)
    {
        var page = await GetAsync("/beheer/inloggen");
        var token = AdminPageSignIn.FormToken(await page.Content.ReadAsStringAsync());
        return await PostFormAsync("/beheer/inloggen", ("sleutel", key), ("__RequestVerificationToken", token));
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        foreach (var (name, value) in _headers) request.Headers.TryAddWithoutValidation(name, value);
        if (Cookies.Count > 0) request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await _client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            foreach (var header in values)
            {
                SetCookies.Add(header);
                var pair = header.Split(';')[0];
                var name = pair[..pair.IndexOf('=')];
                var value = pair[(pair.IndexOf('=') + 1)..];
                var expired = header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
                if (expired || value.Length == 0) Cookies.Remove(name);
                else Cookies[name] = value;
            }
        }
        return response;
    }

    /// <summary>The Set-Cookie headers of one response for cookies whose name starts with <paramref name="name"/>.</summary>
    public static IReadOnlyList<string> SetCookiesOf(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Where(v => v.StartsWith(name, StringComparison.Ordinal)).ToList()
            : [];

    public void Dispose() => _client.Dispose();
}
