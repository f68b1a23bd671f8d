using Ervaring.Browser.Tests.Infrastructure;
using Ervaring.Core.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ervaring.Browser.Tests.Admin;

/// <summary>The pages are plain HTML forms: everything works with JavaScript switched off.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NoJavaScriptTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Sign_in_create_upload_and_draw_work_without_javascript()
    {
        var page = await fixture.NewPageAsync(javaScript: false);
        await AdminSession.SignInAsync(page);
        await AdminSession.CreateWaveAsync(page, "Zonderscript");
        await AdminSession.UploadFrameAsync(page, SyntheticRegister.Csv(400, ["Zonderscript"], 2026, seed: 5, referencePrefix: "ZS"));
        await Expect(page.GetByText("400 regels gelezen: 400 goedgekeurd, 0 afgekeurd")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Steekproef trekken" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("steekproef getrokken");
        // The strata table is folded away (issue 20); unfolding a <details> needs no script.
        await page.Locator("summary", new() { HasText = "Trekking per laag" }).ClickAsync();
        await Expect(page.Locator("#strata-tabel")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
