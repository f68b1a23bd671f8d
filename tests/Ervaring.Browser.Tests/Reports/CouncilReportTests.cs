using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ervaring.Browser.Tests.Infrastructure;
using Ervaring.Core.Reports;
using Ervaring.Functions.Demo;
using Ervaring.Functions.Reports;
using Ervaring.Storage.Waves;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Ervaring.Browser.Tests.Reports;

/// <summary>
/// The council report of the demo municipality (two closed years answered through the real survey session and
/// published through the real service), as a council member sees it in Chromium.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CouncilReportTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task The_published_report_shows_the_engines_figures_hides_small_cells_everywhere_and_passes_axe()
    {
        var watch = Stopwatch.StartNew();
        await fixture.App.Services.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        output.WriteLine($"demo seeded in {watch.Elapsed.TotalSeconds:0.0} s");
        var waves = await fixture.App.Services.GetRequiredService<WaveStore>().ListAsync();
        var latest = waves.Where(w => w.Settings.Municipalities.Contains(DemoSeeder.Municipality) && w.State == Ervaring.Core.Waves.WaveState.Published)
            .OrderByDescending(w => w.Settings.Year).First();
        var slug = Slugs.Of(DemoSeeder.Municipality);
        var year = latest.Settings.Year;

        using var admin = fixture.App.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", AppFixture.AdminKey);
        var results = await admin.GetFromJsonAsync<JsonElement>($"/api/waves/{latest.Id}/results");
        var rows = results.GetProperty("rows").EnumerateArray().ToList();
        Assert.True(results.GetProperty("responses").GetInt64() > 200);

        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/raad/{slug}/{year}");
        foreach (var indicator in new[] { "toegang", "kwaliteit", "effect", "rapportcijfer" })
        {
            var row = rows.Single(r => r.GetProperty("audience").GetString() == "ouders" && r.GetProperty("dimension").GetString() == Dimensions.Total
                && r.GetProperty("measureType").GetString() == MeasureTypes.Indicator && r.GetProperty("measure").GetString() == indicator);
            var estimate = row.GetProperty("estimate").GetDouble();
            var expected = indicator == "rapportcijfer"
                ? Math.Round(estimate, 1, MidpointRounding.AwayFromZero).ToString("0.0", new System.Globalization.CultureInfo("nl-NL"))
                : $"{Math.Round(estimate * 100, MidpointRounding.AwayFromZero):0}%";
            Assert.Equal(expected, (await page.Locator($"#kern-{indicator} [data-figure=value]").InnerTextAsync()).Trim());
            Assert.Equal(row.GetProperty("n").GetInt64().ToString("N0", new System.Globalization.CultureInfo("nl-NL")), (await page.Locator($"#kern-{indicator} [data-figure=n]").InnerTextAsync()).Trim());
        }

        // Hidden alike in HTML, CSV and JSON.
        var json = JsonDocument.Parse(await admin.GetByteArrayAsync($"/raad/{slug}/{year}/data.json")).RootElement;
        var csv = Encoding.UTF8.GetString(await admin.GetByteArrayAsync($"/raad/{slug}/{year}/data.csv")).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(';')).ToList();
        var hidden = json.GetProperty("figures").EnumerateArray().Where(f => f.GetProperty("respondents").ValueKind == JsonValueKind.Null).ToList();
        Assert.NotEmpty(hidden);
        foreach (var f in hidden)
        {
            var (audience, dimension, value, type, measure) = (f.GetProperty("audience").GetString()!, f.GetProperty("dimension").GetString()!,
                f.GetProperty("domainValue").GetString()!, f.GetProperty("measureType").GetString()!, f.GetProperty("measure").GetString()!);
            Assert.Contains(csv, c => c[3] == audience && c[4] == dimension && c[16] == value && c[7] == measure && c[10] == "" && c[11] == "" && c[14] == "ja");
            if (type == MeasureTypes.Indicator && dimension != Dimensions.Total)
            {
                var cell = page.Locator($"table.breakdown[data-dimension='{dimension}'][data-audience='{audience}'] td[data-measure='{measure}'][data-value='{value}']");
                Assert.StartsWith("verborgen", (await cell.InnerTextAsync()).Trim());
            }
        }
        // Published cells in the HTML never carry a count below k.
        foreach (var n in await page.Locator("[data-figure=n], .cell-n").AllInnerTextsAsync())
            Assert.True(int.Parse(new string(n.Where(char.IsAsciiDigit).ToArray())) >= 10, n);

        await PageChecks.AuditAndSaveAsync(page, "raad-rapport");
        await page.GotoAsync("/raad");
        await PageChecks.AuditAndSaveAsync(page, "raad-overzicht");
    }
}
