using System.Net.Http.Json;
using System.Text;
using Ervaring.Core.Demo;
using Ervaring.Functions.Survey;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Ervaring.Testing.SamplingApi;

namespace Ervaring.Testing;

/// <summary>A wave in the field, made through the real API, with its invitation links from the mail-merge export.</summary>
public sealed record FieldingScenario(string WaveId, IReadOnlyList<(string Client, string Audience, string Token, string Code)> Invitations)
{
    public static async Task<FieldingScenario> StartAsync(AppFixture fixture, int clients = 300, string? municipality = null, bool census = true, int? questionnaireVersion = null)
    {
        using var client = fixture.AdminClient();
        var place = municipality ?? "Veldstad" + Guid.NewGuid().ToString("N")[..6];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var waveId = await CreateWaveAsync(client, new
        {
            municipalities = new[] { place },
            year = today.Year,
            fieldStart = today.AddDays(-1).ToString("yyyy-MM-dd"),
            fieldEnd = today.AddDays(30).ToString("yyyy-MM-dd"),
            census,
            questionnaireVersion,
        });
        var frame = await PostCsvAsync(client, $"/api/waves/{waveId}/frame?dropInvalid=true", SyntheticRegister.Csv(clients, [place], today.Year, seed: clients, referencePrefix: "F" + Guid.NewGuid().ToString("N")[..8]));
        Assert.True(frame.IsSuccessStatusCode, await frame.Content.ReadAsStringAsync());
        var draw = await client.PostAsJsonAsync($"/api/waves/{waveId}/sample", new { });
        Assert.True(draw.IsSuccessStatusCode, await draw.Content.ReadAsStringAsync());
        var csv = Encoding.UTF8.GetString(await (await client.GetAsync($"/api/waves/{waveId}/invitations.csv")).Content.ReadAsByteArrayAsync());
        var invitations = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(';'))
            .Select(f => (f[0], f[1], f[3].Split("/s/?t=")[1], f[4]))
            .ToList();
        Assert.True(invitations.Count > 0, csv);
        var fielding = await client.PostAsync($"/api/waves/{waveId}/fielding", null);
        Assert.True(fielding.IsSuccessStatusCode, await fielding.Content.ReadAsStringAsync());
        return new FieldingScenario(waveId, invitations);
    }

    public (string Client, string Audience, string Token, string Code) First(string audience) => Invitations.First(i => i.Audience == audience);

    /// <summary>A complete, valid set of answers for the questionnaire, varied by <paramref name="variant"/>.</summary>
    public static async Task<Dictionary<string, IReadOnlyList<string>>> AnswersAsync(AppFixture fixture, string token, int variant = 0)
    {
        var session = fixture.App.Services.GetRequiredService<SurveySession>();
        var opened = await session.OpenAsync(token, null, CancellationToken.None);
        Assert.Equal(LinkState.Open, opened.State);
        return ValidAnswers(opened.Context!.BaseDefinition, variant);
    }

    public static Dictionary<string, IReadOnlyList<string>> ValidAnswers(Ervaring.Core.Surveys.SurveyDefinition definition, int variant)
    {
        var answers = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var item in definition.Items)
        {
            if (item.ShowIf is not null) continue; // routed items stay unanswered
            answers[item.Id] = item.Type switch
            {
                Ervaring.Core.Surveys.ItemType.Agreement => [((variant + item.Id.Length) % 5 + 1).ToString()],
                Ervaring.Core.Surveys.ItemType.Single => [item.Options[variant % item.Options.Count].Code],
                Ervaring.Core.Surveys.ItemType.Multiple => [item.Options[variant % item.Options.Count].Code],
                Ervaring.Core.Surveys.ItemType.Mark => [(variant % 10 + 1).ToString()],
                Ervaring.Core.Surveys.ItemType.Number => [(variant % 20).ToString()],
                _ => [$"antwoord {variant}"],
            };
        }
        return answers;
    }
}
