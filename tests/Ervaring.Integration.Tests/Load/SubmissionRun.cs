using System.Diagnostics;
using System.Net;
using Ervaring.Functions.Survey;
using Ervaring.Storage.Responses;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Load;

/// <summary>What one survey submission over HTTP came back with.</summary>
public sealed record Submission(string Token, HttpStatusCode Status, bool ThankYou, bool AlreadyDone, TimeSpan Latency, string Body);

/// <summary>Shared steps of the load and fault runs: complete answers per token, submit them, count what is stored.</summary>
public static class SubmissionRun
{
    /// <summary>A complete valid answer set per token (the questionnaire depends on the audience; fetched once each).</summary>
    public static async Task<Dictionary<string, FormUrlEncodedContentSource>> AnswersAsync(AppFixture fixture, FieldingScenario scenario, int count)
    {
        var perAudience = new Dictionary<string, Ervaring.Core.Surveys.SurveyDefinition>();
        var session = fixture.App.Services.GetRequiredService<Ervaring.Functions.Survey.SurveySession>();
        var forms = new Dictionary<string, FormUrlEncodedContentSource>();
        var variant = 0;
        foreach (var invitation in scenario.Invitations.Take(count))
        {
            if (!perAudience.TryGetValue(invitation.Audience, out var definition))
            {
                var opened = await session.OpenAsync(invitation.Token, null, CancellationToken.None);
                definition = perAudience[invitation.Audience] = opened.Context!.BaseDefinition;
            }
            var answers = FieldingScenario.ValidAnswers(definition, variant++);
            forms[invitation.Token] = new FormUrlEncodedContentSource(
                answers.SelectMany(a => a.Value.Select(v => new KeyValuePair<string, string>(a.Key, v))).Append(new("actie", "verzenden")).ToList());
        }
        return forms;
    }

    public static async Task<Submission> SubmitAsync(HttpClient client, string token, FormUrlEncodedContentSource form)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.PostAsync(SurveyLinks.For(token), form.Content());
        var body = await response.Content.ReadAsStringAsync();
        clock.Stop();
        return new Submission(token, response.StatusCode, body.Contains("<h1>Bedankt!</h1>", StringComparison.Ordinal),
            body.Contains("<h1>Al ingevuld</h1>", StringComparison.Ordinal), clock.Elapsed, body);
    }

    /// <summary>Closes the wave (which moves every completed response into the anonymous store) and counts them there.</summary>
    public static async Task<int> CloseAndCountAsync(AppFixture fixture, string waveId)
    {
        var closed = await fixture.App.Services.GetRequiredService<Ervaring.Functions.Fielding.WaveClosing>().CloseAsync(waveId, "test", CancellationToken.None);
        Assert.True(closed.Succeeded, closed.Problem?.Detail);
        var count = 0;
        await foreach (var _ in fixture.App.Services.GetRequiredService<ResponseStore>().ListAsync(waveId)) count++;
        return count;
    }

    public static TimeSpan Percentile(IEnumerable<TimeSpan> latencies, double p)
    {
        var sorted = latencies.OrderBy(l => l).ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}

/// <summary>Form fields that can be turned into fresh content for every (re)send.</summary>
public sealed record FormUrlEncodedContentSource(IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    public FormUrlEncodedContent Content() => new(Fields);
}
