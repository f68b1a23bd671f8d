using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Ervaring.Browser.Tests.Infrastructure;
using Ervaring.Core.Demo;
using Ervaring.Functions.Demo;
using Ervaring.Storage.Waves;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ervaring.Browser.Tests.Admin;

/// <summary>
/// Issue 20: the whole yearly cycle through the pages only, led by the stepper and the one next action: create a
/// wave, read the frame, draw, start the fieldwork (confirmation page), a reminder list, the interim counting every
/// completed questionnaire, close (confirmation page), the draft (banner, way back, draft downloads) and publish
/// (confirmation page). Only the families' answers and one day shift (the reminder round is due a week after the
/// start, and the test cannot wait) come from the test infrastructure. Every page is audited with axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CycleTests(BrowserFixture fixture)
{
    private const string Municipality = "Cyclusstad";
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    [Fact]
    public async Task A_beheerder_walks_the_whole_cycle_through_the_pages()
    {
        var page = await fixture.NewPageAsync();
        var shot = (string name) => PageChecks.AuditAndSaveAsync(page, $"cyclus-{name}");
        await AdminSession.SignInAsync(page);

        var id = await AdminSession.CreateWaveAsync(page, Municipality);
        await Expect(Step(page)).ToContainTextAsync("Kader (nu)");
        await shot("01-kader");
        await page.GotoAsync("/beheer");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"Browsertest {Municipality}" })).ToContainTextAsync("Lees het steekproefkader in.");
        await shot("02-overzicht-volgende-stap");

        // Frame: the composition lists the age bands in age order, not as text.
        await page.GotoAsync($"/beheer/metingen/{id}");
        await AdminSession.UploadFrameAsync(page, SyntheticRegister.Csv(800, [Municipality], 2026, seed: 11, referencePrefix: "CY"));
        await Expect(Step(page)).ToContainTextAsync("Trekken (nu)");
        var composition = await page.Locator("#samenstelling ~ details table tbody tr").AllAsync();
        var bands = new List<(string Group, string Band)>();
        foreach (var row in composition)
        {
            var cells = await row.Locator("td").AllTextContentsAsync();
            bands.Add((cells[0] + "|" + cells[1], cells[2]));
        }
        Assert.NotEmpty(bands);
        foreach (var group in bands.GroupBy(b => b.Group))
        {
            var froms = group.Select(b => int.Parse(b.Band.Split('-')[0], CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(froms.Order(), froms);
        }
        await shot("03-kader-ingelezen");

        await page.GetByRole(AriaRole.Button, new() { Name = "Steekproef trekken" }).ClickAsync();
        await page.WaitForURLAsync("**gedaan=getrokken*");
        await Expect(Step(page)).ToContainTextAsync("Brieven (nu)");
        await shot("04-getrokken");

        // Starting the fieldwork asks first, and says what happens and that nothing becomes public.
        await page.GetByRole(AriaRole.Link, new() { Name = "Veldwerk starten…" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Veldwerk starten?" })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Wat er openbaar wordt");
        await shot("05-veldwerk-starten-bevestigen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, veldwerk starten" }).ClickAsync();
        await page.WaitForURLAsync("**gedaan=veldwerk*");
        await Expect(page.Locator("#status")).ToHaveTextAsync("in veld");
        await Expect(Step(page)).ToContainTextAsync("Veldwerk (nu)");

        // Families answer (through the real survey session), and the first reminder round falls due.
        var services = fixture.App.Services;
        var completed = await services.GetRequiredService<DemoWaves>().AnswerAsync(id, 0, 0.6);
        Assert.True(completed > 0);
        var waves = services.GetRequiredService<WaveStore>();
        var stored = (await waves.GetAsync(id))!;
        await waves.UpdateAsync(stored, stored.Wave with { FieldingStartedOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-8) }, "test", null);

        await page.ReloadAsync();
        var rounds = page.Locator("#herinneringsrondes tbody tr");
        await Expect(rounds).ToHaveCountAsync(2);
        await Expect(rounds.Nth(1)).ToContainTextAsync("nog niet");
        var open = await rounds.Nth(0).Locator("td.num").TextContentAsync();
        await Expect(page.Locator("section:has(#herinneringen)")).ToContainTextAsync("sluit vanzelf in de nacht van");
        await shot("06-veldwerk-herinneringen");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Herinneringslijst ronde 1 (CSV)" }).ClickAsync());
        Assert.Equal($"herinneringen-{id}-ronde-1.csv", download.SuggestedFilename);
        var reminderLines = await LinesAsync(download);
        Assert.Equal("clientreferentie;doelgroep;gemeente;link;code;ronde", reminderLines[0]);
        Assert.Equal(int.Parse(open!.Replace(".", ""), CultureInfo.InvariantCulture), reminderLines.Length - 1);

        // The interim counts every completed questionnaire, whether or not it has been mixed in yet.
        await page.GotoAsync($"/beheer/metingen/{id}/rapportage");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tussenstand berekenen" }).ClickAsync();
        await page.WaitForURLAsync("**gedaan=concept*");
        await Expect(page.Locator("#tussenstand-ingevuld")).ToContainTextAsync($"Nu ingevuld: {completed.ToString("N0", Dutch)} vragenlijst");
        await shot("07-tussenstand");

        // Closing asks first and names the automatic close date.
        await page.GotoAsync($"/beheer/metingen/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Veldwerk nu sluiten…" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Veldwerk nu sluiten?" })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("sluit het veldwerk vanzelf in de nacht van");
        await shot("08-sluiten-bevestigen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, veldwerk sluiten" }).ClickAsync();
        await page.WaitForURLAsync("**gedaan=gesloten*");
        await Expect(page.Locator("#status")).ToHaveTextAsync("gesloten");
        await Expect(Step(page)).ToContainTextAsync("Rapport (nu)");
        await shot("09-gesloten");

        // The interim is gone after the close; the draft replaces it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Naar het rapportconcept" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tussenstand — niet publiceren" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Rapportconcept maken" }).ClickAsync();
        await page.WaitForURLAsync("**gedaan=concept*");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Resultaten (rapportconcept)" })).ToBeVisibleAsync();
        await shot("10-concept-gemaakt");

        // The draft is visibly a draft, with a way back and draft downloads that work.
        await page.GetByRole(AriaRole.Link, new() { Name = $"Concept voor {Municipality} bekijken" }).ClickAsync();
        await Expect(page.Locator("#concept-banner")).ToContainTextAsync("Concept — niet openbaar");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Gepubliceerd");
        await shot("11-concept-bekijken");
        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "CSV (voor Excel)" }).ClickAsync());
        Assert.StartsWith("concept-", csv.SuggestedFilename);
        var csvLines = await LinesAsync(csv);
        // The public columns (the yardstick's included), then the draft's own last column.
        Assert.Contains(";waardecode;", csvLines[0]);
        Assert.EndsWith(";reden_geen_onderzoek;teljaar;bron;bronjaar;populatie;vergelijkbaarheid;verschil;nieuw_dit_jaar;status", csvLines[0]);
        Assert.All(csvLines.Skip(1), line => Assert.EndsWith(";concept — niet openbaar", line));
        var jsonHref = await page.GetByRole(AriaRole.Link, new() { Name = "JSON", Exact = true }).GetAttributeAsync("href");
        var json = await page.Context.APIRequest.GetAsync(jsonHref!);
        Assert.Equal(200, json.Status);
        using var draftJson = System.Text.Json.JsonDocument.Parse(await json.TextAsync());
        var fields = draftJson.RootElement.EnumerateObject().Take(2).Select(p => (p.Name, p.Value.ToString())).ToList();
        Assert.Equal([("status", "concept — niet openbaar"), ("openbaar", "False")], fields);
        await page.GetByRole(AriaRole.Link, new() { Name = "← Terug naar respons en rapport" }).ClickAsync();

        // Publishing asks first and says what becomes public.
        await page.GetByRole(AriaRole.Link, new() { Name = "Rapport publiceren…" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rapport publiceren?" })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Voor iedereen op internet");
        await shot("12-publiceren-bevestigen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, rapport publiceren" }).ClickAsync();
        await page.WaitForURLAsync("**gedaan=gepubliceerd*");
        await Expect(page.Locator(".notice-gelukt")).ToContainTextAsync("versie 1");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Rapportconcept maken" })).ToHaveCountAsync(0);
        await shot("13-gepubliceerd");
        var published = await page.Locator(".notice-gelukt a").First.GetAttributeAsync("href");
        Assert.Equal(200, (await page.Context.APIRequest.GetAsync(published!)).Status);

        await page.GotoAsync($"/beheer/metingen/{id}");
        await Expect(page.Locator(".stepper .step-done")).ToHaveCountAsync(7);
        await page.GotoAsync("/beheer");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"Browsertest {Municipality}" })).ToContainTextAsync("het rapport is openbaar");
        await shot("14-overzicht-klaar");
        await page.Context.CloseAsync();
    }

    /// <summary>The stepper's current step.</summary>
    private static ILocator Step(IPage page) => page.Locator(".stepper [aria-current=step]");

    private static async Task<string[]> LinesAsync(IDownload download)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.csv");
        await download.SaveAsAsync(path);
        try
        {
            return Encoding.UTF8.GetString(await File.ReadAllBytesAsync(path)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        }
        finally { File.Delete(path); }
    }
}
