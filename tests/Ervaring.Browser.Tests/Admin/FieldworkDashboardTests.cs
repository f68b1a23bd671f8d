using System.Text.RegularExpressions;
using Ervaring.Browser.Tests.Infrastructure;
using Ervaring.Functions.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ervaring.Browser.Tests.Admin;

/// <summary>
/// Issue 20, point 4: the fieldwork dashboard on a demo wave in the field (started ten days ago on its planned day,
/// families answering over those days through the real survey session). The chart is an SVG with a title and a
/// description, its table gives a row per day whose counts grow, the R-indicator section lists partial indicators, the
/// advice names groups or says none lags; axe finds nothing serious.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FieldworkDashboardTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_fieldwork_dashboard_shows_the_response_chart_with_its_table_and_the_advice()
    {
        var demo = fixture.App.Services.GetRequiredService<DemoWaves>();
        var id = await demo.CreateFieldingWaveAsync("Verloopstad", DateTime.UtcNow.Year, 1200, current: true);
        var completed = await demo.AnswerAsync(id, 0, 0.6);
        Assert.True(completed > 0);

        var page = await fixture.NewPageAsync();
        await AdminSession.SignInAsync(page);
        await page.GotoAsync($"/beheer/metingen/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Verloop van het veldwerk: respons per dag en welke groepen achterblijven" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Verloop van het veldwerk", Exact = true })).ToBeVisibleAsync();

        var chart = page.Locator("svg#responsgrafiek");
        await Expect(chart).ToHaveAttributeAsync("role", "img");
        await Expect(chart.Locator("title")).ToHaveTextAsync("Respons per gemeente en doelgroep, per dag");
        await Expect(chart.Locator("desc")).ToContainTextAsync("Verloopstad, ouders");
        Assert.True(await chart.Locator("polyline").CountAsync() >= 1);

        // The table is the chart's text alternative: a row per field day (ten days ago up to today), counts that grow.
        await page.Locator("#grafiek-tabel summary").ClickAsync();
        var rows = page.Locator("#respons-per-dag tbody tr");
        Assert.Equal(11, await rows.CountAsync());
        var firstColumn = new List<int>();
        foreach (var row in await rows.AllAsync())
        {
            var cell = await row.Locator("td").First.TextContentAsync();
            firstColumn.Add(int.Parse(Regex.Match(cell!, @"^[\d.]+").Value.Replace(".", "")));
        }
        Assert.Equal(firstColumn.Order(), firstColumn);
        Assert.True(firstColumn[0] < firstColumn[^1], "the response grows over the field days");
        Assert.Equal(completed, await TotalOnLastDayAsync(page));

        // R-indicator with partial indicators, and the advice for the next reminder round.
        await Expect(page.Locator("#r-indicator ~ p, section[aria-labelledby=r-indicator] p").First).ToBeVisibleAsync();
        Assert.True(await page.Locator("table.partiele-indicatoren tbody tr").CountAsync() > 0);
        await Expect(page.Locator("#advies-zinnen li").First).ToHaveTextAsync(new Regex("(blijft duidelijk achter|het minst gereageerd hebben)"));
        await Expect(page.Locator("section[aria-labelledby=advies]")).ToContainTextAsync("Herinneringsronde 2 kan vanaf");
        await PageChecks.AuditAndSaveAsync(page, "veldwerk-verloop");
    }

    /// <summary>The sum over the groups of the last row's completed counts.</summary>
    private static async Task<int> TotalOnLastDayAsync(IPage page)
    {
        var cells = await page.Locator("#respons-per-dag tbody tr").Last.Locator("td").AllTextContentsAsync();
        return cells.Sum(c => int.Parse(Regex.Match(c, @"^[\d.]+").Value.Replace(".", "")));
    }
}
