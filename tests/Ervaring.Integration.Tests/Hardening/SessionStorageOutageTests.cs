using System.Net;

namespace Ervaring.Integration.Tests.Hardening;

/// <summary>
/// Issue 21, point 4: the sign-in cookie is checked against its session record on every request. When storage does
/// not answer, that check can neither let the cookie in nor throw it away: the officer gets a 503 and stays signed in,
/// and the same cookie works again once storage is back. Azurite persists to disk so it can restart.
/// </summary>
public sealed class SessionStorageOutageTests : OnRestartableStorage
{
    [Fact]
    public async Task Without_storage_a_cookie_gets_a_503_and_is_neither_let_in_nor_thrown_away()
    {
        using var browser = new CookieBrowser(Fixture.App.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(AppFixture.AdminKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/waves")).StatusCode);

        await Azurite.StopAsync();
        var down = await browser.GetAsync("/api/waves");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.DoesNotContain("Exception", await down.Content.ReadAsStringAsync());
        Assert.Empty(CookieBrowser.SetCookiesOf(down, "ervaring-beheer"));

        await Azurite.StartAgainAsync();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/waves")).StatusCode);
    }
}
