using System.Text.RegularExpressions;
using Ervaring.Browser.Tests.Infrastructure;
using Ervaring.Functions.Demo;
using Ervaring.Storage.Council;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ervaring.Browser.Tests.Admin;

/// <summary>
/// Issue 20, point 6: the session runs out while the officer types. Sending the form then shows the sign-in page with
/// "Uw sessie is verlopen"; after signing in, what was typed is shown with one button that sends it, and it is saved
/// once. axe on every page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ExpiredSessionTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_form_sent_after_the_session_ran_out_keeps_what_was_typed()
    {
        var municipality = "Sessieweg" + new string(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(5).ToArray());
        var demo = fixture.App.Services.GetRequiredService<DemoWaves>();
        var id = await demo.CreateFieldingWaveAsync(municipality, DateTime.UtcNow.Year - 1, 60);
        // No answers needed: the words of a report can be written once the wave is closed.
        await demo.CloseAsync(id);

        var page = await fixture.NewPageAsync();
        await AdminSession.SignInAsync(page);
        await page.GotoAsync($"/beheer/metingen/{id}/duiding");
        const string what = "Ouders krijgen binnen twee weken een eerste gesprek";
        await page.GetByLabel("Wat gaat er gebeuren?").FillAsync(what);
        await page.GetByLabel("Wie doet het?").FillAsync("Het wijkteam");
        await page.GetByLabel("Klaar op").FillAsync($"{DateTime.UtcNow.Year}-06-01");
        await page.Locator("#actie-measure-toegang").CheckAsync();

        // The session ends (its cookie is gone, as after the sliding 8 hours or a sign-out in another tab).
        await page.Context.ClearCookiesAsync(new() { Name = "ervaring-beheer" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Actie bewaren" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Uw sessie is verlopen" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inloggen", Exact = true })).ToBeVisibleAsync();
        Assert.Empty((await Notes(id)).Actions);
        await PageChecks.AuditAndSaveAsync(page, "sessie-verlopen");

        await page.GetByLabel("API-sleutel").FillAsync(AppFixture.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Opnieuw versturen" })).ToBeVisibleAsync();
        await Expect(page.Locator("#wat-u-typte")).ToContainTextAsync(what);
        await Expect(page.Locator("#wat-u-typte")).ToContainTextAsync("Het wijkteam");
        Assert.Empty((await Notes(id)).Actions);
        await PageChecks.AuditAndSaveAsync(page, "opnieuw-versturen");

        await page.GetByRole(AriaRole.Button, new() { Name = "Opnieuw versturen" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/duiding\?gedaan=actie$"));
        var action = Assert.Single((await Notes(id)).Actions);
        Assert.Equal((what, "Het wijkteam"), (action.What, action.Who));
        await page.Context.CloseAsync();
    }

    private Task<WaveNotes> Notes(string id) => fixture.App.Services.GetRequiredService<CouncilNotesStore>().ReadAsync(id);
}
