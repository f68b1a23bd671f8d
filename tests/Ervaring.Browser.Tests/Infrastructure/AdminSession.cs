using Microsoft.Playwright;

namespace Ervaring.Browser.Tests.Infrastructure;

/// <summary>What a beheerder does often, done through the pages like a person would.</summary>
public static class AdminSession
{
    public static async Task SignInAsync(IPage page, string key = AppFixture.AdminKey)
    {
        await page.GotoAsync("/beheer/inloggen");
        await page.GetByLabel("API-sleutel").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
    }

    /// <summary>Fills the new-wave form with valid values and returns the new wave's id.</summary>
    public static async Task<string> CreateWaveAsync(IPage page, string municipality, int year = 2026)
    {
        await page.GotoAsync("/beheer/metingen/nieuw");
        await FillWaveFormAsync(page, municipality, year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Meting maken" }).ClickAsync();
        await page.WaitForURLAsync("**/beheer/metingen/*?gedaan=aangemaakt");
        return new Uri(page.Url).Segments[^1];
    }

    public static async Task FillWaveFormAsync(IPage page, string municipality, string year)
    {
        await page.GetByLabel("Naam (niet verplicht)").FillAsync($"Browsertest {municipality}");
        await page.GetByLabel("Gemeenten").FillAsync(municipality);
        await page.GetByLabel("Jaar", new() { Exact = true }).FillAsync(year);
        await page.GetByLabel("Start veldwerk").FillAsync("2026-03-01");
        await page.GetByLabel("Einde veldwerk").FillAsync("2026-04-15");
    }

    /// <summary>Writes CSV bytes to a temporary file and uploads it through the frame form.</summary>
    public static async Task UploadFrameAsync(IPage page, byte[] csv, bool dropInvalid = false)
    {
        var file = Path.Combine(Path.GetTempPath(), $"kader-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(file, csv);
        try
        {
            await page.GetByLabel("CSV-bestand uit het cliëntregister").SetInputFilesAsync(file);
            if (dropInvalid) await page.GetByLabel("Afgekeurde regels bewust weglaten").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Kader inlezen" }).ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
