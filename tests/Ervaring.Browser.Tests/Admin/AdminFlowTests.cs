using System.Text;
using Ervaring.Browser.Tests.Infrastructure;
using Ervaring.Core.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ervaring.Browser.Tests.Admin;

/// <summary>
/// The beheerder's whole path through the pages, on a desktop and on a phone: sign in, create a wave (with one
/// mistake first), upload a frame, draw, check the strata, download the invitations, verify, start fielding.
/// Every page is audited with axe and photographed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminFlowTests(BrowserFixture fixture)
{
    public static TheoryData<string, string, string> Devices => new()
    {
        // device, municipality, client-reference prefix: separate clients, so one run's contacts never exclude the other's.
        { "desktop", "Voorbeeld", "VB" },
        { "mobiel", "Mobielstad", "MB" },
    };

    [Theory]
    [MemberData(nameof(Devices))]
    public async Task A_beheerder_goes_from_sign_in_to_fielding(string device, string municipality, string prefix)
    {
        var page = await fixture.NewPageAsync(device == "mobiel" ? BrowserFixture.Phone : BrowserFixture.Desktop);
        var shot = (string name) => PageChecks.AuditAndSaveAsync(page, $"{device}-{name}");

        // Not signed in: the overview sends us to the sign-in page, and back after signing in.
        await page.GotoAsync("/beheer");
        Assert.EndsWith("/beheer/inloggen?ReturnUrl=%2Fbeheer", page.Url);
        await shot("01-inloggen");
        await page.GetByLabel("API-sleutel").FillAsync(AppFixture.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/beheer$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Metingen", Exact = true })).ToBeVisibleAsync();
        await shot("02-overzicht");

        // A mistake in the year: the error stands next to the field, and everything typed is still there.
        await page.GetByRole(AriaRole.Link, new() { Name = "Nieuwe meting maken" }).ClickAsync();
        await shot("03-nieuwe-meting");
        await AdminSession.FillWaveFormAsync(page, municipality, "twintig26");
        await page.GetByLabel("Verwachte respons").FillAsync("0,35");
        await page.GetByLabel("Verwijzer").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Meting maken" }).ClickAsync();
        await Expect(page.Locator("#year-fout")).ToContainTextAsync("Vul het jaar in als getal");
        await Expect(page.GetByLabel("Jaar", new() { Exact = true })).ToHaveValueAsync("twintig26");
        await Expect(page.GetByLabel("Jaar", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Gemeenten")).ToHaveValueAsync(municipality);
        await Expect(page.GetByLabel("Verwachte respons")).ToHaveValueAsync("0,35");
        await Expect(page.GetByLabel("Verwijzer")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Start veldwerk")).ToHaveValueAsync("2026-03-01");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Niet alles is goed ingevuld");
        await shot("04-nieuwe-meting-fout");

        await page.GetByLabel("Jaar", new() { Exact = true }).FillAsync("2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Meting maken" }).ClickAsync();
        await page.WaitForURLAsync("**/beheer/metingen/*?gedaan=aangemaakt");
        await Expect(page.Locator("#status")).ToHaveTextAsync("concept");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De meting is aangemaakt");
        await shot("05-meting-aangemaakt");

        // Upload a synthetic register: counts, composition and the sample-size preview appear.
        await AdminSession.UploadFrameAsync(page, SyntheticRegister.Csv(3000, [municipality], 2026, seed: 7, referencePrefix: prefix));
        await Expect(page.GetByText("3.000 regels gelezen: 3.000 goedgekeurd, 0 afgekeurd")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Samenstelling van het kader" })).ToBeVisibleAsync();
        await Expect(page.Locator("#omvang-tabel tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#omvang-tabel tbody tr td").First).ToHaveTextAsync(municipality);
        await shot("06-kader-ingelezen");

        // Draw: the per-stratum table shows N_h and n_h, and n_h never exceeds N_h.
        await page.GetByRole(AriaRole.Button, new() { Name = "Steekproef trekken" }).ClickAsync();
        await page.WaitForURLAsync("**gedaan=getrokken*");
        await Expect(page.Locator("#status")).ToHaveTextAsync("steekproef getrokken");
        var strata = page.Locator("#strata-tabel tbody tr");
        Assert.True(await strata.CountAsync() > 5, "several strata (care type × age band × referrer)");
        foreach (var row in await strata.AllAsync())
        {
            // Text content, not inner text: the table is folded away in a <details> (issue 20).
            var cells = await row.Locator("td").AllTextContentsAsync();
            Assert.True(Number(cells[3]) <= Number(cells[1]), $"n_h ≤ N_h in {cells[0]}");
        }
        await shot("07-getrokken");

        // Download the mail-merge file like the officer would: through the link, as a file.
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Uitnodigingen (CSV)" }).ClickAsync());
        Assert.StartsWith("uitnodigingen-", download.SuggestedFilename);
        var csvPath = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.csv");
        await download.SaveAsAsync(csvPath);
        var lines = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(csvPath)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        File.Delete(csvPath);
        Assert.Equal("clientreferentie;doelgroep;gemeente;link;code;privacyverklaring;qrbestand", lines[0]);
        Assert.True(lines.Length > 100);
        Assert.All(lines.Skip(1), line => Assert.StartsWith($"{prefix}-", line));

        // The auditor's check re-draws and agrees.
        await page.GetByRole(AriaRole.Button, new() { Name = "Trekking controleren" }).ClickAsync();
        await Expect(page.GetByText("De trekking klopt", new() { Exact = true })).ToBeVisibleAsync();
        await shot("08-gecontroleerd");

        // Starting the fieldwork goes through its confirmation page (issue 20).
        await page.GetByRole(AriaRole.Link, new() { Name = "Veldwerk starten…" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, veldwerk starten" }).ClickAsync();
        await page.WaitForURLAsync("**gedaan=veldwerk*");
        await Expect(page.Locator("#status")).ToHaveTextAsync("in veld");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Steekproef trekken" })).ToHaveCountAsync(0);
        await shot("09-in-veld");

        await page.GetByRole(AriaRole.Link, new() { Name = "Metingen", Exact = true }).ClickAsync();
        var listed = page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"Browsertest {municipality}" });
        await Expect(listed).ToContainTextAsync("in veld");
        await shot("10-overzicht-met-meting");
        await page.Context.CloseAsync();
    }

    private static int Number(string text) => int.Parse(text.Replace(".", ""), System.Globalization.CultureInfo.InvariantCulture);
}
