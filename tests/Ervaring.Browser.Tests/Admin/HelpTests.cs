using System.Text;
using System.Text.RegularExpressions;
using Ervaring.Browser.Tests.Infrastructure;
using Ervaring.Functions.Demo;
using Ervaring.Functions.Pages.Admin.Help;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ervaring.Browser.Tests.Admin;

/// <summary>
/// Issue 20, point 7: help at hand. From the wave page's next step to its help page (what, why, what the family sees),
/// every step's page, the template register file, and the printable letter whose merge fields are all columns of the
/// invitation export. Every page is audited with axe, the letter too (opened as the file it is).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HelpTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Each_step_has_help_and_the_templates_fit_the_import_and_the_export()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var municipality = "Hulpdorp" + new string(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(4).ToArray());
        var (id, _) = await fixture.App.Services.GetRequiredService<DemoWaves>().CreateSampledWaveAsync(municipality, today.Year, 300, today.AddDays(-1), today.AddDays(30));
        var page = await fixture.NewPageAsync();
        await AdminSession.SignInAsync(page);

        // The next step (letters) links to its help.
        await page.GotoAsync($"/beheer/metingen/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Uitleg bij deze stap" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Brieven", Level = 1 })).ToBeVisibleAsync();
        await PageChecks.AuditAndSaveAsync(page, "hulp-brieven");

        // Every step has its page with the three parts.
        await page.GotoAsync("/beheer/hulp");
        await Expect(page.Locator("#hulp-stappen li")).ToHaveCountAsync(Functions.Pages.Admin.CycleSteps.Names.Count);
        await PageChecks.AuditAndSaveAsync(page, "hulp-overzicht");
        foreach (var step in CycleHelp.Steps)
        {
            await page.GotoAsync($"/beheer/hulp/{step.Slug}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync(["Wat u doet", "Waarom", "Wat het gezin ziet", "Sjablonen"]);
        }
        Assert.Equal(Functions.Pages.Admin.CycleSteps.Names, CycleHelp.Steps.Select(s => s.Name));
        var unknown = await page.GotoAsync("/beheer/hulp/bestaat-niet");
        Assert.Equal(404, unknown!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Deze hulppagina bestaat niet");

        // The template register file: the documented columns the import reads.
        await page.GotoAsync("/beheer/hulp/kader");
        var template = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Sjabloon steekproefkader (CSV)" }).ClickAsync());
        Assert.Equal("sjabloon-steekproefkader.csv", template.SuggestedFilename);
        var templateLines = (await ReadAsync(template)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("clientreferentie;geboortejaar;gemeente;zorgvorm;verwijzer;aanbieder;startdatum;einddatum", templateLines[0]);
        Assert.Equal(4, templateLines.Length);

        // The letter: the municipality filled in, the family's parts as merge fields that are all export columns.
        await page.GotoAsync($"/beheer/metingen/{id}");
        var letter = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = $"Brief voor ouders, {municipality} (HTML)" }).ClickAsync());
        var html = await ReadAsync(letter);
        var fields = Regex.Matches(html, "«([a-z]+)»").Select(m => m.Groups[1].Value).Distinct().Order().ToList();
        Assert.Equal(LetterTemplate.MergeFields.Order(), fields);
        var export = await page.Context.APIRequest.GetAsync($"/beheer/metingen/{id}/uitnodigingen.csv");
        var exportHeader = Encoding.UTF8.GetString(await export.BodyAsync()).TrimStart('\uFEFF').Split("\r\n")[0].Split(';');
        Assert.All(fields, f => Assert.Contains(f, exportHeader));
        Assert.Contains($"Gemeente {municipality}", html);
        var bad = await page.Context.APIRequest.GetAsync($"/beheer/metingen/{id}/brief.html?doelgroep=grootouders");
        Assert.Equal(400, bad.Status);
        Assert.Contains("De doelgroep in het adres", await bad.TextAsync());

        var print = await fixture.NewPageAsync();
        await print.SetContentAsync(html);
        await Expect(print.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Wat vindt u van de jeugdhulp voor uw kind?");
        await PageChecks.AuditAndSaveAsync(print, "briefsjabloon-ouders");
    }

    private static async Task<string> ReadAsync(IDownload download)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}");
        await download.SaveAsAsync(path);
        try { return await File.ReadAllTextAsync(path, Encoding.UTF8); }
        finally { File.Delete(path); }
    }
}
