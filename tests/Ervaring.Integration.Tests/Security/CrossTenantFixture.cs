using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ervaring.Core.Waves;
using Ervaring.Functions.Demo;
using Ervaring.Functions.Reports.Council;
using Ervaring.Functions.Waves;
using Ervaring.Storage.Council;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Security;

/// <summary>
/// A region of three municipalities on its own Azurite (CrossTenantTests compares storage before and after): an officer
/// (beheerder key) per municipality, the admin key as regional coordinator, and waves in the states whose data an
/// officer of another municipality must never see — a wave in the field (invitations, reminders, progress), a closed
/// wave with its report draft, open answers, an action and a quote, and a region wave of Voorbeeldstad and Havendorp.
/// </summary>
public sealed class CrossTenantFixture : IAsyncLifetime
{
    public const string A = "Voorbeeldstad", B = "Havendorp", C = "Beekdal", Region = "Kustregio";
    public const string KeyA = "test-voorbeeldstad-sleutel-0123456789", KeyB = "test-havendorp-sleutel-0123456789", KeyC = "test-beekdal-sleutel-0123456789";
    public const string NameA = "beheerder Voorbeeldstad";

    public AppFixture App { get; } = new();
    public static readonly int Year = DateTime.UtcNow.Year - 1;

    /// <summary>Voorbeeldstad's own wave, in the field.</summary>
    public string OwnWave { get; private set; } = "";
    public string BeekdalWave { get; private set; } = "";
    /// <summary>Havendorp's waves: one in the field, one closed with everything a report has.</summary>
    public string ForeignFielding { get; private set; } = "";
    public string ForeignClosed { get; private set; } = "";
    /// <summary>Voorbeeldstad and Havendorp together: Voorbeeldstad's officer is part of it, but not of all of it.</summary>
    public string RegionWave { get; private set; } = "";
    public string ForeignActionId { get; private set; } = "";
    public string ForeignQuoteId { get; private set; } = "";
    public (string ResponseKey, string ItemId) ForeignQuotable { get; private set; }

    /// <summary>Every wave's display name, by id: none of a foreign wave's may ever reach Voorbeeldstad's officer.</summary>
    public Dictionary<string, string> Names { get; } = [];

    public async Task InitializeAsync()
    {
        await App.InitializeWith(await AzuriteProcess.StartAsync(), new Dictionary<string, string?>
        {
            ["Ervaring:RateLimits:AdminPerMinute"] = "100000000",
            ["Ervaring:ApiKeys:voorbeeldstad:Key"] = KeyA, ["Ervaring:ApiKeys:voorbeeldstad:Role"] = "beheerder",
            ["Ervaring:ApiKeys:voorbeeldstad:Name"] = NameA, ["Ervaring:ApiKeys:voorbeeldstad:Municipalities"] = A,
            ["Ervaring:ApiKeys:havendorp:Key"] = KeyB, ["Ervaring:ApiKeys:havendorp:Role"] = "beheerder",
            ["Ervaring:ApiKeys:havendorp:Name"] = "beheerder Havendorp", ["Ervaring:ApiKeys:havendorp:Municipalities"] = B,
            ["Ervaring:ApiKeys:beekdal:Key"] = KeyC, ["Ervaring:ApiKeys:beekdal:Role"] = "beheerder",
            ["Ervaring:ApiKeys:beekdal:Name"] = "beheerder Beekdal", ["Ervaring:ApiKeys:beekdal:Municipalities"] = C,
        });
        var services = App.App.Services;
        var demo = services.GetRequiredService<DemoWaves>();

        OwnWave = await demo.CreateFieldingWaveAsync(A, Year, 200);
        BeekdalWave = await demo.CreateFieldingWaveAsync(C, Year, 200);
        ForeignFielding = await demo.CreateFieldingWaveAsync(B, Year, 200);

        ForeignClosed = await demo.CreateFieldingWaveAsync(B, Year - 1, 300);
        await demo.AnswerAsync(ForeignClosed, 0, 1.0, openAnswer: n => $"Het duurde lang voordat de hulp in Havendorp begon, schrijft ouder {n % 7}.");
        await demo.CloseAsync(ForeignClosed);
        using var coordinator = App.AdminClient();
        var draft = await coordinator.PostAsync($"/api/waves/{ForeignClosed}/report", null);
        Assert.True(draft.IsSuccessStatusCode, await draft.Content.ReadAsStringAsync());
        ForeignActionId = CouncilNotesService.NewId();
        var saved = await services.GetRequiredService<CouncilNotesService>().SaveActionAsync(ForeignClosed,
            new ActionInput(ForeignActionId, null, ["toegang"], "Eén aanmeldpunt in Havendorp", "Het college", $"{Year}-12-01"), CancellationToken.None);
        Assert.True(saved.Succeeded && saved.Value!.Count == 0, saved.Problem?.Detail);
        var answers = JsonDocument.Parse(await coordinator.GetStringAsync($"/api/waves/{ForeignClosed}/open-answers")).RootElement.GetProperty("answers")
            .EnumerateArray().Where(a => a.GetProperty("quotable").GetBoolean())
            .Select(a => (a.GetProperty("responseKey").GetString()!, a.GetProperty("itemId").GetString()!)).Take(2).ToList();
        Assert.Equal(2, answers.Count);
        var chosen = await services.GetRequiredService<QuoteSelection>().ChooseAsync(ForeignClosed,
            new QuoteInput(answers[0].Item1, answers[0].Item2, "toegang", null, Approved: true), CancellationToken.None);
        Assert.True(chosen.Succeeded && chosen.Value!.Count == 0, chosen.Problem?.Detail);
        ForeignQuoteId = (await services.GetRequiredService<QuoteStore>().ListAsync(ForeignClosed)).Single().Id;
        ForeignQuotable = answers[1];

        var region = await services.GetRequiredService<WaveCreation>().CreateAsync(new WaveSettings
        {
            Municipalities = [A, B], Region = Region, Year = Year - 2,
            FieldStart = new DateOnly(Year - 2, 3, 1), FieldEnd = new DateOnly(Year - 2, 4, 30),
        }, "test", CancellationToken.None);
        RegionWave = region.Value!.Id;

        foreach (var wave in await services.GetRequiredService<Ervaring.Storage.Waves.WaveStore>().ListAsync()) Names[wave.Id] = wave.DisplayName;
    }

    /// <summary>A client for the API with a municipality's key (or the coordinator's).</summary>
    public HttpClient Api(string key)
    {
        var client = App.App.CreateClient(followRedirects: false);
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>A browser signed in on the admin pages with the key, and a form token for its cookies.</summary>
    public async Task<(HttpClient Client, string FormToken)> SignedInAsync(string key)
    {
        var client = App.App.CreateClient(followRedirects: false);
        Assert.Equal(HttpStatusCode.Redirect, (await AdminPageSignIn.SignInAsync(client, key)).StatusCode);
        return (client, AdminPageSignIn.FormToken(await client.GetStringAsync("/beheer/metingen/nieuw")));
    }

    public static HttpContent Json(object body) => JsonContent.Create(body);

    public Task DisposeAsync() => App.DisposeAsync();
}
