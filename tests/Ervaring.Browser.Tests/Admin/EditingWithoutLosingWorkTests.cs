using System.Text.RegularExpressions;
using Ervaring.Browser.Tests.Infrastructure;
using Ervaring.Functions.Demo;
using Ervaring.Storage.Council;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ervaring.Browser.Tests.Admin;

/// <summary>
/// Issue 20, point 6 in Chromium: an action is changed (the same change sent twice at once stays one action), deleting
/// asks once on a page that needs no JavaScript, an empty interpretation asks before it wipes one, and error pages —
/// a stale form, a page that does not exist, a page the signed-in role may not open — keep the site's layout and a way
/// back. axe on every page visited.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EditingWithoutLosingWorkTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_action_is_changed_and_deleting_it_asks_once()
    {
        var id = await ClosedWaveAsync("Wijzigactie");
        var page = await fixture.NewPageAsync();
        await AdminSession.SignInAsync(page);
        await page.GotoAsync($"/beheer/metingen/{id}/duiding");
        await page.GetByLabel("Wat gaat er gebeuren?").FillAsync("Een vast aanspreekpunt per gezin");
        await page.GetByLabel("Wie doet het?").FillAsync("Het wijkteam");
        await page.GetByLabel("Klaar op").FillAsync($"{DateTime.UtcNow.Year}-03-01");
        await page.Locator("#actie-measure-toegang").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Actie bewaren" }).ClickAsync();
        await Expect(page.Locator("#acties-lijst tbody tr")).ToHaveCountAsync(1);

        // Change: the form comes filled in with what is stored.
        var actionId = Assert.Single((await Notes(id)).Actions).Id;
        await page.Locator($"#acties-lijst a[href$='/acties/{actionId}']").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Actie wijzigen" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Wie doet het?")).ToHaveValueAsync("Het wijkteam");
        await Expect(page.Locator("#actie-measure-toegang")).ToBeCheckedAsync();
        await PageChecks.AuditAndSaveAsync(page, "actie-wijzigen");

        // A wrong field comes back at its field with everything else as typed, nothing stored.
        await page.GetByLabel("Wie doet het?").FillAsync("Het college van B en W");
        await page.GetByLabel("Wat gaat er gebeuren?").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Wijziging bewaren" }).ClickAsync();
        await Expect(page.Locator(".field-error").First).ToContainTextAsync("Beschrijf wat er gaat gebeuren");
        await Expect(page.GetByLabel("Wie doet het?")).ToHaveValueAsync("Het college van B en W");
        Assert.Equal("Het wijkteam", (await Notes(id)).Actions.Single().Who);
        await PageChecks.AuditAndSaveAsync(page, "actie-wijzigen-fout");

        // The same change sent twice at the same moment: two redirects, one action with the change.
        await page.GetByLabel("Wat gaat er gebeuren?").FillAsync("Een vast aanspreekpunt per gezin, ook 's avonds");
        var form = page.Locator("form[action*='/acties/']").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Wijziging bewaren" }) });
        var action = await form.GetAttributeAsync("action");
        var fields = page.Context.APIRequest.CreateFormData();
        foreach (var (name, value) in new[] { ("actie-what", "Een vast aanspreekpunt per gezin, ook 's avonds"), ("actie-who", "Het college van B en W"),
                     ("actie-due", $"{DateTime.UtcNow.Year}-03-01"), ("measures", "toegang"),
                     ("__RequestVerificationToken", await form.Locator("input[name=__RequestVerificationToken]").InputValueAsync()) })
            fields.Append(name, value);
        var twice = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => page.Context.APIRequest.PostAsync(action!, new() { Form = fields, MaxRedirects = 0 })));
        Assert.All(twice, r => Assert.Equal(302, r.Status));
        Assert.All(twice, r => Assert.EndsWith("/duiding?gedaan=actie-gewijzigd#acties", r.Headers["location"]));
        var stored = Assert.Single((await Notes(id)).Actions);
        Assert.Equal(("Een vast aanspreekpunt per gezin, ook 's avonds", "Het college van B en W"), (stored.What, stored.Who));

        // Deleting asks once; "Nee, terug" keeps it.
        await page.GotoAsync($"/beheer/metingen/{id}/duiding");
        await page.Locator($"#acties-lijst a[href$='/acties/{actionId}/verwijderen']").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Actie verwijderen?" })).ToBeVisibleAsync();
        await PageChecks.AuditAndSaveAsync(page, "actie-verwijderen-vraag");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nee, terug" }).ClickAsync();
        await Expect(page.Locator("#acties-lijst tbody tr")).ToHaveCountAsync(1);
        Assert.Single((await Notes(id)).Actions);
        await page.Locator($"#acties-lijst a[href$='/acties/{actionId}/verwijderen']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, actie verwijderen" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/duiding\?gedaan=verwijderd$"));
        await Expect(page.Locator("#acties-lijst")).ToHaveCountAsync(0);
        Assert.Empty((await Notes(id)).Actions);
        // Back to the confirmation of an action that is gone: no question, the list.
        await page.GotoAsync($"/beheer/metingen/{id}/acties/{stored.Id}/verwijderen");
        await Expect(page).ToHaveURLAsync(new Regex(@"/duiding#acties$"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_interpretation_is_changed_and_an_empty_one_asks_before_it_wipes()
    {
        var id = await ClosedWaveAsync("Wijzigduiding");
        var page = await fixture.NewPageAsync();
        await AdminSession.SignInAsync(page);
        await page.GotoAsync($"/beheer/metingen/{id}/duiding");

        // An empty new interpretation is not saved, and says so.
        await page.Locator("#duiding-measure").SelectOptionAsync("toegang");
        await page.GetByRole(AriaRole.Button, new() { Name = "Duiding bewaren" }).ClickAsync();
        await Expect(page.Locator("#duiding-text-fout")).ToContainTextAsync("Schrijf eerst een duiding");
        await Expect(page.Locator("#duiding-wissen")).ToHaveCountAsync(0);

        await page.GetByLabel("Duiding", new() { Exact = true }).FillAsync("Ouders vinden de weg naar hulp beter dan vorig jaar.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Duiding bewaren" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"gedaan=duiding$"));

        // "Wijzigen of wissen" fills the form in; emptying it asks first and keeps the stored text.
        await page.Locator("#duidingen a").First.ClickAsync();
        await Expect(page.GetByLabel("Duiding", new() { Exact = true })).ToHaveValueAsync("Ouders vinden de weg naar hulp beter dan vorig jaar.");
        await page.GetByLabel("Duiding", new() { Exact = true }).FillAsync("Ouders vinden de weg naar hulp beter, vooral via het wijkteam.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Duiding bewaren" }).ClickAsync();
        Assert.Equal("Ouders vinden de weg naar hulp beter, vooral via het wijkteam.", Assert.Single((await Notes(id)).Interpretations).Text);

        await page.Locator("#duidingen a").First.ClickAsync();
        await page.GetByLabel("Duiding", new() { Exact = true }).FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Duiding bewaren" }).ClickAsync();
        await Expect(page.Locator("#duiding-text-fout")).ToContainTextAsync("Wilt u de duiding die er nu staat wissen?");
        Assert.Single((await Notes(id)).Interpretations);
        await PageChecks.AuditAndSaveAsync(page, "duiding-leeg-vraag");
        await page.GetByLabel("Ja, wis deze duiding").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Duiding bewaren" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De duiding is gewist");
        Assert.Empty((await Notes(id)).Interpretations);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_stale_form_and_a_missing_page_keep_the_layout_and_a_way_back()
    {
        var id = await ClosedWaveAsync("Verlopenform");
        var page = await fixture.NewPageAsync();
        await AdminSession.SignInAsync(page);
        await page.GotoAsync($"/beheer/metingen/{id}/duiding");
        // The token of a form left open too long (or from before the secrets changed) no longer matches.
        await page.Locator("form[action$='/acties'] input[name=__RequestVerificationToken]").EvaluateAsync("i => i.value = 'verlopen'");
        await page.GetByLabel("Wat gaat er gebeuren?").FillAsync("Iets");
        var stale = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Actie bewaren" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/acties", StringComparison.Ordinal));
        Assert.Equal(400, stale.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Formulier verlopen" })).ToBeVisibleAsync();
        await ExpectLayoutAsync(page);
        await PageChecks.AuditAndSaveAsync(page, "formulier-verlopen");
        await page.GetByRole(AriaRole.Link, new() { Name = "Terug naar de meting" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/beheer/metingen/{Regex.Escape(id)}$"));

        var missing = await page.GotoAsync("/beheer/bestaat-niet");
        Assert.Equal(404, missing!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Niet gevonden" })).ToBeVisibleAsync();
        await ExpectLayoutAsync(page);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Naar alle metingen" })).ToHaveAttributeAsync("href", "/beheer");
        await PageChecks.AuditAndSaveAsync(page, "niet-gevonden-beheer");

        var council = await page.GotoAsync("/raad/x/2020/v/1/bestaat/niet");
        Assert.Equal(404, council!.Status);
        await ExpectLayoutAsync(page);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Naar de rapporten voor de raad" })).ToHaveAttributeAsync("href", "/raad");
        await PageChecks.AuditAndSaveAsync(page, "niet-gevonden-raad");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_page_the_signed_in_role_may_not_open_keeps_the_layout_and_a_way_back()
    {
        // A researcher's key signs in, but making a wave is the beheerder's: 403, in the site's own frame.
        var page = await fixture.NewPageAsync();
        await AdminSession.SignInAsync(page, AppFixture.ResearcherKey);
        var forbidden = await page.GotoAsync("/beheer/metingen/nieuw");
        Assert.Equal(403, forbidden!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Geen toegang" })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("U bent ingelogd, maar met een rol die deze pagina's niet mag gebruiken. Log in met een beheerderssleutel.");
        await ExpectLayoutAsync(page);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Terug naar de metingen" })).ToHaveAttributeAsync("href", "/beheer");
        await PageChecks.AuditAndSaveAsync(page, "geen-toegang-beheer");
        await page.Context.CloseAsync();
    }

    /// <summary>The site's frame: its stylesheet applied, the header with the site name, the skip link, one main.</summary>
    private static async Task ExpectLayoutAsync(IPage page)
    {
        await Expect(page.Locator("link[rel=stylesheet][href='/assets/ervaring.css']")).ToHaveCountAsync(1);
        await Expect(page.Locator("header.site-header .site-name")).ToBeVisibleAsync();
        await Expect(page.Locator("a.skip-link")).ToHaveCountAsync(1);
        await Expect(page.Locator("main#inhoud")).ToHaveCountAsync(1);
        // The stylesheet really applies (the header gets the brand colour, not the browser's default white).
        Assert.NotEqual("rgba(0, 0, 0, 0)", await page.Locator("header.site-header").EvaluateAsync<string>("h => getComputedStyle(h).backgroundColor"));
    }

    private Task<WaveNotes> Notes(string id) => fixture.App.Services.GetRequiredService<CouncilNotesStore>().ReadAsync(id);

    private async Task<string> ClosedWaveAsync(string stem)
    {
        var municipality = stem + new string(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(5).ToArray());
        var demo = fixture.App.Services.GetRequiredService<DemoWaves>();
        var id = await demo.CreateFieldingWaveAsync(municipality, DateTime.UtcNow.Year - 1, 60);
        // No answers needed: the words of a report can be written once the wave is closed.
        await demo.CloseAsync(id);
        return id;
    }
}
