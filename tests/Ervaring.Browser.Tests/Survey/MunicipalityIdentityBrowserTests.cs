using System.Text.RegularExpressions;
using Ervaring.Browser.Tests.Infrastructure;
using Ervaring.Functions.Survey;
using Microsoft.Playwright;
using static Ervaring.Browser.Tests.Survey.SurveyBrowser;

namespace Ervaring.Browser.Tests.Survey;

/// <summary>Azurite, an app with a configured region (<see cref="RegionScenario.Settings"/>), its region wave, and Chromium.</summary>
public sealed class RegionBrowserFixture : IAsyncLifetime
{
    private readonly AppFixture _app = new();
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public RegionScenario Scenario { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _app.InitializeWith(await AzuriteProcess.StartAsync(), RegionScenario.Settings);
        Scenario = await RegionScenario.StartAsync(_app);
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.App.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = BrowserFixture.Phone, HasTouch = true, IsMobile = true, DeviceScaleFactor = 2,
            Locale = "nl-NL", TimezoneId = "Europe/Amsterdam",
        });
        context.SetDefaultTimeout(BrowserFixture.StepTimeout);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// Issue 15, points 4 and 5, in Chromium on a phone: on every page of both questionnaires the family sees its own
/// municipality (name, a logo that loads, the help line), reaches the privacy statement without a token, and is
/// addressed as "u" (parents) or "je" (young people) throughout; every page passes axe.
/// </summary>
public sealed partial class MunicipalityIdentityBrowserTests(RegionBrowserFixture fixture) : IClassFixture<RegionBrowserFixture>
{
    [Theory]
    [InlineData("ouders")]
    [InlineData("jongeren")]
    public async Task Every_page_of_the_questionnaire_shows_who_is_asking_and_speaks_to_the_reader_as_they_should_be(string audience)
    {
        var invitation = fixture.Scenario.Take(RegionScenario.Eikenburg, audience);
        var page = await fixture.NewPageAsync();
        var name = $"gemeente-{audience}";
        await page.GotoAsync(SurveyLinks.For(invitation.Token));
        await CheckPageAsync(page, audience, $"{name}-welkom");
        await page.GetByRole(AriaRole.Link, new() { Name = "Beginnen" }).ClickAsync();

        var pages = int.Parse((await page.Locator(".progress-text").InnerTextAsync()).Split(' ')[^1]);
        for (var step = 1; step <= pages; step++)
        {
            Assert.Equal(step, await StepAsync(page));
            await CheckPageAsync(page, audience, $"{name}-stap-{step}");
            await AnswerVisibleQuestionsAsync(page);
            await ClickAsync(page, step < pages ? "Volgende" : "Verzenden");
        }
        await Expect(page.Locator("h1")).ToHaveTextAsync("Bedankt!");
        await CheckPageAsync(page, audience, $"{name}-bedankt");
        await page.GotoAsync(SurveyLinks.For(invitation.Token));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Al ingevuld");
        await CheckPageAsync(page, audience, $"{name}-al-ingevuld");

        // Saying no: the question and the answer page are the municipality's too.
        var other = await fixture.NewPageAsync();
        await other.GotoAsync(SurveyLinks.For(fixture.Scenario.Take(RegionScenario.Eikenburg, audience).Token));
        await ClickAsync(other, "Ik wil niet meedoen");
        await CheckPageAsync(other, audience, $"{name}-weigeren");
        await ClickAsync(other, "Ja, ik wil niet meedoen");
        await CheckPageAsync(other, audience, $"{name}-geweigerd");

        // The privacy statement from the page's own link, in a new browser without the link's token or cookies.
        var href = await page.Locator(".privacy-link a").GetAttributeAsync("href");
        Assert.Equal("/privacy/eikenburg" + (audience == "jongeren" ? "?voor=jongeren" : ""), href);
        var statement = await fixture.NewPageAsync();
        var response = await statement.GotoAsync(href!);
        Assert.Equal(200, response!.Status);
        await Expect(statement.Locator("h1")).ToHaveTextAsync("Privacyverklaring Gemeente Eikenburg");
        await Expect(statement.GetByRole(AriaRole.Heading, new() { Name = audience == "jongeren" ? "Wat zijn je rechten?" : "Wat zijn uw rechten?" })).ToBeVisibleAsync();
        await CheckAddressAsync(statement, audience);
        await PageChecks.AuditAndSaveAsync(statement, $"{name}-privacyverklaring");
    }

    [Fact]
    public async Task In_a_region_wave_a_family_of_another_municipality_sees_its_own_and_not_the_first()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(SurveyLinks.For(fixture.Scenario.Take(RegionScenario.Linderveen, "ouders").Token));
        await Expect(page.Locator(".brand-name")).ToHaveTextAsync("Gemeente Linderveen aan de Maas");
        await Expect(page.Locator(".help-line")).ToContainTextAsync("0800 1234");
        Assert.DoesNotContain(RegionScenario.Eikenburg, await page.ContentAsync());
        Assert.Equal(0, await page.Locator("img.brand-logo").CountAsync());
        await PageChecks.AuditAndSaveAsync(page, "gemeente-regio-tweede-gemeente");

        await page.GotoAsync(SurveyLinks.For(fixture.Scenario.Take(RegionScenario.Berkhout, "ouders").Token));
        await Expect(page.Locator(".brand-name")).ToHaveTextAsync("Gemeente Berkhout");
        await Expect(page.Locator(".help-line")).ToHaveCountAsync(0);
        await PageChecks.AuditAndSaveAsync(page, "gemeente-zonder-instellingen");
    }

    [Fact]
    public async Task Before_a_code_is_typed_the_page_names_the_region_and_links_the_general_statement()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/s");
        await Expect(page.Locator(".brand-name")).ToHaveTextAsync(RegionScenario.RegionName);
        await PageChecks.AuditAndSaveAsync(page, "gemeente-code-invullen");
        await page.Locator(".privacy-link a").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Privacyverklaring");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Gemeente Eikenburg" })).ToBeVisibleAsync();
        await PageChecks.AuditAndSaveAsync(page, "gemeente-privacy-overzicht");
    }

    /// <summary>Name, a logo that really loaded, the help line, the privacy link, the right form of address, and axe.</summary>
    private static async Task CheckPageAsync(IPage page, string audience, string name)
    {
        await Expect(page.Locator(".brand-name")).ToHaveTextAsync("Gemeente Eikenburg");
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('img.brand-logo'); return i && i.complete && i.naturalWidth > 0; }");
        await Expect(page.Locator(".help-line")).ToContainTextAsync("14 0555");
        await Expect(page.Locator(".help-line")).ToContainTextAsync("jeugdonderzoek@eikenburg.example");
        await Expect(page.Locator(".privacy-link a")).ToHaveAttributeAsync("href", new Regex("^/privacy/eikenburg"));
        await CheckAddressAsync(page, audience);
        await PageChecks.AuditAndSaveAsync(page, name);
    }

    /// <summary>Young people read "je" and never "u"/"uw" (the page title included); parents read "u".</summary>
    private static async Task CheckAddressAsync(IPage page, string audience)
    {
        var text = await page.Locator("body").InnerTextAsync() + " " + await page.TitleAsync();
        if (audience == "jongeren")
        {
            var polite = Polite().Match(text);
            Assert.False(polite.Success, $"'{polite.Value}' on a young people's page ({page.Url}): …{Around(text, polite.Index)}…");
            Assert.Matches(Informal(), text);
        }
        else Assert.Matches(Polite(), text);
    }

    private static string Around(string text, int index) => text.Substring(Math.Max(0, index - 40), Math.Min(80, text.Length - Math.Max(0, index - 40)));

    [GeneratedRegex(@"\b([Uu]w?)\b")]
    private static partial Regex Polite();

    [GeneratedRegex(@"\b([Jj]e|[Jj]ouw)\b")]
    private static partial Regex Informal();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
