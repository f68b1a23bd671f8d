using Ervaring.Browser.Tests.Infrastructure;
using Ervaring.Core.Surveys;
using Ervaring.Functions.Survey;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ervaring.Browser.Tests.Survey;

/// <summary>
/// Questionnaire v2 on a phone, in Dutch, Arabic (right to left, checked on the layout) and Tigrinya (Ethiopic glyphs
/// drawn by a real font), with and without JavaScript: the weeks of waiting, the turning-18 question and the wording for
/// a family under jeugdbescherming. Every page passes axe with our script and as a browser without scripts sees it
/// (axe itself must run as a script, so that run blocks every page script instead of switching JavaScript off; the
/// run with JavaScript really off walks the same pages without axe).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SurveyVersion2BrowserTests(BrowserFixture fixture)
{
    private async Task<(string Token, SurveyContext Survey)> ParentsAsync(FieldingScenario scenario, Func<SurveyContext, bool> fits)
    {
        var session = fixture.App.Services.GetRequiredService<SurveySession>();
        foreach (var invitation in scenario.Invitations.Where(i => i.Audience == "ouders"))
        {
            var opened = await session.OpenAsync(invitation.Token, null, CancellationToken.None);
            if (opened.Context is { } survey && fits(survey)) return (invitation.Token, survey);
        }
        throw new InvalidOperationException("no parents' invitation that fits in this scenario");
    }

    private static Task ClickActionAsync(IPage page, string action) => page.Locator($"button[name='actie'][value='{action}']").ClickAsync();

    private static async Task AnswerPageAsync(IPage page)
    {
        var questions = page.Locator(".question");
        for (var i = 0; i < await questions.CountAsync(); i++)
        {
            var question = questions.Nth(i);
            if (!await question.IsVisibleAsync()) continue;
            if (await question.Locator("textarea").CountAsync() > 0) { await question.Locator("textarea").FillAsync("Goed geholpen."); continue; }
            if (await question.Locator(".number-input").CountAsync() > 0) { await question.Locator(".number-input").FillAsync("9"); continue; }
            var labels = question.Locator("label.check");
            await labels.Nth(Math.Min(3, await labels.CountAsync() - 1)).ClickAsync();
        }
    }

    public enum Scripts { On, Off, Blocked }

    [Theory]
    [InlineData("nl", Scripts.On)]
    [InlineData("nl", Scripts.Off)]
    [InlineData("nl", Scripts.Blocked)]
    [InlineData("ar", Scripts.On)]
    [InlineData("ar", Scripts.Off)]
    [InlineData("ar", Scripts.Blocked)]
    [InlineData("ti", Scripts.On)]
    [InlineData("ti", Scripts.Off)]
    [InlineData("ti", Scripts.Blocked)]
    public async Task A_parent_completes_questionnaire_2_on_a_phone(string language, Scripts scripts)
    {
        var javaScript = scripts != Scripts.Off; // the browser runs scripts: axe can run
        var readAloud = scripts == Scripts.On; // our own script ran and added its button
        var scenario = await FieldingScenario.StartAsync(fixture.AppFixture, clients: 160, questionnaireVersion: 2);
        var (token, survey) = await ParentsAsync(scenario, s => s.Frame is { CareType: "ambulant", AgeGroup: RespondentFrame.AgeGroups.From16To17 });
        var definition = survey.BaseDefinition;
        var words = definition.PageTexts(language);
        string Word(string key, string dutch) => language == "nl" ? dutch : words[key];
        var name = $"v2-{language}-{scripts}";

        var page = await fixture.NewPageAsync(BrowserFixture.Phone, javaScript);
        if (scripts == Scripts.Blocked) await page.RouteAsync("**/*.js", route => route.AbortAsync());
        await page.GotoAsync(language == "nl" ? SurveyLinks.For(token) : SurveyLinks.For(token, ("taal", language)));
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal(language == "ar" ? "rtl" : "ltr", await page.Locator("html").GetAttributeAsync("dir"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(definition.InLanguage(language).Title);
        // Every page has the language menu; "Lees voor" appears only with JavaScript (the script adds it).
        await Expect(page.Locator("nav.languages a")).ToHaveCountAsync(definition.Languages.Count);
        await Expect(page.Locator(".read-aloud button")).ToHaveCountAsync(readAloud ? 1 : 0);
        if (javaScript) await PageChecks.AuditAndSaveAsync(page, $"{name}-welkom");
        await page.Locator(".actions a.button").ClickAsync();

        var pages = definition.Sections.Count;
        for (var step = 1; step <= pages; step++)
        {
            await Expect(page.Locator(".progress-text")).ToContainTextAsync(step.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Expect(page.Locator("nav.languages a")).ToHaveCountAsync(definition.Languages.Count);
            var section = definition.Sections[step - 1];
            if (section.Id == "start")
            {
                // The waiting question: a number out of range gets the message in the page's language, then a good one.
                await page.Locator("#toegang_wachten-getal").FillAsync("200");
                await ClickActionAsync(page, "volgende");
                await Expect(page.Locator("#vraag-toegang_wachten .field-error")).ToContainTextAsync(
                    string.Format(System.Globalization.CultureInfo.InvariantCulture, Word("enterNumber", "Vul een heel getal van {0} tot en met {1} in, of kies 'Weet ik niet'."), 0, 104));
                if (javaScript) await PageChecks.AuditAndSaveAsync(page, $"{name}-wachten-fout");
                await Expect(page.Locator("#vraag-maatregel_uitleg")).ToHaveCountAsync(0);
                if (language == "ar") await AssertRightToLeftAsync(page);
                if (language == "ti" && javaScript) await AssertEthiopicGlyphsAsync(page);
            }
            if (section.Id == "samenwerking") await Expect(page.Locator("#vraag-na_18")).ToBeVisibleAsync(); // a 16- or 17-year-old
            if (javaScript) await PageChecks.AuditAndSaveAsync(page, $"{name}-stap-{step}");
            await AnswerPageAsync(page);
            await ClickActionAsync(page, step < pages ? "volgende" : "verzenden");
        }
        await Expect(page.Locator("h1")).ToHaveTextAsync(Word("thankYouTitle", "Bedankt!"));
        Assert.Equal(language == "ar" ? "rtl" : "ltr", await page.Locator("html").GetAttributeAsync("dir"));
        if (javaScript) await PageChecks.AuditAndSaveAsync(page, $"{name}-bedankt");

        var stored = await fixture.App.Services.GetRequiredService<SurveySession>().OpenAsync(token, null, CancellationToken.None);
        Assert.Equal(LinkState.Completed, stored.State);
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("ar")]
    [InlineData("ti")]
    public async Task A_family_under_jeugdbescherming_reads_the_wording_for_help_they_did_not_ask_for(string language)
    {
        var scenario = await FieldingScenario.StartAsync(fixture.AppFixture, clients: 160, questionnaireVersion: 2);
        var (token, survey) = await ParentsAsync(scenario, s => s.Frame.CareType is "jeugdbescherming" or "jeugdreclassering");
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);

        await page.GotoAsync(SurveyLinks.For(token, ("pagina", "2"), ("taal", language == "nl" ? null : language)));

        var translated = survey.BaseDefinition.InLanguage(language);
        await Expect(page.Locator("#vraag-maatregel_uitleg legend")).ToHaveTextAsync(translated.FindItem("maatregel_uitleg")!.Text);
        await Expect(page.Locator("#vraag-toegang_serieus")).ToHaveCountAsync(0); // "Toen ik om hulp vroeg" does not fit
        await Expect(page.Locator("#vraag-toegang_wachten")).ToHaveCountAsync(0);
        await PageChecks.AuditAndSaveAsync(page, $"v2-{language}-jeugdbescherming");
    }

    /// <summary>Mirrored, not only marked: each radio stands to the right of its label text, and the bar starts on the right.</summary>
    private static async Task AssertRightToLeftAsync(IPage page)
    {
        var option = page.Locator("#vraag-toegang_snel label.check").First;
        var radio = await option.Locator("input").BoundingBoxAsync();
        var text = await option.Locator("span").BoundingBoxAsync();
        Assert.True(radio!.X > text!.X + text.Width - 1, $"radio at {radio.X}, its label text from {text.X} to {text.X + text.Width}");
        var heading = await page.Locator("h1").BoundingBoxAsync();
        var main = await page.Locator("main").BoundingBoxAsync();
        Assert.True(main!.X + main.Width - (heading!.X + heading.Width) < 40, "the heading starts at the right edge of the page");
        Assert.Equal("rtl", await page.Locator("progress").EvaluateAsync<string>("e => getComputedStyle(e).direction"));
    }

    /// <summary>The Ethiopic text is drawn with an Ethiopic font: it has width, and not the width of the fallback's boxes.</summary>
    private static async Task AssertEthiopicGlyphsAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<double[]>(@"() => {
            const text = document.querySelector('h1').textContent;
            const context = document.createElement('canvas').getContext('2d');
            context.font = '20px ""Abyssinica SIL""'; const ethiopic = context.measureText(text).width;
            context.font = '20px ""No Such Font Anywhere""'; const fallback = context.measureText(text).width;
            return [ethiopic, fallback, document.querySelector('h1').getBoundingClientRect().width];
        }");
        Assert.True(widths[0] > 0 && widths[2] > 0, $"widths {string.Join(", ", widths)}");
        Assert.NotEqual(widths[1], widths[0]);
        Assert.Contains("Abyssinica SIL", await page.Locator("h1").EvaluateAsync<string>("e => getComputedStyle(e).fontFamily"));
    }
}
