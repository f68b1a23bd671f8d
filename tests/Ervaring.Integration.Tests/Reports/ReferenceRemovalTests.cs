using System.Net;
using System.Text;
using System.Text.Json;
using Ervaring.Functions.Demo;
using Ervaring.Functions.Reports;
using Ervaring.Integration.Tests.Concurrency;
using Ervaring.Storage.Council;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Reports;

/// <summary>
/// A reference figure can be removed again, over the API and on the admin page: eight removals at once remove it
/// once and all answer alike; removing what is gone is a repeat; the published version keeps the copy it was composed
/// with, and only the next version goes without it.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ReferenceRemovalTests(AppFixture fixture)
{
    private const string Header = "meting;doelgroep;bron;jaar;populatie;waarde;ondergrens;bovengrens;vergelijkbaar;verschil";

    // A source with a '|' and a '/' in it: the key is looked up, never split, and travels in the query, not the path.
    private const string Landelijk = "Landelijke peiling | editie A/B (test)";

    private static StringContent Csv(params string[] lines) => new(string.Join("\r\n", lines.Prepend(Header)) + "\r\n", Encoding.UTF8, "text/csv");

    [Fact]
    public async Task A_reference_removed_twice_at_once_is_gone_from_the_next_version_and_stays_in_the_published_one()
    {
        var demo = fixture.App.Services.GetRequiredService<DemoWaves>();
        var publication = fixture.App.Services.GetRequiredService<ReportPublication>();
        var store = fixture.App.Services.GetRequiredService<YardstickStore>();
        var municipality = "Wegdorp" + Guid.NewGuid().ToString("N")[..5];
        var slug = Slugs.Of(municipality);
        var wave = await demo.CreateFieldingWaveAsync(municipality, 2025, 300);
        await demo.AnswerAsync(wave, 0, 1.0);
        await demo.CloseAsync(wave);
        using var admin = fixture.AdminClient();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsync($"/api/municipalities/{slug}/references", Csv(
            $"toegang;ouders;{Landelijk};2024;ouders in Nederland;72;70;74;goed;",
            "rapportcijfer;ouders;Benchmark G4 (test);2024;ouders in vier steden;7,6;;;niet goed;andere vraag"))).StatusCode);
        Assert.True((await publication.PublishAsync(wave, null, "test", CancellationToken.None)).Succeeded);

        // Eight removals at once: all 204 with the same (empty) body, the figure gone, the other one kept.
        var query = $"measure=toegang&audience=ouders&source={Uri.EscapeDataString(Landelijk)}&year=2024";
        using var burst = Burst.AdminClient(fixture);
        var answers = await Burst.SendAsync(burst, Burst.Delete($"/api/municipalities/{slug}/references?{query}"));
        Burst.AssertTakesEffectOnce(answers);
        Assert.All(answers, a => Assert.Equal(204, a.Status));
        Assert.Equal("Benchmark G4 (test)", Assert.Single(await store.ListReferencesAsync(municipality)).Source);

        // A question without all four parts is a Dutch 400 that names what is missing, and removes nothing.
        var incomplete = await admin.DeleteAsync($"/api/municipalities/{slug}/references?measure=rapportcijfer&audience=ouders");
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.Contains("source, year", JsonDocument.Parse(await incomplete.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
        Assert.Single(await store.ListReferencesAsync(municipality));

        // The published version still shows both; the next version (a correction) only the one that is left.
        Assert.Equal(2, ReferencesIn(await admin.GetStringAsync($"/raad/{slug}/2025/data.json")).Count);
        Assert.True((await publication.PublishAsync(wave, "Referentiecijfer ingetrokken.", "test", CancellationToken.None)).Succeeded);
        Assert.Equal(["Benchmark G4 (test)"], ReferencesIn(await admin.GetStringAsync($"/raad/{slug}/2025/data.json")));
        Assert.Equal(2, ReferencesIn(await admin.GetStringAsync($"/raad/{slug}/2025/v/1/data.json")).Count);

        // On the page: each figure has its own remove button; pressed twice, it redirects twice and removes once.
        using var client = fixture.App.CreateClient(followRedirects: false);
        Assert.Equal(HttpStatusCode.Redirect, (await AdminPageSignIn.SignInAsync(client, AppFixture.AdminKey)).StatusCode);
        var page = await client.GetStringAsync($"/beheer/gemeenten/{slug}");
        Assert.Contains("action=\"/beheer/gemeenten/" + slug + "/referenties/verwijderen\"", page);
        var left = Assert.Single(await store.ListReferencesAsync(municipality));
        Assert.Contains($"value=\"{left.Key}\"", page);
        var form = new Dictionary<string, string> { ["sleutel"] = left.Key, ["__RequestVerificationToken"] = AdminPageSignIn.FormToken(page) };
        for (var i = 0; i < 2; i++)
        {
            var removed = await client.PostAsync($"/beheer/gemeenten/{slug}/referenties/verwijderen", new FormUrlEncodedContent(form));
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
            Assert.Equal($"/beheer/gemeenten/{slug}?gedaan=referentie-verwijderd#referenties", removed.Headers.Location!.OriginalString);
        }
        Assert.Empty(await store.ListReferencesAsync(municipality));
        Assert.Contains("Het referentiecijfer is verwijderd.", await client.GetStringAsync($"/beheer/gemeenten/{slug}?gedaan=referentie-verwijderd"));
        var empty = await client.PostAsync($"/beheer/gemeenten/{slug}/referenties/verwijderen",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["sleutel"] = "", ["__RequestVerificationToken"] = form["__RequestVerificationToken"] }));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    private static List<string> ReferencesIn(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("references").EnumerateArray().Select(r => r.GetProperty("source").GetString()!).ToList();
}
