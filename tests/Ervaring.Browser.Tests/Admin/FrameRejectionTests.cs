using System.Text;
using Ervaring.Browser.Tests.Infrastructure;
using Ervaring.Core.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ervaring.Browser.Tests.Admin;

/// <summary>A frame with a bad row is refused whole, with the line and the reason, unless the officer accepts dropping it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FrameRejectionTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_bad_row_is_shown_with_its_line_and_reason_and_nothing_is_stored()
    {
        var page = await fixture.NewPageAsync();
        await AdminSession.SignInAsync(page);
        await AdminSession.CreateWaveAsync(page, "Foutdorp");

        // Line 1 is the header; line 4 gets a birth year that is not a number.
        var lines = SyntheticRegister.Lines(50, ["Foutdorp"], 2026, seed: 3, referencePrefix: "FD").ToList();
        var fields = lines[3].Split(';');
        fields[1] = "negentien";
        lines[3] = string.Join(';', fields);
        var csv = Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

        await AdminSession.UploadFrameAsync(page, csv);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Steekproefkader afgewezen");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("1 van de 50 regels zijn afgekeurd. Er is niets opgeslagen.");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("'Afgekeurde regels bewust weglaten'");
        var rejected = page.Locator("#afgekeurde-regels tbody tr");
        await Expect(rejected).ToHaveCountAsync(1);
        await Expect(rejected.Locator("td").Nth(0)).ToHaveTextAsync("4");
        await Expect(rejected.Locator("td").Nth(1)).ToContainTextAsync("geboortejaar");
        Assert.False(string.IsNullOrWhiteSpace(await rejected.Locator("td").Nth(2).InnerTextAsync()));
        await Expect(page.GetByText("Er is nog geen steekproefkader ingelezen.")).ToBeVisibleAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("concept");
        await PageChecks.AuditAndSaveAsync(page, "kader-afgewezen");

        // The same file, with the bad row knowingly left out.
        await AdminSession.UploadFrameAsync(page, csv, dropInvalid: true);
        await Expect(page.GetByText("50 regels gelezen: 49 goedgekeurd, 1 afgekeurd en bewust weggelaten")).ToBeVisibleAsync();
        await Expect(page.Locator("#afgekeurde-regels tbody tr")).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }
}
