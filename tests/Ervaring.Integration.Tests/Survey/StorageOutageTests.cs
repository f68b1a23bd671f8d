using System.Net;
using System.Text.RegularExpressions;
using Ervaring.Functions.Survey;

namespace Ervaring.Integration.Tests.Survey;

/// <summary>
/// Storage goes away while a family submits: they get a clear 503 page that still holds every answer, and
/// sending it again after storage is back stores the response. Azurite persists to disk so it can restart.
/// </summary>
public sealed class StorageOutageTests : OnRestartableStorage
{
    [Fact]
    public async Task A_submit_during_an_outage_gets_a_503_page_with_the_answers_and_succeeds_when_sent_again()
    {
        var scenario = await FieldingScenario.StartAsync(Fixture, clients: 40);
        var token = scenario.First("ouders").Token;
        var answers = await FieldingScenario.AnswersAsync(Fixture, token, variant: 5);
        answers["wat_kan_beter"] = ["Sneller terugbellen <alstublieft> & bedankt"];

        await Azurite.StopAsync();
        using var client = Fixture.App.CreateClient();
        var form = new FormUrlEncodedContent(answers.SelectMany(a => a.Value.Select(v => new KeyValuePair<string, string>(a.Key, v))).Append(new("actie", "verzenden")));
        var down = await client.PostAsync(SurveyLinks.For(token), form);
        var page = await down.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Contains("Probeer het over een paar minuten nog eens", page);
        Assert.DoesNotContain("Exception", page);
        // Every answer is in the form, ready to send again (encoded, never as markup).
        var preserved = Regex.Matches(page, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
            .Select(m => (m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        foreach (var (item, values) in answers)
            foreach (var value in values)
                Assert.Contains((item, value), preserved);
        Assert.DoesNotContain("<alstublieft>", page);

        await Azurite.StartAgainAsync();
        var again = await client.PostAsync(SurveyLinks.For(token), new FormUrlEncodedContent(preserved.Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2))));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("<h1>Bedankt!</h1>", await again.Content.ReadAsStringAsync());
    }
}
