using Ervaring.Browser.Tests.Infrastructure;
using Ervaring.Functions.Demo;
using Ervaring.Functions.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ervaring.Browser.Tests.Reports;

/// <summary>
/// The policy loop as an officer does it in the browser: year one gets interpretations, two improvement actions
/// and two approved quotes and is published; a year later the actions get a status, and the year-two report shows
/// that status next to the indicator's trend. Every page is audited with axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PolicyLoopTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Year_two_report_shows_last_years_actions_with_status_next_to_the_trend()
    {
        var municipality = "Raadsdorp" + Guid.NewGuid().ToString("N")[..5];
        var slug = Slugs.Of(municipality);
        var demo = fixture.App.Services.GetRequiredService<DemoWaves>();
        var yearOne = DateTime.UtcNow.Year - 2;
        var first = await demo.CreateFieldingWaveAsync(municipality, yearOne, 1500);
        await demo.AnswerAsync(first, 0, 1.0);
        await demo.CloseAsync(first);

        var page = await fixture.NewPageAsync();
        await AdminSession.SignInAsync(page);

        // --- year one: draft, words, quotes, preview, publish ---
        await page.GotoAsync($"/beheer/metingen/{first}/rapportage");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rapportconcept maken" }).ClickAsync();
        await page.WaitForURLAsync("**/rapportage?gedaan=concept");
        Assert.Contains("Resultaten (rapportconcept)", await page.Locator("#resultaten").InnerTextAsync());
        await PageChecks.AuditAndSaveAsync(page, "rapportage-dashboard");

        await page.GotoAsync($"/beheer/metingen/{first}/duiding");
        await page.GetByLabel("Onderwerp").SelectOptionAsync("toegang");
        await page.GetByLabel("Duiding", new() { Exact = true }).FillAsync("Ouders vinden de weg naar hulp nog niet makkelijk.\n\n- Wachttijd na aanmelding\n- <b>Uitleg</b> ontbreekt");
        await page.GetByRole(AriaRole.Button, new() { Name = "Duiding bewaren" }).ClickAsync();
        await page.WaitForURLAsync("**/duiding?gedaan=duiding");
        await page.GetByLabel("Onderwerp").SelectOptionAsync("kwaliteit");
        await page.GetByLabel("Duiding", new() { Exact = true }).FillAsync("Over de kwaliteit zijn ouders tevreden.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Duiding bewaren" }).ClickAsync();
        await page.WaitForURLAsync("**/duiding?gedaan=duiding");

        // An action without anything filled in: Dutch messages next to the fields, nothing stored.
        await page.GetByRole(AriaRole.Button, new() { Name = "Actie bewaren" }).ClickAsync();
        Assert.Contains("Beschrijf wat er gaat gebeuren", await page.Locator(".field-invalid").First.InnerTextAsync());
        Assert.Equal("true", await page.Locator("#actie-what").GetAttributeAsync("aria-invalid"));
        await PageChecks.AuditAndSaveAsync(page, "duiding-fouten");
        await AddActionAsync(page, "Eén aanmeldpunt met vaste contactpersoon", "Het college", $"{yearOne + 1}-03-01", "toegang");
        await AddActionAsync(page, "Doelen samen met ouders meten", "Aanbieders ambulante hulp", $"{yearOne + 1}-06-30", "effect");

        await page.GotoAsync($"/beheer/metingen/{first}/open-antwoorden");
        await PageChecks.AuditAndSaveAsync(page, "open-antwoorden");
        var quoteLinks = page.GetByRole(AriaRole.Link, new() { Name = "Kies als citaat" });
        Assert.True(await quoteLinks.CountAsync() >= 2);
        var secondHref = await quoteLinks.Nth(1).GetAttributeAsync("href");
        await quoteLinks.First.ClickAsync();
        var original = (await page.Locator("figure.quote blockquote").InnerTextAsync()).Trim();
        await page.GetByLabel("Thema").SelectOptionAsync("toegang");
        const string paraphrase = "Een ouder vertelt dat het lang duurde voordat de hulp begon.";
        await page.GetByLabel("In eigen woorden (niet verplicht)").FillAsync(paraphrase);
        await page.GetByRole(AriaRole.Button, new() { Name = "Citaat bewaren" }).ClickAsync(); // without the confirmation
        Assert.Contains("Bevestig dat dit citaat", await page.Locator("#approved-fout").InnerTextAsync());
        await PageChecks.AuditAndSaveAsync(page, "citaat-fout");
        await page.Locator("#approved").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Citaat bewaren" }).ClickAsync();
        await page.WaitForURLAsync("**/duiding?gedaan=citaat*");
        await page.GotoAsync(secondHref!);
        var verbatim = (await page.Locator("figure.quote blockquote").InnerTextAsync()).Trim();
        await page.GetByLabel("Thema").SelectOptionAsync("kwaliteit");
        await page.Locator("#approved").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Citaat bewaren" }).ClickAsync();
        await page.WaitForURLAsync("**/duiding?gedaan=citaat*");
        Assert.Equal(2, await page.Locator("#citaten-lijst > li").CountAsync());
        await PageChecks.AuditAndSaveAsync(page, "duiding-acties-citaten");

        await page.GotoAsync($"/beheer/metingen/{first}/rapportage");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Concept voor {municipality} bekijken" }).ClickAsync();
        Assert.Contains("Ouders vinden de weg naar hulp", await page.Locator("#kern-toegang .duiding").InnerTextAsync());
        await page.GotoAsync($"/beheer/metingen/{first}/rapportage");
        await page.GetByRole(AriaRole.Link, new() { Name = "Rapport publiceren…" }).ClickAsync(); // the confirmation page (issue 20)
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, rapport publiceren" }).ClickAsync();
        Assert.Contains("versie 1", await page.Locator(".notice-gelukt").InnerTextAsync());

        await page.GotoAsync($"/raad/{slug}/{yearOne}");
        Assert.Contains("Duiding door de gemeente", await page.Locator("#kern-toegang .duiding").InnerTextAsync());
        Assert.Equal(["Wachttijd na aanmelding", "<b>Uitleg</b> ontbreekt"], await page.Locator("#kern-toegang .duiding li").AllInnerTextsAsync());
        Assert.Equal(2, await page.Locator("#verbeteracties tbody tr").CountAsync());
        var quotes = await page.Locator("figure.quote").AllInnerTextsAsync();
        Assert.Equal(2, quotes.Count);
        Assert.Contains(quotes, q => q.Contains(paraphrase) && q.Contains("in eigen woorden samengevat door de gemeente"));
        Assert.Contains(quotes, q => q.Contains(verbatim) && q.Contains("gekozen door de gemeente"));
        // The paraphrased answer's own words are not shown; two synthetic respondents can write the same sentence, and
        // then it stands once, as the other, verbatim quote.
        var html = await page.ContentAsync();
        Assert.Equal(original == verbatim ? 1 : 0, System.Text.RegularExpressions.Regex.Count(html, System.Text.RegularExpressions.Regex.Escape(original)));
        await PageChecks.AuditAndSaveAsync(page, "raad-rapport-jaar1");

        // --- a year on: the overview asks for a status, the officer gives it ---
        await page.GotoAsync("/beheer");
        Assert.Contains("Eén aanmeldpunt met vaste contactpersoon", await page.Locator("#acties-zonder-stand").InnerTextAsync());
        // Published today, well after 1 July of the year after yearOne.
        Assert.Matches(@"gepubliceerd op \d{1,2} \w+ \d{4}, \d+ dagen te laat", await page.Locator($"#termijnen-tabel tr[data-wave='{first}']").InnerTextAsync());
        await PageChecks.AuditAndSaveAsync(page, "overzicht-termijnen");
        await page.GotoAsync($"/beheer/metingen/{first}/duiding");
        var forms = page.Locator("form.follow-up-form");
        Assert.Equal(2, await forms.CountAsync());
        for (var i = 0; i < 2; i++)
        {
            var form = page.Locator("form.follow-up-form").Nth(i);
            var title = await form.Locator("h4").InnerTextAsync();
            var done = title.StartsWith("Eén", StringComparison.Ordinal);
            await form.Locator("select[name=status]").SelectOptionAsync(done ? "gedaan" : "loopt");
            await form.Locator("input[name$='-note']").FillAsync(done ? "Het aanmeldpunt is open sinds maart." : "Met vier aanbieders zijn afspraken gemaakt.");
            await form.GetByRole(AriaRole.Button).ClickAsync();
            await page.WaitForURLAsync("**/duiding?gedaan=stand");
        }
        await page.GotoAsync("/beheer");
        // None of this wave's actions waits for a status any more (other tests' waves, such as the demo's, may).
        Assert.Equal(0, await page.Locator($"#acties-zonder-stand a[href^='/beheer/metingen/{first}/']").CountAsync());

        // --- year two: draft and publish; the report shows the status beside the trend ---
        var second = await demo.CreateFieldingWaveAsync(municipality, yearOne + 1, 1500);
        await demo.AnswerAsync(second, 1, 1.0);
        await demo.CloseAsync(second);
        await page.GotoAsync($"/beheer/metingen/{second}/rapportage");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rapportconcept maken" }).ClickAsync();
        await page.WaitForURLAsync("**/rapportage?gedaan=concept");
        await page.GetByRole(AriaRole.Link, new() { Name = "Rapport publiceren…" }).ClickAsync(); // the confirmation page (issue 20)
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, rapport publiceren" }).ClickAsync();
        Assert.Contains("versie 1", await page.Locator(".notice-gelukt").InnerTextAsync());

        await page.GotoAsync($"/raad/{slug}/{yearOne + 1}");
        var toegang = page.Locator("#kern-toegang");
        Assert.Contains($"dan in {yearOne}", await toegang.Locator(".headline-trend").InnerTextAsync());
        var followUp = await toegang.Locator("[data-follow-up=toegang]").InnerTextAsync();
        Assert.Contains($"Acties uit het rapport van {yearOne}", followUp);
        Assert.Contains("Gedaan", followUp);
        Assert.Contains("Het aanmeldpunt is open sinds maart.", followUp);
        Assert.Contains("Loopt nog", await page.Locator("#kern-effect [data-follow-up=effect]").InnerTextAsync());
        Assert.Equal(2, await page.Locator("#vorige-acties tbody tr").CountAsync());
        await PageChecks.AuditAndSaveAsync(page, "raad-rapport-jaar2");
        await page.Context.CloseAsync();
    }

    private static async Task AddActionAsync(IPage page, string what, string who, string due, string measure)
    {
        await page.GetByLabel("Wat gaat er gebeuren?").FillAsync(what);
        await page.GetByLabel("Wie doet het?").FillAsync(who);
        await page.GetByLabel("Klaar op").FillAsync(due);
        await page.Locator($"#actie-measure-{measure}").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Actie bewaren" }).ClickAsync();
        await page.WaitForURLAsync("**/duiding?gedaan=actie");
    }
}
