using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace Ervaring.Integration.Tests.Concurrency;

/// <summary>
/// Issue 17, item 4: one wave per municipality and year, unless the officer asks for a supplementary wave; that
/// one is created once however often it is sent, is recorded as supplementary, and its report and archive say so.
/// </summary>
[Collection(ConcurrencyCollection.Name)]
public sealed class SupplementaryWaveTests(ConcurrencyFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_supplementary_wave_sent_eight_times_is_created_once_and_its_report_says_what_it_is()
    {
        using var officer = new Officer(fixture.App);
        var place = Officer.Place("Aanvuldorp");
        var year = DateTime.UtcNow.Year;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var yearly = await officer.FieldingAsync(place, 40);
        object Body(bool supplementary) => new
        {
            name = $"Extra meting {place}", municipalities = new[] { place }, year, census = true, supplementary,
            fieldStart = today.AddDays(-1).ToString("yyyy-MM-dd"), fieldEnd = today.AddDays(30).ToString("yyyy-MM-dd"),
        };

        // Not asked for: refused, and the answer names the year's wave.
        var refused = await officer.Client.PostAsJsonAsync("/api/waves", Body(supplementary: false));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(yearly.WaveId, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        // Asked for, eight times at once: one supplementary wave.
        var answers = await Burst.SendAsync(officer.Client, Burst.Post("/api/waves", Body(supplementary: true)));
        var waves = (await officer.Client.GetFromJsonAsync<JsonElement>("/api/waves")).EnumerateArray()
            .Where(w => w.GetProperty("municipalities").EnumerateArray().Any(m => m.GetString() == place)).ToList();
        output.WriteLine($"supplementary wave ×{Burst.Size}: {Burst.Summary(answers)}; waves for the municipality: {waves.Count}");
        Burst.AssertTakesEffectOnce(answers);
        Assert.Equal(2, waves.Count);
        var id = answers.First(a => a.Succeeded).Json.GetProperty("id").GetString()!;
        Assert.True((await officer.WaveAsync(id)).GetProperty("settings").GetProperty("supplementary").GetBoolean());

        // Through its cycle to the report: archived apart from the year's report, and saying what it is.
        await officer.ImportAsync(id, Officer.Frame(place, 40, year));
        await officer.DrawAsync(id);
        var invitations = (await officer.ExportAsync(id)).Select(l => l.Split(';'))
            .Select(f => (f[0], f[1], f[3].Split("/s/?t=")[1], f[4])).ToList();
        Assert.True((await officer.Client.PostAsync($"/api/waves/{id}/fielding", null)).IsSuccessStatusCode);
        await officer.AnswerAsync(new FieldingScenario(id, invitations), 0.9);
        await officer.CloseAsync(id);
        var published = await officer.Client.PostAsync($"/api/waves/{id}/publish", null);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        var slug = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versions")[0].GetProperty("slug").GetString()!;
        output.WriteLine($"archived as /raad/{slug}/{year}");
        Assert.StartsWith(Ervaring.Functions.Reports.Slugs.Of(place) + "-aanvullend-", slug);
        using var anonymous = fixture.App.App.CreateClient();
        Assert.Contains("aanvullende meting", await anonymous.GetStringAsync($"/raad/{slug}/{year}"));
        Assert.Contains($"{place} (aanvullende meting)", await anonymous.GetStringAsync("/raad"));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/raad/{Ervaring.Functions.Reports.Slugs.Of(place)}/{year}")).StatusCode);
    }
}
