using System.Globalization;
using Ervaring.Browser.Tests.Infrastructure;
using Ervaring.Functions.Demo;
using Ervaring.Functions.Reports;
using Ervaring.Storage.Waves;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ervaring.Browser.Tests.Admin;

/// <summary>
/// Issue 20, point 1: starting the fieldwork before its planned day asks for a reason on the confirmation page; without
/// one the page comes back (422) with the error at the field and nothing started; with one the wave records it with
/// the actual start, and the report's methodology gives the actual field period next to the planned one. After the
/// close the fieldwork dashboard shows the counts frozen per day.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EarlyStartTests(BrowserFixture fixture)
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    [Fact]
    public async Task An_early_start_asks_why_records_it_and_the_report_gives_the_actual_period()
    {
        var services = fixture.App.Services;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var municipality = "Vroegstart" + new string(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(4).ToArray());
        var (plannedStart, plannedEnd) = (today.AddDays(6), today.AddDays(45));
        var demo = services.GetRequiredService<DemoWaves>();
        var (id, _) = await demo.CreateSampledWaveAsync(municipality, today.Year, 300, plannedStart, plannedEnd);

        var page = await fixture.NewPageAsync();
        await AdminSession.SignInAsync(page);
        await page.GotoAsync($"/beheer/metingen/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Veldwerk starten…" }).First.ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync($"Gepland was een start op {Date(plannedStart)}. U start 6 dag(en) eerder.");
        await PageChecks.AuditAndSaveAsync(page, "vroege-start-bevestigen");

        // No reason: the same page again, the error at the field, nothing started.
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Ja, veldwerk starten" }).ClickAsync(),
            r => r.Request.Method == "POST");
        Assert.Equal(422, refused.Status);
        await Expect(page.Locator("#reden-fout")).ToContainTextAsync($"Vul in waarom het veldwerk eerder start dan gepland ({Date(plannedStart)}).");
        await Expect(page.Locator(".notice-fout a[href='#reden']")).ToBeVisibleAsync();
        await PageChecks.AuditAndSaveAsync(page, "vroege-start-zonder-reden");
        var waves = services.GetRequiredService<WaveStore>();
        Assert.Null((await waves.GetAsync(id))!.Wave.FieldingStartedOn);

        await page.GetByLabel("Waarom start het veldwerk eerder dan gepland?").FillAsync("Het drukwerk was eerder klaar.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, veldwerk starten" }).ClickAsync();
        await page.WaitForURLAsync("**gedaan=veldwerk*");
        var wave = (await waves.GetAsync(id))!.Wave;
        Assert.Equal(("Het drukwerk was eerder klaar.", today), (wave.EarlyStartReason, wave.FieldingStartedOn));
        Assert.Contains(await waves.EventsAsync(id), e => e.What == "veldwerk gestart, 6 dag(en) eerder dan gepland (reden: Het drukwerk was eerder klaar.)");

        // Answers, closing today, the draft: its methodology gives the period as it ran, and the plan.
        var answered = await demo.AnswerAsync(id, 0, 1.0);
        await demo.CloseAsync(id);

        // After the close the fieldwork dashboard reads the frozen counts per day: every answer on its day, none undated.
        await page.GotoAsync($"/beheer/metingen/{id}/veldwerkverloop");
        await Expect(page.Locator("main")).ToContainTextAsync($"Van {Date(today)} tot en met {Date(today)} (gesloten)");
        var cells = await page.Locator("#respons-per-dag tbody tr").Last.Locator("td").AllTextContentsAsync();
        Assert.Equal(answered, cells.Sum(c => int.Parse(System.Text.RegularExpressions.Regex.Match(c, @"^[\d.]+").Value.Replace(".", ""), CultureInfo.InvariantCulture)));
        await Expect(page.Locator("main")).Not.ToContainTextAsync("geen dag");
        await Expect(page.Locator("#advies")).ToHaveCountAsync(0);
        using (var admin = fixture.AppFixture.AdminClient())
        {
            var built = await admin.PostAsync($"/api/waves/{id}/report", null);
            Assert.True(built.IsSuccessStatusCode, await built.Content.ReadAsStringAsync());
        }
        await page.GotoAsync($"/beheer/metingen/{id}/rapportage/voorbeeld?gebied={Slugs.Of(municipality)}");
        await Expect(page.Locator("#methode ~ dl")).ToContainTextAsync(
            $"{Date(today)} tot en met {Date(today)}. Gepland was {Date(plannedStart)} tot en met {Date(plannedEnd)}.");
    }

    private static string Date(DateOnly date) => date.ToString("d MMMM yyyy", Dutch);
}
