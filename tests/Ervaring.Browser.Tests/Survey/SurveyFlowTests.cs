using Ervaring.Browser.Tests.Infrastructure;
using Ervaring.Functions.Survey;
using Microsoft.Playwright;
using static Ervaring.Browser.Tests.Survey.SurveyBrowser;

namespace Ervaring.Browser.Tests.Survey;

/// <summary>
/// Families fill in the questionnaire on a phone: with and without JavaScript, pausing and coming back later,
/// and every page passes an axe audit.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SurveyFlowTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("ouders", true)]
    [InlineData("jongeren", true)]
    [InlineData("ouders", false)]
    [InlineData("jongeren", false)]
    public async Task A_family_fills_in_pauses_resumes_and_submits_on_a_phone(string audience, bool javaScript)
    {
        var scenario = await FieldingScenario.StartAsync(fixture.AppFixture, clients: 80);
        var link = SurveyLinks.For(scenario.First(audience).Token);
        var name = $"enquete-{audience}-{(javaScript ? "js" : "zonder-js")}";

        var page = await fixture.NewPageAsync(BrowserFixture.Phone, javaScript);
        await page.GotoAsync(link);
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        if (javaScript) await PageChecks.AuditAndSaveAsync(page, $"{name}-welkom");
        await page.GetByRole(AriaRole.Link, new() { Name = "Beginnen" }).ClickAsync();

        // Two pages answered, the third half-way, then "Opslaan en later verder".
        for (var step = 1; step <= 2; step++)
        {
            Assert.Equal(step, await StepAsync(page));
            if (javaScript) await PageChecks.AuditAndSaveAsync(page, $"{name}-stap-{step}");
            await AnswerVisibleQuestionsAsync(page);
            await ClickAsync(page, "Volgende");
        }
        var firstOnThree = page.Locator(".question").First;
        await firstOnThree.Locator("label.check").Nth(4).ClickAsync();
        await ClickAsync(page, "Opslaan en later verder");
        await Expect(page.GetByText(new System.Text.RegularExpressions.Regex("(Uw|Je) antwoorden zijn opgeslagen"))).ToBeVisibleAsync();
        await page.Context.CloseAsync();

        // Later, on another day and browser: the link opens where the family stopped, with the answer kept.
        var later = await fixture.NewPageAsync(BrowserFixture.Phone, javaScript);
        await later.GotoAsync(link);
        Assert.Equal(3, await StepAsync(later));
        Assert.True(await later.Locator(".question").First.Locator("input").Nth(4).IsCheckedAsync());

        var pages = int.Parse((await later.Locator(".progress-text").InnerTextAsync()).Split(' ')[^1]);
        for (var step = 3; step < pages; step++)
        {
            if (javaScript) await PageChecks.AuditAndSaveAsync(later, $"{name}-stap-{step}");
            await AnswerVisibleQuestionsAsync(later);
            await ClickAsync(later, "Volgende");
        }
        Assert.Equal(pages, await StepAsync(later));
        await AnswerVisibleQuestionsAsync(later);
        if (javaScript) await PageChecks.AuditAndSaveAsync(later, $"{name}-laatste");
        await ClickAsync(later, "Verzenden");
        await Expect(later.Locator("h1")).ToHaveTextAsync("Bedankt!");
        if (javaScript) await PageChecks.AuditAndSaveAsync(later, $"{name}-bedankt");

        // Submitting again (back button, second tab): one response, and a friendly page.
        await later.GotoAsync(link);
        await Expect(later.Locator("h1")).ToHaveTextAsync("Al ingevuld");
        Assert.Equal(0, await later.Locator("form").CountAsync());
    }

    [Fact]
    public async Task A_missing_required_answer_is_shown_next_to_its_question_and_other_answers_stay()
    {
        var scenario = await FieldingScenario.StartAsync(fixture.AppFixture, clients: 40);
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await page.GotoAsync(SurveyLinks.For(scenario.First("ouders").Token, ("pagina", "1")));

        // Answer the optional second question, leave the required first one open.
        var second = page.Locator(".question").Nth(1);
        await second.Locator("label.check").First.ClickAsync();
        await ClickAsync(page, "Volgende");

        Assert.Equal(1, await StepAsync(page));
        var first = page.Locator(".question").First;
        await Expect(first.Locator(".field-error")).ToContainTextAsync("Kies een antwoord");
        var describedBy = await first.Locator("fieldset").GetAttributeAsync("aria-describedby");
        Assert.Contains("-fout", describedBy);
        await Expect(page.Locator(".notice-fout a")).ToHaveCountAsync(1);
        Assert.True(await page.Locator(".question").Nth(1).Locator("input").First.IsCheckedAsync());
        await PageChecks.AuditAndSaveAsync(page, "enquete-fout");
    }

    [Fact]
    public async Task With_javascript_a_routed_question_appears_only_after_the_answer_that_needs_it()
    {
        var scenario = await FieldingScenario.StartAsync(fixture.AppFixture, clients: 40);
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        var token = scenario.First("ouders").Token;
        // The section with "Is de hulp gestopt?" and its follow-up.
        for (var p = 1; p <= 6; p++)
        {
            await page.GotoAsync(SurveyLinks.For(token, ("pagina", $"{p}")));
            if (await page.Locator("[data-toon-als]").CountAsync() > 0 && await page.Locator("[data-toon-als='hulp_gestopt:ja']").CountAsync() > 0) break;
        }
        var followUp = page.Locator("[data-toon-als='hulp_gestopt:ja']");
        await Expect(followUp).ToBeHiddenAsync();
        await page.Locator("#hulp_gestopt-ja").CheckAsync();
        await Expect(followUp).ToBeVisibleAsync();
        await page.Locator("#hulp_gestopt-nee").CheckAsync();
        await Expect(followUp).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_family_can_say_no_and_is_not_asked_again()
    {
        var scenario = await FieldingScenario.StartAsync(fixture.AppFixture, clients: 40);
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        var link = SurveyLinks.For(scenario.First("ouders").Token);
        await page.GotoAsync(link);
        await ClickAsync(page, "Ik wil niet meedoen");
        await PageChecks.AuditAndSaveAsync(page, "enquete-weigeren");
        await ClickAsync(page, "Ja, ik wil niet meedoen");
        await Expect(page.Locator("h1")).ToHaveTextAsync("U doet niet mee");
        await page.GotoAsync(link);
        await Expect(page.Locator("h1")).ToHaveTextAsync("U doet niet mee");
    }

    [Fact]
    public async Task An_unknown_link_and_the_short_code_page_are_helpful_and_accessible()
    {
        var scenario = await FieldingScenario.StartAsync(fixture.AppFixture, clients: 40);
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        var response = await page.GotoAsync(SurveyLinks.For(new string('A', 43)));
        Assert.Equal(404, response!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Deze link werkt niet (meer)");
        await PageChecks.AuditAndSaveAsync(page, "enquete-onbekende-link");

        await page.GetByRole(AriaRole.Link, new() { Name = "Code uit de brief intypen" }).ClickAsync();
        await PageChecks.AuditAndSaveAsync(page, "enquete-code");
        await page.GetByLabel("Code").FillAsync(scenario.First("ouders").Code.ToLowerInvariant().Replace("-", " "));
        await page.GetByRole(AriaRole.Button, new() { Name = "Naar de vragenlijst" }).ClickAsync();
        Assert.Matches(@"/s/\?t=[A-Za-z0-9_-]{43}$", page.Url);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Beginnen" })).ToBeVisibleAsync();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
