using System.Net;
using System.Net.Http.Json;
using System.Text;
using Ervaring.Functions.Demo;
using Ervaring.Integration.Tests.Concurrency;
using Ervaring.Storage.Waves;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Sampling;

/// <summary>
/// The API's start of fieldwork takes the reason for an early start, as the admin page asks it: a wrong body is a
/// Dutch 400 and starts nothing; the reason sent eight times at once starts the fieldwork once and is recorded with
/// the actual day, in the wave and in its log.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class EarlyStartApiTests(AppFixture fixture)
{
    [Fact]
    public async Task An_early_start_over_the_api_records_its_reason_once()
    {
        var services = fixture.App.Services;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (id, _) = await services.GetRequiredService<DemoWaves>().CreateSampledWaveAsync(Officer.Place("Apivroeg"), today.Year, 200, today.AddDays(3), today.AddDays(40));
        var waves = services.GetRequiredService<WaveStore>();
        using var admin = fixture.AdminClient();

        // Too long, or a field that does not exist: 400 in Dutch, nothing started.
        var tooLong = await admin.PostAsJsonAsync($"/api/waves/{id}/fielding", new { earlyStartReason = new string('x', 501) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("ten hoogste 500 tekens", await tooLong.Content.ReadAsStringAsync());
        var unknown = await admin.PostAsync($"/api/waves/{id}/fielding", new StringContent("{\"reden\": \"eerder\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var unknownText = await unknown.Content.ReadAsStringAsync();
        Assert.True(unknownText.Contains("dit veld bestaat niet", StringComparison.Ordinal), unknownText);
        Assert.Null((await waves.GetAsync(id))!.Wave.FieldingStartedOn);

        // Eight at once: one start, the others told it has started; the reason and the real day are kept.
        using var burst = Burst.AdminClient(fixture);
        var answers = await Burst.SendAsync(burst, Burst.Post($"/api/waves/{id}/fielding", new { earlyStartReason = "  De brieven gingen eerder de deur uit.  " }));
        Burst.AssertTakesEffectOnce(answers);
        Assert.Equal(1, answers.Count(a => a.Succeeded));
        var wave = (await waves.GetAsync(id))!.Wave;
        Assert.Equal(("De brieven gingen eerder de deur uit.", today), (wave.EarlyStartReason, wave.FieldingStartedOn));
        Assert.Single(await waves.EventsAsync(id), e => e.What == "veldwerk gestart, 3 dag(en) eerder dan gepland (reden: De brieven gingen eerder de deur uit.)");
    }
}
