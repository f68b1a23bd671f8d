using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ervaring.Core.Demo;
using Ervaring.Core.Sampling;
using Ervaring.Core.Surveys;

namespace Ervaring.Benchmarks.Http;

/// <summary>One invitation from the mail-merge export.</summary>
public sealed record Invitation(string Client, string Audience, string Token);

/// <summary>
/// A real Azurite and the real app (<see cref="AppInstance"/>, as in the integration tests) on loopback, with
/// the request-rate limits raised for load (they are configurable for exactly this) and an admin key.
/// </summary>
public sealed class LiveApp : IAsyncDisposable
{
    public const string AdminKey = "bench-beheerder-sleutel-0123456789";

    public AzuriteProcess Azurite { get; }
    public AppInstance App { get; }

    private LiveApp(AzuriteProcess azurite, AppInstance app)
    {
        Azurite = azurite;
        App = app;
    }

    public static async Task<LiveApp> StartAsync()
    {
        var azurite = await AzuriteProcess.StartAsync();
        var app = await AppInstance.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Ervaring:AdminApiKey"] = AdminKey,
            ["Ervaring:PublicBaseUrl"] = "https://ervaring.example.nl",
            ["Ervaring:RateLimits:SurveyPostsPerMinute"] = "10000000",
            ["Ervaring:RateLimits:AdminPerMinute"] = "10000000",
            ["Ervaring:Survey:MaxFailedLookups"] = "10000000",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        return new LiveApp(azurite, app);
    }

    public HttpClient AdminClient()
    {
        var client = App.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(10);
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return client;
    }

    /// <summary>A loopback client for load: no redirects, no cookies, no connection limit.</summary>
    public HttpClient LoadClient() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
    })
    { BaseAddress = App.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A census wave in the field for one municipality, made through the admin API like an officer does.</summary>
    public async Task<(string WaveId, IReadOnlyList<Invitation> Invitations)> FieldingWaveAsync(int clients, string prefix)
    {
        using var client = AdminClient();
        return await FieldingWaveAsync(client, clients, prefix);
    }

    /// <summary>The same, through any admin client (also one of an app running in another process).</summary>
    public static async Task<(string WaveId, IReadOnlyList<Invitation> Invitations)> FieldingWaveAsync(HttpClient client, int clients, string prefix)
    {
        var place = "Bankstad" + Guid.NewGuid().ToString("N")[..6];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var created = await Ok(await client.PostAsJsonAsync("/api/waves", new
        {
            municipalities = new[] { place },
            year = today.Year,
            fieldStart = today.AddDays(-1).ToString("yyyy-MM-dd"),
            fieldEnd = today.AddDays(30).ToString("yyyy-MM-dd"),
            census = true,
        }));
        var waveId = JsonDocument.Parse(created).RootElement.GetProperty("id").GetString()!;
        var csv = new ByteArrayContent(SyntheticRegister.Csv(clients, [place], today.Year, seed: clients, referencePrefix: prefix));
        csv.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        await Ok(await client.PostAsync($"/api/waves/{waveId}/frame?dropInvalid=true", csv));
        await Ok(await client.PostAsJsonAsync($"/api/waves/{waveId}/sample", new { }));
        var export = Encoding.UTF8.GetString(await (await client.GetAsync($"/api/waves/{waveId}/invitations.csv")).Content.ReadAsByteArrayAsync());
        var invitations = export.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(';'))
            .Select(f => new Invitation(f[0], f[1], f[3].Split("/s/?t=")[1]))
            .ToList();
        await Ok(await client.PostAsync($"/api/waves/{waveId}/fielding", null));
        return (waveId, invitations);
    }

    private static async Task<string> Ok(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} gave {(int)response.StatusCode}: {text}");
        return text;
    }

    /// <summary>A complete, valid questionnaire as a form post (the same answers the integration tests send).</summary>
    public static Dictionary<string, IReadOnlyList<string>> ValidAnswers(SurveyDefinition definition, int variant)
    {
        var answers = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var item in definition.Items)
        {
            if (item.ShowIf is not null) continue;
            answers[item.Id] = item.Type switch
            {
                ItemType.Agreement => [((variant + item.Id.Length) % 5 + 1).ToString()],
                ItemType.Single => [item.Options[variant % item.Options.Count].Code],
                ItemType.Multiple => [item.Options[variant % item.Options.Count].Code],
                ItemType.Mark => [(variant % 10 + 1).ToString()],
                _ => [$"antwoord {variant}"],
            };
        }
        return answers;
    }

    public static IReadOnlyDictionary<string, SurveyDefinition> Definitions() =>
        SurveyDefinitionLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "survey-definitions")).Where(d => d.Version == 1).ToDictionary(d => d.Audience.Name()); // the demo waves the benchmarks drive are on v1

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
