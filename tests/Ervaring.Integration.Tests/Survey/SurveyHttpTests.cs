using System.Net;
using System.Text.RegularExpressions;
using Ervaring.Functions.Survey;
using Ervaring.Storage.Responses;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Ervaring.Integration.Tests.Survey;

/// <summary>The survey over HTTP as the contract describes it: form fields by item id, actie=opslaan|verzenden.</summary>
[Collection(AppCollection.Name)]
public sealed class SurveyHttpTests(AppFixture fixture, ITestOutputHelper output)
{
    private static FormUrlEncodedContent Form(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> answers, string action, params (string, string)[] extra) =>
        new(answers.SelectMany(a => a.Value.Select(v => new KeyValuePair<string, string>(a.Key, v)))
            .Append(new("actie", action))
            .Concat(extra.Select(e => new KeyValuePair<string, string>(e.Item1, e.Item2))));

    [Fact]
    public async Task Fifty_concurrent_http_submits_of_one_token_give_one_response_and_friendly_pages()
    {
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 40);
        var token = scenario.First("ouders").Token;
        var answers = await FieldingScenario.AnswersAsync(fixture, token, variant: 7);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var client = fixture.App.CreateClient();
            var response = await client.PostAsync(SurveyLinks.For(token), Form(answers, "verzenden"));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(responses, r => r.Body.Contains("<h1>Bedankt!</h1>", StringComparison.Ordinal));
        Assert.Equal(49, responses.Count(r => r.Body.Contains("<h1>Al ingevuld</h1>", StringComparison.Ordinal)));

        await fixture.App.Services.GetRequiredService<Ervaring.Functions.Fielding.WaveClosing>().CloseAsync(scenario.WaveId, "test", CancellationToken.None);
        var stored = new List<AnonymousResponse>();
        await foreach (var r in fixture.App.Services.GetRequiredService<ResponseStore>().ListAsync(scenario.WaveId)) stored.Add(r);
        Assert.Single(stored);
    }

    [Fact]
    public async Task Links_the_app_issues_carry_the_token_in_the_query_and_the_path_form_works_too()
    {
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 40);
        var token = scenario.First("ouders").Token;
        using var client = fixture.App.CreateClient(followRedirects: false);

        // The issue's path form opens the same survey (a link typed by hand); an unknown one gets the help page.
        var pathForm = await client.GetAsync("/s/" + token);
        Assert.Equal(HttpStatusCode.OK, pathForm.StatusCode);
        var pathPage = await pathForm.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Deze link werkt niet (meer)", pathPage);
        Assert.Contains($"href=\"/s/?t={token}&amp;pagina=1\"", pathPage); // and from there on the query form
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/s/" + new string('Q', 43))).StatusCode);

        // Every link and form the survey pages emit keeps the token in the query (the host's telemetry strips it there).
        var html = await client.GetStringAsync(SurveyLinks.For(token));
        var withToken = Regex.Matches(html, "(?:href|action)=\"([^\"]*" + Regex.Escape(token) + "[^\"]*)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(withToken);
        Assert.All(withToken, url => Assert.StartsWith($"/s/?t={token}", url));
        var next = await client.PostAsync(SurveyLinks.For(token), Form(new Dictionary<string, IReadOnlyList<string>>(), "volgende", ("pagina", "0")));
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith($"/s/?t={token}&pagina=1", next.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_validation_error_keeps_every_answer_and_names_the_problem_next_to_its_item()
    {
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 40);
        var token = scenario.First("ouders").Token;
        var answers = await FieldingScenario.AnswersAsync(fixture, token, variant: 2);
        answers.Remove("invuller");                 // required, left open
        answers["rapportcijfer"] = ["11"];           // out of range
        using var client = fixture.App.CreateClient();

        var response = await client.PostAsync(SurveyLinks.For(token), Form(answers, "verzenden"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("id=\"invuller-fout\"", html);
        Assert.Contains("Kies een antwoord.", html);
        // The page with the first problem is shown, and what was posted for its questions is still selected.
        Assert.Matches(new Regex("id=\"hulp_plek-[a-z_]+\"[^>]*checked"), html);
        // Nothing was completed.
        using var again = fixture.App.CreateClient();
        Assert.DoesNotContain("Al ingevuld", await again.GetStringAsync(SurveyLinks.For(token)));
    }

    [Fact]
    public async Task Saving_and_coming_back_continues_with_the_saved_answers()
    {
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 40);
        var token = scenario.First("ouders").Token;
        using var client = fixture.App.CreateClient();
        var save = await client.PostAsync(SurveyLinks.For(token), Form(
            [new("toegang_vinden", ["4"]), new("toegang_snel", ["2"])], "opslaan", ("pagina", "2")));
        Assert.Equal(HttpStatusCode.OK, save.StatusCode);
        Assert.Contains("Uw antwoorden zijn opgeslagen", await save.Content.ReadAsStringAsync());

        using var later = fixture.App.CreateClient();
        var html = await later.GetStringAsync(SurveyLinks.For(token));
        // Page 1 has a required question still open, so the link opens there; page 2 keeps its answers.
        Assert.Contains("Stap 1 van", html);
        var page2 = await later.GetStringAsync(SurveyLinks.For(token, ("pagina", "2")));
        Assert.Matches(new Regex("id=\"toegang_vinden-4\"[^>]*checked"), page2);
        Assert.Matches(new Regex("id=\"toegang_snel-2\"[^>]*checked"), page2);
    }

    [Fact]
    public async Task Unknown_and_closed_links_look_the_same_and_failed_lookups_are_rate_limited()
    {
        await using var app = await AppInstance.StartAsync(fixture.Azurite.ConnectionString, new Dictionary<string, string?>(AppFixture.DefaultSettings) { ["Ervaring:Survey:MaxFailedLookups"] = "5" });
        using var client = app.CreateClient();
        var unknown = await client.GetAsync(SurveyLinks.For(new string('B', 43)));
        var malformed = await client.GetAsync(SurveyLinks.For("kort"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        Assert.Equal(Strip(await unknown.Content.ReadAsStringAsync()), Strip(await malformed.Content.ReadAsStringAsync()));
        for (var i = 0; i < 3; i++) await client.GetAsync(SurveyLinks.For($"{new string('C', 42)}{i}"));
        var blocked = await client.GetAsync(SurveyLinks.For(new string('D', 43)));
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Contains("Te veel pogingen", await blocked.Content.ReadAsStringAsync());
        var code = await client.PostAsync("/s", new FormUrlEncodedContent([new("code", "ABCD-EFGH-JKMN")]));
        Assert.Equal(HttpStatusCode.TooManyRequests, code.StatusCode);

        static string Strip(string html) => Regex.Replace(html, "/s/[^\"]*", "");
    }

    [Fact]
    public async Task An_officer_enters_a_paper_questionnaire_and_its_mode_is_recorded()
    {
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 40);
        var invitation = scenario.First("ouders");
        var answers = await FieldingScenario.AnswersAsync(fixture, invitation.Token, variant: 1);

        // Without sign-in, paper mode is refused.
        using var anonymous = fixture.App.CreateClient();
        var refused = await anonymous.PostAsync(SurveyLinks.For(invitation.Token), Form(answers, "verzenden", ("modus", "papier")));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var officer = fixture.App.CreateClient(followRedirects: false);
        var login = await AdminPageSignIn.SignInAsync(officer, AppFixture.ResearcherKey);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var page = await officer.GetStringAsync(SurveyLinks.For(invitation.Token, ("modus", "papier"), ("pagina", "1")));
        Assert.Contains("papier-vragenlijst", page);
        var formToken = AdminPageSignIn.FormToken(page);
        var entered = await officer.PostAsync(SurveyLinks.For(invitation.Token), Form(answers, "verzenden", ("modus", "papier"), ("__RequestVerificationToken", formToken)));
        Assert.Contains("Bedankt!", await entered.Content.ReadAsStringAsync());

        await fixture.App.Services.GetRequiredService<Ervaring.Functions.Fielding.WaveClosing>().CloseAsync(scenario.WaveId, "test", CancellationToken.None);
        await foreach (var r in fixture.App.Services.GetRequiredService<ResponseStore>().ListAsync(scenario.WaveId))
            Assert.Equal(ResponseModes.Paper, r.Mode);
    }

    [Fact]
    public async Task The_survey_page_weighs_under_50_KB_over_the_wire()
    {
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 40);
        var token = scenario.First("ouders").Token;
        using var client = fixture.App.CreateClient();
        var heaviest = 0L;
        for (var page = 0; page <= 6; page++)
        {
            var html = await client.GetByteArrayAsync(SurveyLinks.For(token, ("pagina", $"{page}")));
            var text = System.Text.Encoding.UTF8.GetString(html);
            var assets = Regex.Matches(text, "(?:href|src)=\"(/assets/[^\"]+)\"").Select(m => m.Groups[1].Value).Distinct();
            long total = html.Length;
            foreach (var asset in assets) total += (await client.GetByteArrayAsync(asset)).Length;
            output.WriteLine($"page {page}: {html.Length} B HTML, {total} B with CSS/JS");
            heaviest = Math.Max(heaviest, total);
        }
        output.WriteLine($"heaviest survey page: {heaviest / 1024.0:F1} KB uncompressed");
        Assert.True(heaviest < 50 * 1024, $"{heaviest} bytes");
    }
}
