using System.Net;
using System.Net.Http.Json;
using Ervaring.Functions.Survey;
using Ervaring.Storage.Responses;
using Ervaring.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Survey;

/// <summary>
/// Questionnaire version 2 over HTTP: a wave chooses it, each family sees the questions that fit what the frame
/// says about them (care type, age around 18), and the weeks of waiting are checked with a Dutch message.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SurveyVersion2HttpTests(AppFixture fixture)
{
    private static FormUrlEncodedContent Form(string action, string page, params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("actie", action)).Append(new("pagina", page)));

    /// <summary>The first parents' invitation whose care type matches, with its opened context.</summary>
    private async Task<(string Token, SurveyContext Survey)> ParentsWithCareAsync(FieldingScenario scenario, Func<string, bool> careType)
    {
        var session = fixture.App.Services.GetRequiredService<SurveySession>();
        foreach (var invitation in scenario.Invitations.Where(i => i.Audience == "ouders"))
        {
            var opened = await session.OpenAsync(invitation.Token, null, CancellationToken.None);
            if (opened.Context is { } survey && careType(survey.Open.Invitation.CareType)) return (invitation.Token, survey);
        }
        throw new InvalidOperationException("no such invitation in the scenario");
    }

    [Fact]
    public async Task A_wave_that_chooses_version_2_asks_its_questions_and_an_unknown_version_is_refused_in_Dutch()
    {
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 80, questionnaireVersion: 2);
        var (_, survey) = await ParentsWithCareAsync(scenario, _ => true);
        Assert.Equal(2, survey.BaseDefinition.Version);

        using var admin = fixture.AdminClient();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var refused = await admin.PostAsJsonAsync("/api/waves", new
        {
            municipalities = new[] { "Versiestad" + Guid.NewGuid().ToString("N")[..6] },
            year = today.Year,
            fieldStart = today.ToString("yyyy-MM-dd"),
            fieldEnd = today.AddDays(30).ToString("yyyy-MM-dd"),
            questionnaireVersion = 3,
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Er is geen versie 3 van de vragenlijst", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_family_under_jeugdbescherming_gets_the_wording_for_help_they_did_not_ask_for()
    {
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 120, questionnaireVersion: 2);
        var (protectedToken, _) = await ParentsWithCareAsync(scenario, c => c is "jeugdbescherming" or "jeugdreclassering");
        var (otherToken, _) = await ParentsWithCareAsync(scenario, c => c is "ambulant");
        using var client = fixture.App.CreateClient();

        var protectedPage = await client.GetStringAsync(SurveyLinks.For(protectedToken, ("pagina", "2")));
        Assert.Contains("name=\"maatregel_uitleg\"", protectedPage);
        Assert.DoesNotContain("name=\"toegang_serieus\"", protectedPage);
        Assert.DoesNotContain("name=\"toegang_wachten\"", protectedPage);

        var otherPage = await client.GetStringAsync(SurveyLinks.For(otherToken, ("pagina", "2")));
        Assert.Contains("name=\"toegang_serieus\"", otherPage);
        Assert.Contains("name=\"toegang_wachten\"", otherPage);
        Assert.DoesNotContain("name=\"maatregel_uitleg\"", otherPage);

        // Sent twice at once, with an answer to a question this family is not asked: one response, without that answer.
        var posts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => client.PostAsync(SurveyLinks.For(protectedToken),
            Form("verzenden", "0", ("invuller", "ouder"), ("maatregel_uitleg", "4"), ("toegang_serieus", "5")))));
        var bodies = await Task.WhenAll(posts.Select(p => p.Content.ReadAsStringAsync()));
        Assert.All(posts, p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));
        Assert.Single(bodies, b => b.Contains("<h1>Bedankt!</h1>", StringComparison.Ordinal));
        Assert.Single(bodies, b => b.Contains("<h1>Al ingevuld</h1>", StringComparison.Ordinal));

        await fixture.App.Services.GetRequiredService<Ervaring.Functions.Fielding.WaveClosing>().CloseAsync(scenario.WaveId, "test", CancellationToken.None);
        var stored = new List<AnonymousResponse>();
        await foreach (var r in fixture.App.Services.GetRequiredService<ResponseStore>().ListAsync(scenario.WaveId)) stored.Add(r);
        var response = Assert.Single(stored);
        Assert.Equal(2, response.DefinitionVersion);
        Assert.Equal(["4"], response.Answers["maatregel_uitleg"]);
        Assert.False(response.Answers.ContainsKey("toegang_serieus"));
    }

    [Fact]
    public async Task Weeks_of_waiting_out_of_range_get_a_Dutch_message_and_nothing_is_stored()
    {
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 120, questionnaireVersion: 2);
        var (token, _) = await ParentsWithCareAsync(scenario, c => c is "ambulant");
        using var client = fixture.App.CreateClient(followRedirects: false);

        var wrong = await client.PostAsync(SurveyLinks.For(token), Form("volgende", "2", ("toegang_wachten", "200")));
        var html = await wrong.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("Vul een heel getal van 0 tot en met 104 in, of kies &#x27;Weet ik niet&#x27;.", html);
        Assert.Contains("value=\"200\"", html); // what was typed comes back, to correct it
        var session = fixture.App.Services.GetRequiredService<SurveySession>();
        var draft = (await session.OpenAsync(token, null, CancellationToken.None)).Context!.Open.Draft;
        Assert.False(draft.ContainsKey("toegang_wachten"));

        // "Weet ik niet" and a number at once is one clear message, not a stored guess.
        var both = await client.PostAsync(SurveyLinks.For(token), Form("volgende", "2", ("toegang_wachten", "8"), ("toegang_wachten", "wn")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, both.StatusCode);

        var saves = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => client.PostAsync(SurveyLinks.For(token), Form("volgende", "2", ("toegang_wachten", "08")))));
        Assert.All(saves, s => Assert.Equal(HttpStatusCode.Redirect, s.StatusCode));
        draft = (await session.OpenAsync(token, null, CancellationToken.None)).Context!.Open.Draft;
        Assert.Equal(["8"], draft["toegang_wachten"]);
    }

    [Fact]
    public async Task A_family_answering_in_Arabic_keeps_its_language_and_the_officer_sees_it_counted()
    {
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 120, questionnaireVersion: 2);
        var (token, _) = await ParentsWithCareAsync(scenario, c => c is "ambulant");
        using var family = fixture.App.CreateClient();

        // Choosing Arabic on the link: the page is Arabic, right to left, and the choice is remembered for the next visit.
        var arabic = await family.GetAsync(SurveyLinks.For(token, ("taal", "ar")));
        var html = await arabic.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", html);
        var cookie = Assert.Single(arabic.Headers.GetValues("Set-Cookie"), c => c.StartsWith(SurveyFunctions.LanguageCookie + "=ar", StringComparison.Ordinal));
        Assert.Contains("path=/s", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        using var again = new HttpRequestMessage(HttpMethod.Get, SurveyLinks.For(token));
        again.Headers.Add("Cookie", $"{SurveyFunctions.LanguageCookie}=ar");
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", await (await family.SendAsync(again)).Content.ReadAsStringAsync());

        // A made-up language is not taken over: Dutch.
        Assert.Contains("<html lang=\"nl\" dir=\"ltr\">", await family.GetStringAsync(SurveyLinks.For(token, ("taal", "xx\"><script>"))));

        var sent = await family.PostAsync(SurveyLinks.For(token), Form("verzenden", "0", ("invuller", "ouder"), ("taal", "ar")));
        var thanks = WebUtility.HtmlDecode(await sent.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("<h1>شكرًا لك!</h1>", thanks);

        using var officer = fixture.App.CreateClient(followRedirects: false);
        await AdminPageSignIn.SignInAsync(officer, AppFixture.AdminKey);
        var wavePage = await officer.GetStringAsync($"/beheer/metingen/{scenario.WaveId}");
        Assert.Matches(@"<th scope=""row"">Arabisch</th><td class=""num"">1</td>", wavePage);
    }

    [Fact]
    public void The_page_words_a_translation_must_give_are_exactly_the_words_the_survey_pages_use()
    {
        var constructor = typeof(Ervaring.Functions.Pages.Survey.SurveyText).GetConstructors().Single(c => c.GetParameters().Length > 1);
        var pageWords = constructor.GetParameters().Select(p => Ervaring.Functions.Pages.Survey.SurveyText.PageKey(p.Name!));
        var errors = Ervaring.Core.Surveys.SurveyPageTexts.ErrorKeys.Values.Append("enterNumber");

        Assert.Equal(pageWords.Concat(errors).Order(StringComparer.Ordinal), Ervaring.Core.Surveys.SurveyPageTexts.Keys.Order(StringComparer.Ordinal));
    }
}
