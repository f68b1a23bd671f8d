using Ervaring.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ervaring.Browser.Tests.Admin;

/// <summary>Who gets in, and that forms only work from our own pages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminSecurityTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("/beheer")]
    [InlineData("/beheer/metingen/nieuw")]
    [InlineData("/beheer/metingen/2026-bestaat-niet")]
    public async Task Without_signing_in_every_admin_page_sends_you_to_the_sign_in_page(string path)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(path);
        Assert.Equal($"/beheer/inloggen?ReturnUrl={Uri.EscapeDataString(path)}", new Uri(page.Url).PathAndQuery);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_key_gets_a_dutch_message_at_the_field()
    {
        var page = await fixture.NewPageAsync();
        await AdminSession.SignInAsync(page, "dit-is-niet-de-goede-sleutel");
        await Expect(page.Locator("#sleutel-fout")).ToContainTextAsync("Deze API-sleutel kennen we niet");
        await Expect(page.GetByLabel("API-sleutel")).ToHaveAttributeAsync("aria-invalid", "true");
        await PageChecks.AuditAndSaveAsync(page, "inloggen-fout");
        await page.GotoAsync("/beheer");
        Assert.Contains("/beheer/inloggen", page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_researcher_key_signs_in_but_gets_no_admin_pages()
    {
        var page = await fixture.NewPageAsync();
        await AdminSession.SignInAsync(page, AppFixture.ResearcherKey);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Geen toegang" })).ToBeVisibleAsync();
        await PageChecks.AuditAndSaveAsync(page, "geen-toegang");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/beheer/metingen/nieuw")]
    [InlineData("/beheer/metingen/{id}/trekken")]
    [InlineData("/beheer/metingen/{id}/veldwerk")]
    [InlineData("/beheer/metingen/{id}/controleren")]
    [InlineData("/beheer/metingen/{id}/kader")]
    [InlineData("/beheer/uitloggen")]
    public async Task A_signed_in_post_without_antiforgery_token_is_refused(string pathTemplate)
    {
        var page = await fixture.NewPageAsync();
        await AdminSession.SignInAsync(page);
        // A municipality of its own per case: one wave per municipality and year.
        var waveId = await AdminSession.CreateWaveAsync(page, "Tokenloos " + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray()));
        var wavesBefore = await page.Locator("body").InnerTextAsync();

        // The browser's own cookies (signed in, antiforgery cookie set), but a form without the hidden token.
        var response = await page.Context.APIRequest.PostAsync(pathTemplate.Replace("{id}", waveId), new()
        {
            Form = page.Context.APIRequest.CreateFormData()
                .Set("municipalities", "Tokenloos").Set("year", "2026").Set("fieldStart", "2026-03-01").Set("fieldEnd", "2026-04-15"),
            MaxRedirects = 0,
        });
        Assert.Equal(400, response.Status);
        Assert.Contains("Het formulier is verlopen", await response.TextAsync());

        // Still signed in, and nothing changed: the wave is still a draft.
        await page.GotoAsync($"/beheer/metingen/{waveId}");
        await Expect(page.Locator("#status")).ToHaveTextAsync("concept");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var page = await fixture.NewPageAsync();
        await AdminSession.SignInAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await page.WaitForURLAsync("**/beheer/inloggen");
        await page.GotoAsync("/beheer");
        Assert.Contains("/beheer/inloggen", page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_shared_stylesheet_is_small_and_served_under_assets()
    {
        var page = await fixture.NewPageAsync();
        var response = await page.Context.APIRequest.GetAsync("/assets/ervaring.css");
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/css", response.Headers["content-type"]);
        // One stylesheet serves admin, survey and report pages; the survey page must stay under 50 KB in all.
        Assert.True((await response.BodyAsync()).Length < 12 * 1024, "the stylesheet stays under 12 KB");
        Assert.Equal(404, (await page.Context.APIRequest.GetAsync("/assets/bestaat-niet.css")).Status);
        await page.Context.CloseAsync();
    }
}
