using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ervaring.Core.Demo;
using Ervaring.Core.Surveys;
using Ervaring.Functions.Reports;
using Ervaring.Functions.Survey;
using Ervaring.Storage.Invitations;
using Ervaring.Storage.Responses;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Concurrency;

/// <summary>
/// Prepares waves through the real API for the concurrency suite, two at a time when needed: the twin that gets
/// one request and the wave that gets the burst, alike in everything but their municipality (one wave per
/// municipality and year) and their client references (so one's contacts never exclude the other's clients).
/// </summary>
public sealed class Officer(AppFixture fixture) : IDisposable
{
    public HttpClient Client { get; } = Burst.AdminClient(fixture);
    public AppFixture Fixture => fixture;
    public string Storage => fixture.Azurite.ConnectionString;

    public static string Place(string stem) => stem + Guid.NewGuid().ToString("N")[..6];

    public static object WaveBody(string place, int year, bool census) => new
    {
        municipalities = new[] { place },
        year,
        fieldStart = $"{year}-03-01",
        fieldEnd = $"{year}-04-15",
        census,
    };

    public static byte[] Frame(string place, int clients, int year, int seed = 17) =>
        SyntheticRegister.Csv(clients, [place], year, seed, referencePrefix: "C" + Guid.NewGuid().ToString("N")[..8]);

    public async Task<string> CreateAsync(string place, int year = 2026, bool census = true)
    {
        var response = await Client.PostAsJsonAsync("/api/waves", WaveBody(place, year, census));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> ImportAsync(string waveId, byte[] csv)
    {
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        var response = await Client.PostAsync($"/api/waves/{waveId}/frame?dropInvalid=true", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A draft wave with its frame imported.</summary>
    public async Task<string> FramedAsync(string place, int clients, bool census = true, int year = 2026)
    {
        var id = await CreateAsync(place, year, census);
        await ImportAsync(id, Frame(place, clients, year));
        return id;
    }

    public async Task<JsonElement> DrawAsync(string waveId, object? body = null)
    {
        var response = await Client.PostAsJsonAsync($"/api/waves/{waveId}/sample", body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<string> SampledAsync(string place, int clients, bool census = true)
    {
        var id = await FramedAsync(place, clients, census);
        await DrawAsync(id);
        return id;
    }

    /// <summary>A census wave in the field (this year's field period) with its invitation links.</summary>
    public Task<FieldingScenario> FieldingAsync(string place, int clients) => FieldingScenario.StartAsync(fixture, clients, place, census: true);

    /// <summary>Answers (through the survey session) about <paramref name="share"/> of the invitations; returns how many.</summary>
    public async Task<int> AnswerAsync(FieldingScenario scenario, double share, int seed = 3)
    {
        var session = fixture.App.Services.GetRequiredService<SurveySession>();
        var random = new Random(seed);
        var answered = 0;
        foreach (var invitation in scenario.Invitations.OrderBy(i => i.Client, StringComparer.Ordinal).ThenBy(i => i.Audience, StringComparer.Ordinal))
        {
            if (random.NextDouble() > share) continue;
            var opened = await session.OpenAsync(invitation.Token, null, CancellationToken.None);
            var definition = opened.Context!.BaseDefinition;
            var answers = SyntheticRespondents.Answers(definition, "ambulant", 0, random);
            var result = await session.SubmitAsync(opened.Context, answers, definition.Items.Select(i => i.Id).ToList(), ResponseModes.Web, CancellationToken.None);
            Assert.Equal(SubmitOutcome.Completed, result.Outcome);
            answered++;
        }
        return answered;
    }

    public async Task CloseAsync(string waveId)
    {
        var response = await Client.PostAsync($"/api/waves/{waveId}/close", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A closed census wave where most families answered, ready for the report.</summary>
    public async Task<string> ClosedAsync(string place, int clients = 120)
    {
        var scenario = await FieldingAsync(place, clients);
        await AnswerAsync(scenario, 0.8);
        await CloseAsync(scenario.WaveId);
        return scenario.WaveId;
    }

    public async Task PublishAsync(string waveId, string? correction = null)
    {
        var response = await Client.PostAsJsonAsync($"/api/waves/{waveId}/publish", new { correction });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonElement> WaveAsync(string waveId) => JsonDocument.Parse(await Client.GetStringAsync($"/api/waves/{waveId}")).RootElement.Clone();

    public async Task<int> InvitationCountAsync(string waveId)
    {
        var count = 0;
        await foreach (var _ in fixture.App.Services.GetRequiredService<InvitationStore>().ListAsync(waveId)) count++;
        return count;
    }

    /// <summary>Responses in the anonymous store, counted straight from the table.</summary>
    public async Task<int> ResponseCountAsync(string waveId) =>
        await new Azure.Data.Tables.TableClient(fixture.Azurite.ConnectionString, Ervaring.Storage.StorageNames.Tables.Responses)
            .QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == waveId, select: ["RowKey"]).CountAsync();

    /// <summary>The mail-merge export's data lines.</summary>
    public async Task<IReadOnlyList<string>> ExportAsync(string waveId)
    {
        var text = Encoding.UTF8.GetString(await Client.GetByteArrayAsync($"/api/waves/{waveId}/invitations.csv"));
        return text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
    }

    /// <summary>Names to make two waves' storage comparable: wave id, municipality and its slug.</summary>
    public static (string, string)[] Names(params (string WaveId, string Place)[] waves) =>
        waves.SelectMany(w => new[] { (w.WaveId, "{meting}"), (w.Place, "{gemeente}"), (Slugs.Of(w.Place), "{slug}") }).ToArray();

    public void Dispose() => Client.Dispose();
}
