using System.Net;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Ervaring.Functions.Security;
using Ervaring.Functions.Timers;
using Ervaring.Storage;
using Ervaring.Storage.Sessions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Ervaring.Integration.Tests.Hardening;

/// <summary>
/// Issue 21, point 4, "sessions that end": the admin sign-in cookie is a session the server knows. Before, a cookie
/// saved before `POST /beheer/uitloggen` still opened `/api/waves` and `/beheer` (200); after a restart with a new
/// admin key and new secrets the old key got 401 but the old cookie still created a wave (201); the sliding 8 hours
/// had no absolute limit; and `Set-Cookie` for `ervaring-beheer` and `ervaring-af` lacked `secure` in Production.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SessionTests(AppFixture fixture, ITestOutputHelper output)
{
    private const string SessionCookie = "ervaring-beheer";
    private const string FormCookie = "ervaring-af";

    [Fact]
    public async Task A_cookie_saved_before_signing_out_opens_nothing_afterwards()
    {
        using var browser = new CookieBrowser(fixture.App.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(AppFixture.AdminKey)).StatusCode);
        var saved = browser.Save();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/waves")).StatusCode);
        var overview = await browser.GetAsync("/beheer");
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);

        var signedOut = await browser.PostFormAsync("/beheer/uitloggen",
            ("__RequestVerificationToken", AdminPageSignIn.FormToken(await overview.Content.ReadAsStringAsync())));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/beheer/inloggen", signedOut.Headers.Location?.OriginalString);
        Assert.DoesNotContain(SessionCookie, browser.Cookies.Keys);

        // Someone kept a copy of the cookie (a shared computer, a saved browser profile): it is worth nothing now.
        using var copy = new CookieBrowser(fixture.App.BaseAddress);
        copy.Restore(saved);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/waves")).StatusCode);
        copy.Restore(saved);
        var page = await copy.GetAsync("/beheer");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/beheer/inloggen?ReturnUrl=", PathOf(page.Headers.Location));
        copy.Restore(saved);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.PostJsonAsync("/api/waves", WaveBody(UniquePlace("Uitlogdorp")))).StatusCode);

        // An API key is no session: signing out in a browser does not touch it.
        using var admin = fixture.AdminClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/waves")).StatusCode);
    }

    [Fact]
    public async Task After_a_restart_with_a_new_key_and_new_secrets_the_old_cookie_creates_nothing()
    {
        var oldKey = "oude-beheerder-sleutel-" + Guid.NewGuid().ToString("N")[..8];
        var newKey = "nieuwe-beheerder-sleutel-" + Guid.NewGuid().ToString("N")[..8];
        var oldSettings = Settings(oldKey, Secret(), Secret());
        Dictionary<string, string> saved;
        await using (var before = await AppInstance.StartAsync(fixture.Azurite.ConnectionString, oldSettings))
        {
            using var browser = new CookieBrowser(before.BaseAddress);
            Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(oldKey)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/waves")).StatusCode);
            saved = browser.Save();
        }

        // A restart alone (same key, same secrets: another instance, a deployment) keeps the officer signed in.
        await using (var same = await AppInstance.StartAsync(fixture.Azurite.ConnectionString, oldSettings))
        {
            using var browser = new CookieBrowser(same.BaseAddress);
            browser.Restore(saved);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/waves")).StatusCode);
        }

        await using var after = await AppInstance.StartAsync(fixture.Azurite.ConnectionString, Settings(newKey, Secret(), Secret()));
        using var oldKeyClient = after.CreateClient();
        oldKeyClient.DefaultRequestHeaders.Add("X-Api-Key", oldKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await oldKeyClient.GetAsync("/api/waves")).StatusCode);

        var place = UniquePlace("Herstartdorp");
        using var oldCookie = new CookieBrowser(after.BaseAddress);
        oldCookie.Restore(saved);
        var created = await oldCookie.PostJsonAsync("/api/waves", WaveBody(place));
        Assert.Equal(HttpStatusCode.Unauthorized, created.StatusCode);
        oldCookie.Restore(saved);
        var page = await oldCookie.GetAsync("/beheer");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/beheer/inloggen?ReturnUrl=", PathOf(page.Headers.Location));

        // Nothing was created; the new key works as before.
        using var admin = after.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", newKey);
        var waves = await admin.GetAsync("/api/waves");
        Assert.Equal(HttpStatusCode.OK, waves.StatusCode);
        Assert.DoesNotContain(place, await waves.Content.ReadAsStringAsync());
        await CreateWaveAsync(admin, WaveBody(place));
    }

    [Theory]
    [InlineData(null, 12)]
    [InlineData("1", 1)]
    public async Task A_session_used_every_few_minutes_still_ends_at_its_absolute_lifetime(string? configured, int hours)
    {
        var clock = new SettableClock(TimeProvider.System.GetUtcNow());
        var settings = new Dictionary<string, string?>(AppFixture.DefaultSettings);
        if (configured is not null) settings["Ervaring:Sessions:AbsoluteHours"] = configured;
        await using var app = await AppInstance.StartAsync(fixture.Azurite.ConnectionString, settings,
            builder => builder.Services.AddSingleton<TimeProvider>(clock));
        using var browser = new CookieBrowser(app.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(AppFixture.AdminKey)).StatusCode);

        var step = TimeSpan.FromMinutes(15);
        var used = TimeSpan.Zero;
        var renewals = 0;
        while (used + step < TimeSpan.FromHours(hours))
        {
            clock.Now += step;
            used += step;
            var response = await browser.GetAsync("/api/waves");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"after {used}: {(int)response.StatusCode}");
            if (CookieBrowser.SetCookiesOf(response, SessionCookie).Count > 0) renewals++;
        }
        output.WriteLine($"used every 15 minutes for {used}; the cookie was renewed (sliding) {renewals} times");

        clock.Now += TimeSpan.FromMinutes(20);
        var saved = browser.Save();
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/waves")).StatusCode);
        browser.Restore(saved);
        var page = await browser.GetAsync("/beheer");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/beheer/inloggen?ReturnUrl=", PathOf(page.Headers.Location));

        // Signing in again gives a new session.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(AppFixture.AdminKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/waves")).StatusCode);
    }

    [Fact]
    public async Task In_production_both_cookies_are_secure_and_never_set_over_plain_http()
    {
        var production = Settings(AppFixture.AdminKey, Secret(), Secret());
        production["environment"] = "Production";
        production["Ervaring:UnderFunctionsHost"] = "true";
        await using var hosted = await AppInstance.StartAsync(fixture.Azurite.ConnectionString, production);

        // Under the platform: TLS ends at the front end, which says so in X-Forwarded-Proto.
        using (var browser = new CookieBrowser(hosted.BaseAddress, new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https" }))
        {
            var signInPage = await browser.GetAsync("/beheer/inloggen");
            Assert.Equal(HttpStatusCode.OK, signInPage.StatusCode);
            var signedIn = await browser.PostFormAsync("/beheer/inloggen", ("sleutel", AppFixture.AdminKey),
                ("__RequestVerificationToken", AdminPageSignIn.FormToken(await signInPage.Content.ReadAsStringAsync())));
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            output.WriteLine(string.Join("\n", browser.SetCookies));
            Assert.Single(browser.SetCookies, c => c.StartsWith(FormCookie + "=", StringComparison.Ordinal));
            Assert.Single(browser.SetCookies, c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal));
            Assert.All(browser.SetCookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/beheer")).StatusCode);
        }

        // A request that reached the app as plain http gets no cookie without `secure` (and, since a Secure-only
        // cookie could not come back over it, no admin page either).
        using (var plain = new CookieBrowser(hosted.BaseAddress, new Dictionary<string, string> { ["X-Forwarded-Proto"] = "http" }))
        {
            var page = await plain.GetAsync("/beheer/inloggen");
            output.WriteLine($"plain http: {(int)page.StatusCode} {string.Join(" | ", plain.SetCookies)}");
            Assert.All(plain.SetCookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
            Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
            Assert.Contains("https", await page.Content.ReadAsStringAsync());
        }

        // Outside the platform the forwarded scheme is not believed: the same header is just a header.
        production.Remove("Ervaring:UnderFunctionsHost");
        await using var outside = await AppInstance.StartAsync(fixture.Azurite.ConnectionString, production);
        using (var forged = new CookieBrowser(outside.BaseAddress, new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https" }))
        {
            var page = await forged.GetAsync("/beheer/inloggen");
            output.WriteLine($"outside the platform: {(int)page.StatusCode} {string.Join(" | ", forged.SetCookies)}");
            Assert.All(forged.SetCookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
            Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        }

        // Outside Production (here: Testing) local http keeps working: the cookies follow the request's scheme.
        using var local = new CookieBrowser(fixture.App.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await local.SignInAsync(AppFixture.AdminKey)).StatusCode);
        Assert.Contains(local.SetCookies, c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal));
        Assert.All(local.SetCookies, c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, (await local.GetAsync("/beheer")).StatusCode);
    }

    [Fact]
    public async Task Only_a_successful_sign_in_writes_a_session_and_api_keys_need_none()
    {
        var sessions = new TableClient(fixture.Azurite.ConnectionString, StorageNames.Tables.SignInSessions);
        async Task<int> CountAsync()
        {
            var count = 0;
            await foreach (var _ in sessions.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"])) count++;
            return count;
        }
        var before = await CountAsync();

        // API keys: reading, creating, and a wrong key; none of it is a session.
        using var admin = fixture.AdminClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/waves")).StatusCode);
        await CreateWaveAsync(admin, WaveBody(UniquePlace("Sleuteldorp")));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/beheer")).StatusCode);
        using var wrong = fixture.App.CreateClient();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "niet-de-goede-sleutel-123456");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/waves")).StatusCode);
        // A refused sign-in: a wrong key, and the right key without the form token.
        using var browser = new CookieBrowser(fixture.App.BaseAddress);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SignInAsync("niet-de-goede-sleutel-123456")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostFormAsync("/beheer/inloggen", ("sleutel", AppFixture.AdminKey))).StatusCode);
        Assert.DoesNotContain(browser.SetCookies, c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal));
        Assert.Equal(before, await CountAsync());

        // One sign-in, one session; using it only reads.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(AppFixture.AdminKey)).StatusCode);
        Assert.Equal(before + 1, await CountAsync());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/beheer")).StatusCode);
        Assert.Equal(before + 1, await CountAsync());
    }

    [Fact]
    public async Task The_nightly_job_removes_sessions_that_were_signed_out_or_have_expired()
    {
        var clock = new SettableClock(TimeProvider.System.GetUtcNow());
        await using var app = await AppInstance.StartAsync(fixture.Azurite.ConnectionString, AppFixture.DefaultSettings,
            builder => builder.Services.AddSingleton<TimeProvider>(clock));
        var store = app.Services.GetRequiredService<SignInSessionStore>();
        var secrets = app.Services.GetRequiredService<ServerSecrets>();
        async Task<(CookieBrowser Browser, string IdHash)> SignedInAsync()
        {
            var browser = new CookieBrowser(app.BaseAddress);
            Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(AppFixture.AdminKey)).StatusCode);
            // The session id is inside the encrypted cookie; the app decrypts it the way it does for every request.
            var cookie = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<CookieAuthenticationOptions>>()
                .Get(CookieAuthenticationDefaults.AuthenticationScheme).TicketDataFormat.Unprotect(browser.Cookies[SessionCookie])!;
            return (browser, secrets.SessionHash(cookie.Principal.FindFirst(SignInSessions.SessionIdClaim)!.Value));
        }
        var (expired, expiredHash) = await SignedInAsync();
        clock.Now += TimeSpan.FromHours(6);
        var (signedOut, signedOutHash) = await SignedInAsync();
        var overview = await signedOut.GetAsync("/beheer");
        Assert.Equal(HttpStatusCode.Redirect, (await signedOut.PostFormAsync("/beheer/uitloggen",
            ("__RequestVerificationToken", AdminPageSignIn.FormToken(await overview.Content.ReadAsStringAsync())))).StatusCode);
        Assert.True((await store.GetAsync(signedOutHash))!.Revoked);
        var (alive, aliveHash) = await SignedInAsync();
        clock.Now += TimeSpan.FromHours(7); // the first is past its 12 hours; the other two are 7 hours old

        var step = app.Services.GetRequiredService<IEnumerable<ITimerStep>>().OfType<SignInSessionCleanup>().Single();
        Assert.Equal(TimerFunctionNames.NightlyMaintenance, step.FunctionName);
        output.WriteLine(await step.RunAsync(clock.GetUtcNow(), CancellationToken.None));
        Assert.Null(await store.GetAsync(expiredHash));
        Assert.Null(await store.GetAsync(signedOutHash));
        Assert.NotNull(await store.GetAsync(aliveHash));
        Assert.Equal(HttpStatusCode.OK, (await alive.GetAsync("/api/waves")).StatusCode);
        // Run again (a retry after a crash): nothing more to do, nothing breaks.
        await step.RunAsync(clock.GetUtcNow(), CancellationToken.None);
        Assert.NotNull(await store.GetAsync(aliveHash));
        foreach (var browser in new[] { expired, signedOut, alive }) browser.Dispose();
    }

    private static Dictionary<string, string?> Settings(string adminKey, string tokenKey, string hashPepper) => new()
    {
        ["Ervaring:AdminApiKey"] = adminKey,
        ["Ervaring:Secrets:TokenKey"] = tokenKey,
        ["Ervaring:Secrets:HashPepper"] = hashPepper,
        ["Ervaring:PublicBaseUrl"] = "https://ervaring.example.nl",
    };

    /// <summary>The path and query of a redirect, whether the app wrote it relative or absolute.</summary>
    private static string PathOf(Uri? location) =>
        location is null ? "" : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    private static string Secret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
