using System.Net.Http.Json;
using Ervaring.Core.Demo;
using Ervaring.Functions.Survey;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Fielding;

/// <summary>Families who said no, or were asked in the past 12 months, are left out of the next draw — and counted.</summary>
[Collection(AppCollection.Name)]
public sealed class ExclusionTests(AppFixture fixture)
{
    [Fact]
    public async Task Opt_outs_and_recent_contacts_are_excluded_from_the_next_draw_and_reported()
    {
        var prefix = "X" + Guid.NewGuid().ToString("N")[..8];
        var place = "Uitsluitdorp" + prefix;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var csv = SyntheticRegister.Csv(200, [place], today.Year, seed: 21, referencePrefix: prefix);
        using var client = fixture.AdminClient();

        // Wave 1: a census of 200, in the field; one family opts out.
        var first = await CreateWaveAsync(client, new { municipalities = new[] { place }, year = today.Year, fieldStart = today.AddDays(-1).ToString("yyyy-MM-dd"), fieldEnd = today.AddDays(20).ToString("yyyy-MM-dd"), census = true });
        await PostCsvAsync(client, $"/api/waves/{first}/frame?dropInvalid=true", csv);
        await client.PostAsJsonAsync($"/api/waves/{first}/sample", new { });
        await client.PostAsync($"/api/waves/{first}/fielding", null);

        // Wave 2 of another audience-year over the same register, drawn within 12 months: everyone was just asked.
        // A second wave in the same year is a supplementary one, asked for explicitly.
        var second = await CreateWaveAsync(client, new { municipalities = new[] { place }, year = today.Year, fieldStart = today.AddDays(1).ToString("yyyy-MM-dd"), fieldEnd = today.AddDays(40).ToString("yyyy-MM-dd"), census = true, supplementary = true });
        await PostCsvAsync(client, $"/api/waves/{second}/frame?dropInvalid=true", csv);
        var draw = await JsonAsync(await client.PostAsJsonAsync($"/api/waves/{second}/sample", new { }));
        Assert.Equal(0, draw.GetProperty("clients").GetInt32());
        var strata = draw.GetProperty("strata").EnumerateArray().ToList();
        Assert.Equal(strata.Sum(s => s.GetProperty("populationSize").GetInt32()), strata.Sum(s => s.GetProperty("excludedRecentlySurveyed").GetInt32()));
    }

    [Fact]
    public async Task A_family_that_opted_out_is_never_drawn_again()
    {
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 40);
        var refuser = scenario.Invitations[0];
        var session = fixture.App.Services.GetRequiredService<SurveySession>();
        var opened = await session.OpenAsync(refuser.Token, null, CancellationToken.None);
        await session.RefuseAsync(opened.Context!, CancellationToken.None);

        // A frame in a later year that holds the same client reference.
        var nextYear = DateTime.UtcNow.Year + 1;
        var place = "Weigerstad" + Guid.NewGuid().ToString("N")[..6];
        var lines = SyntheticRegister.Lines(30, [place], nextYear, seed: 4, referencePrefix: "Y" + Guid.NewGuid().ToString("N")[..6]).ToList();
        lines[1] = string.Join(';', new[] { refuser.Client }.Concat(lines[1].Split(';').Skip(1)));
        using var client = fixture.AdminClient();
        var wave = await CreateWaveAsync(client, new { municipalities = new[] { place }, year = nextYear + 1, fieldStart = $"{nextYear + 1}-03-01", fieldEnd = $"{nextYear + 1}-04-01", census = true });
        var import = await PostCsvAsync(client, $"/api/waves/{wave}/frame?dropInvalid=true", string.Join("\r\n", lines));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        var draw = await JsonAsync(await client.PostAsJsonAsync($"/api/waves/{wave}/sample", new { }));
        Assert.Equal(1, draw.GetProperty("strata").EnumerateArray().Sum(s => s.GetProperty("excludedOptOut").GetInt32()));
        var export = await client.GetStringAsync($"/api/waves/{wave}/invitations.csv");
        Assert.DoesNotContain(refuser.Client + ";", export);
    }
}
