using System.Text;
using System.Text.RegularExpressions;
using Ervaring.Browser.Tests.Infrastructure;
using Ervaring.Functions.Reports;
using Ervaring.Storage.Council;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ervaring.Browser.Tests.Admin;

/// <summary>
/// Issue 14, point 4, as an officer does it on the yardstick page: a reference file with a wrong line is listed line by
/// line and nothing is stored; the corrected file is listed with its sources; one figure is removed with its own button.
/// Every state passes axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReferenceFiguresPageTests(BrowserFixture fixture)
{
    private const string Header = "meting;doelgroep;bron;jaar;populatie;waarde;ondergrens;bovengrens;vergelijkbaar;verschil";

    [Fact]
    public async Task An_officer_imports_reference_figures_on_the_page_and_removes_one()
    {
        var municipality = SamplingApi.UniquePlace("Refpagina");
        using (var admin = fixture.AppFixture.AdminClient()) await SamplingApi.CreateWaveAsync(admin, SamplingApi.WaveBody(municipality));
        var slug = Slugs.Of(municipality);
        var store = fixture.App.Services.GetRequiredService<YardstickStore>();
        var page = await fixture.NewPageAsync();
        await AdminSession.SignInAsync(page);
        await page.GotoAsync($"/beheer/gemeenten/{slug}");

        // Line 3 has no source: the file is refused with that line named, and nothing is stored.
        await UploadAsync(page, Header, "toegang;ouders;Landelijke peiling (test);2024;ouders in Nederland;72;70;74;goed;", "kwaliteit;ouders;;2024;ouders;80;;;goed;");
        await Expect(page.Locator("#referentie-fouten")).ToContainTextAsync("Regel 3, kolom 'bron'");
        Assert.Empty(await store.ListReferencesAsync(municipality));
        await PageChecks.AuditAndSaveAsync(page, "beheer-referenties-fout");

        await UploadAsync(page, Header, "toegang;ouders;Landelijke peiling (test);2024;ouders in Nederland;72;70;74;goed;",
            "kwaliteit;ouders;Benchmark G4 (test);2024;ouders in vier steden;80;;;niet goed;andere vraag");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De referentiecijfers zijn ingelezen.");
        var rows = page.Locator("#referenties-lijst tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Filter(new() { HasText = "Benchmark G4 (test)" })).ToContainTextAsync("niet goed vergelijkbaar: andere vraag");
        await PageChecks.AuditAndSaveAsync(page, "beheer-referenties-ingelezen");

        // Each figure has its own button, named for screen readers by what it removes.
        var remove = rows.Filter(new() { HasText = "Benchmark G4 (test)" }).GetByRole(AriaRole.Button);
        // (Chromium reads the hidden part as its own block, hence the optional space before the colon.)
        await Expect(remove).ToHaveAccessibleNameAsync(new Regex(@"^Verwijderen ?: Kwaliteit van de hulp \(ouders\), Benchmark G4 \(test\), 2024$"));
        await remove.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Het referentiecijfer is verwijderd.");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync("Landelijke peiling (test)");
        Assert.Equal("Landelijke peiling (test)", Assert.Single(await store.ListReferencesAsync(municipality)).Source);
        await PageChecks.AuditAndSaveAsync(page, "beheer-referentie-verwijderd");
        await page.Context.CloseAsync();
    }

    private static async Task UploadAsync(IPage page, params string[] lines)
    {
        var file = Path.Combine(Path.GetTempPath(), $"referenties-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, string.Join("\r\n", lines) + "\r\n", Encoding.UTF8);
        try
        {
            await page.GetByLabel("CSV-bestand met referentiecijfers").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "Referentiecijfers inlezen" }).ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
