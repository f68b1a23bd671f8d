using Ervaring.Browser.Tests.Infrastructure;
using Ervaring.Functions.Demo;
using Ervaring.Functions.Reports;
using Ervaring.Storage.Waves;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Browser.Tests.Reports;

/// <summary>
/// Issue 14 on the demo municipality in Chromium: a target met, one not met and one undecided in the published
/// report, and the year without a survey with its reason on /raad and on the municipality's page. Every page passes axe.
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
}
