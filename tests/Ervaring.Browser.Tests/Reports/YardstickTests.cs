using Ervaring.Browser.Tests.Infrastructure;
using Ervaring.Functions.Demo;
using Ervaring.Functions.Reports;
using Ervaring.Storage.Waves;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Browser.Tests.Reports;

/// <summary>
/// Issue 14 on the demo municipality in Chromium: a target met, one not met and one undecided in the published
/// report, and the year without a survey with its reason on /raad and on the municipality's page; an imported reference
/// figure with its source; use figures with the small group hidden alike in HTML, CSV and JSON. Every page passes axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class YardstickTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_demo_report_shows_the_three_verdicts_and_raad_shows_the_explained_gap_year()
    {
        await fixture.App.Services.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        var waves = await fixture.App.Services.GetRequiredService<WaveStore>().ListAsync();
        var year = waves.Where(w => w.Settings.Municipalities.Contains(DemoSeeder.Municipality) && w.State == Ervaring.Core.Waves.WaveState.Published)
            .Max(w => w.Settings.Year);
        var slug = Slugs.Of(DemoSeeder.Municipality);

        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/raad/{slug}/{year}");
        foreach (var verdict in new[] { "gehaald", "niet gehaald", "nog niet te zeggen" })
            Assert.Equal(1, await page.Locator($"#streefwaarden-tabel tr[data-verdict='{verdict}']").CountAsync());
        Assert.True(await page.Locator("svg .target-line").CountAsync() >= 1);
        // The imported reference figure stands beside the municipality's figure, with its source.
        var reference = page.Locator("#referenties-tabel tr[data-measure='kwaliteit'][data-audience='ouders']");
        Assert.Contains(DemoYardstick.ReferenceSource, await reference.Locator("td.reference-source").InnerTextAsync());
        Assert.Contains("goed vergelijkbaar", await reference.InnerTextAsync());
        await PageChecks.AuditAndSaveAsync(page, "raad-streefwaarden");

        await page.GotoAsync("/raad");
        var gap = page.Locator($"ul[data-place='{slug}'] li.gap-year[data-year='{year - 2}']");
        Assert.Contains("geen onderzoek gedaan", await gap.InnerTextAsync());
        Assert.Contains("overgestapt naar nieuwe aanbieders", await gap.InnerTextAsync());
        await PageChecks.AuditAndSaveAsync(page, "raad-index-jaren");

        await page.GotoAsync($"/raad/{slug}");
        Assert.Contains("overgestapt naar nieuwe aanbieders", await page.Locator($"tr[data-year='{year - 2}']").InnerTextAsync());
        await PageChecks.AuditAndSaveAsync(page, "raad-gemeente-jaren");
    }

    [Fact]
    public async Task The_demo_report_shows_use_figures_beside_the_experience_figures_with_the_small_group_hidden_in_html_csv_and_json()
    {
        await fixture.App.Services.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        var waves = await fixture.App.Services.GetRequiredService<WaveStore>().ListAsync();
        var year = waves.Where(w => w.Settings.Municipalities.Contains(DemoSeeder.Municipality) && w.State == Ervaring.Core.Waves.WaveState.Published)
            .Max(w => w.Settings.Year);
        var slug = Slugs.Of(DemoSeeder.Municipality);

        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/raad/{slug}/{year}");
        // Year on year: the demo's two published years, each with its own count.
        Assert.Equal(2, await page.Locator("#gebruik-totaal tbody tr").CountAsync());
        // The six clients with "andere jeugdhulp" are fewer than k: hidden, in both years.
        var rare = page.Locator("table.use-table[data-dimension='zorgvorm'] tr[data-group='overig']");
        Assert.Contains("verborgen: minder dan 10 cliënten", await rare.Locator($"td[data-year='{year}']").InnerTextAsync());
        Assert.Contains("hidden-cell", await rare.Locator($"td[data-year='{year}']").GetAttributeAsync("class"));
        // Beside it the experience of that group; the biggest group shows its count.
        var ambulant = page.Locator("table.use-table[data-dimension='zorgvorm'] tr[data-group='ambulant']");
        Assert.Matches(@"^\d[\d.]*$", (await ambulant.Locator($"td[data-year='{year}']").InnerTextAsync()).Trim());
        Assert.Contains("antwoorden", await ambulant.InnerTextAsync());
        await PageChecks.AuditAndSaveAsync(page, "raad-gebruik");

        // The same cell hidden in the CSV and the JSON.
        var csv = await page.Context.APIRequest.GetAsync($"/raad/{slug}/{year}/data.csv");
        var lines = System.Text.Encoding.UTF8.GetString(await csv.BodyAsync()).TrimStart('\uFEFF').Split("\r\n");
        var header = lines[0].Split(';').ToList();
        var row = lines.Select(l => l.Split(';')).Single(r => r.Length == header.Count && r[header.IndexOf("soort")] == "gebruik"
            && r[header.IndexOf("waardecode")] == "overig" && r[header.IndexOf("teljaar")] == year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("ja", row[header.IndexOf("verborgen")]);
        Assert.Equal("", row[header.IndexOf("uitkomst")]);
        var json = System.Text.Json.JsonDocument.Parse(await (await page.Context.APIRequest.GetAsync($"/raad/{slug}/{year}/data.json")).BodyAsync()).RootElement;
        var cell = json.GetProperty("use")[0].GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("group").GetString() == "overig");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cell.GetProperty("clients").ValueKind);
        Assert.Equal("minder dan 10 cliënten", cell.GetProperty("reason").GetString());
        await page.Context.CloseAsync();
    }
}
