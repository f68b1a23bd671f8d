using System.Text;
using Ervaring.Browser.Tests.Infrastructure;
using Ervaring.Core.Reports;
using Ervaring.Functions.Demo;
using Ervaring.Functions.Reports;
using Ervaring.Storage.Waves;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ervaring.Browser.Tests.Reports;

/// <summary>
/// Issue 20, point 5, on the demo municipality's pages: age bands in age order on the admin dashboard, in the
/// published report and in its CSV; one name per indicator on the admin pages and in the report (none of the old
/// variants anywhere); axe on every page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PlainWordsTests(BrowserFixture fixture)
{
    /// <summary>The names the same indicators had before (issue 20): none may appear on a page any more.</summary>
    private static readonly string[] OldIndicatorNames =
        ["Toegang tot de hulp", "Effect van de hulp", "Rapportcijfer voor de hulp", "(toegang)", "(effect)", "toegang, kwaliteit, effect"];

    [Fact]
    public async Task Age_bands_come_in_age_order_and_each_indicator_has_one_name_on_admin_pages_report_and_csv()
    {
        await fixture.App.Services.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        var latest = (await fixture.App.Services.GetRequiredService<WaveStore>().ListAsync())
            .Where(w => w.Settings.Municipalities.Contains(DemoSeeder.Municipality) && w.State == Ervaring.Core.Waves.WaveState.Published)
            .OrderByDescending(w => w.Settings.Year).First();
        var (slug, year) = (Slugs.Of(DemoSeeder.Municipality), latest.Settings.Year);

        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/raad/{slug}/{year}");
        foreach (var audience in latest.Definitions.Keys)
        {
            var bands = await page.Locator($"table.breakdown[data-dimension='{Dimensions.AgeBand}'][data-audience='{audience}'] tbody th").AllInnerTextsAsync();
            Assert.True(bands.Count >= 2, $"{audience}: the report shows {bands.Count} age bands");
            AssertAgeOrder(bands.Select(b => b.Trim()).ToList(), $"report, {audience}");
        }
        var names = await page.Locator(".headlines h3").AllInnerTextsAsync();
        Assert.Equal(PlainLabels.Indicators.Select(i => PlainLabels.Indicator(i)), names.Select(n => n.Trim()));
        await AssertNoOldNamesAsync(page, "report");
        // The seed and the strata stand behind "Voor de controleur", after a plain sentence; folded, so not visible.
        await Expect(page.Locator("#methode ~ dl .for-auditor-lead").First).ToContainTextAsync("daarmee is de trekking te herhalen");
        await Expect(page.Locator("details.for-auditor summary").First).ToHaveTextAsync("Voor de controleur");
        await Expect(page.GetByText("Startgetal (seed)")).ToBeHiddenAsync();
        await PageChecks.AuditAndSaveAsync(page, "raad-rapport-woorden");

        using var client = fixture.App.CreateClient();
        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/raad/{slug}/{year}/data.csv")).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(';')).ToList();
        var (dimension, value, measure, label) = (Column(csv, "uitsplitsing"), Column(csv, "waarde"), Column(csv, "meting"), Column(csv, "omschrijving"));
        foreach (var group in csv.Skip(1).Where(r => r[dimension] == Dimensions.AgeBand).GroupBy(r => (r[Column(csv, "doelgroep")], r[Column(csv, "soort")], r[measure], r[Column(csv, "teljaar")])))
            AssertAgeOrder(group.Select(r => r[value]).ToList(), $"CSV, {group.Key}");
        foreach (var indicator in PlainLabels.Indicators)
            Assert.All(csv.Skip(1).Where(r => r[measure] == indicator && r[Column(csv, "soort")] == MeasureTypes.Indicator),
                r => Assert.Equal(PlainLabels.Indicator(indicator), r[label]));

        await AdminSession.SignInAsync(page);
        await page.GotoAsync($"/beheer/metingen/{latest.Id}/rapportage");
        // The groups behind the subtotals (folded away): gemeente, doelgroep, zorgvorm, leeftijdsgroep.
        var strata = await page.Locator("#respons-per-laag tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => Array.from(r.cells).slice(0, 4).map(c => c.textContent.trim()))");
        Assert.NotEmpty(strata);
        foreach (var group in strata.GroupBy(s => (s[0], s[1], s[2])))
            AssertAgeOrder(group.Select(s => s[3]).ToList(), $"dashboard, {group.Key}");
        // One subtotal per municipality and audience, adding up its groups.
        var subtotals = await page.Locator("#respons-per-gemeente tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent.trim()))");
        Assert.Equal(strata.Select(s => (s[0], s[1])).Distinct().Count(), subtotals.Length);
        await AssertNoOldNamesAsync(page, "dashboard");
        await PageChecks.AuditAndSaveAsync(page, "dashboard-woorden");
        await page.GotoAsync($"/beheer/metingen/{latest.Id}");
        await Expect(page.Locator(".for-auditor-lead", new() { HasText = "daarmee is de trekking te herhalen" })).ToBeVisibleAsync();
        await page.Locator("details.for-auditor", new() { Has = page.GetByText("Verschuiving (offset)") }).Locator("summary").ClickAsync();
        var offset = await page.Locator("dt:text-is('Verschuiving (offset)') + dd").InnerTextAsync();
        Assert.Matches(@"^\d+(,\d+)?$", offset.Trim()); // Dutch decimal comma, never a point
        await page.GotoAsync($"/beheer/metingen/{latest.Id}/duiding");
        await AssertNoOldNamesAsync(page, "duiding");
        await Expect(page.Locator("#duiding-measure option[value=toegang]")).ToHaveTextAsync(PlainLabels.Indicator("toegang"));
        await PageChecks.AuditAndSaveAsync(page, "duiding-woorden");
        await page.Context.CloseAsync();
    }

    private static int Column(List<string[]> csv, string name) => Array.IndexOf(csv[0], name) is >= 0 and var i ? i : throw new InvalidOperationException($"no column {name}");

    /// <summary>Each band's lower bound is higher than the one before ("0-3", "4-11", "12-17", "18-23").</summary>
    private static void AssertAgeOrder(IReadOnlyList<string> bands, string where)
    {
        var starts = bands.Select(b => int.Parse(b.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(starts.Zip(starts.Skip(1)).All(p => p.First < p.Second), $"{where}: not in age order: {string.Join(", ", bands)}");
    }

    private static async Task AssertNoOldNamesAsync(IPage page, string where)
    {
        var text = await page.Locator("body").InnerTextAsync();
        foreach (var old in OldIndicatorNames)
            Assert.False(text.Contains(old, StringComparison.OrdinalIgnoreCase), $"{where} still says \"{old}\"");
    }
}
