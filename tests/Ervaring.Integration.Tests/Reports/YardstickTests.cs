using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ervaring.Functions.Demo;
using Ervaring.Functions.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Reports;

/// <summary>
/// Issue 14 over the API: a target saved twice (or at once) is one target; it reaches the public only through a
/// publication (a correction when the report is out already) with its verdict in HTML, CSV and JSON; a year without
/// a survey is listed with its reason on /raad, on the municipality's page, in its open data and in the deadline view.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class YardstickTests(AppFixture fixture)
{
    [Fact]
    public async Task Targets_enter_a_version_by_correction_with_their_verdicts_and_a_gap_year_is_explained_everywhere()
    {
        var demo = fixture.App.Services.GetRequiredService<DemoWaves>();
        var publication = fixture.App.Services.GetRequiredService<ReportPublication>();
        var municipality = "Meetlatdorp" + Guid.NewGuid().ToString("N")[..5];
        var slug = Slugs.Of(municipality);
        const int year = 2025;
        var wave = await demo.CreateFieldingWaveAsync(municipality, year, 300);
        await demo.AnswerAsync(wave, 0, 1.0);
        await demo.CloseAsync(wave);
        Assert.True((await publication.PublishAsync(wave, null, "test", CancellationToken.None)).Succeeded);
        var v1 = JsonDocument.Parse(await fixture.AdminClient().GetStringAsync($"/raad/{slug}/{year}/data.json")).RootElement;
        Assert.Empty(v1.GetProperty("targets").EnumerateArray());
        var toegang = v1.GetProperty("figures").EnumerateArray().First(f => f.GetProperty("audience").GetString() == "ouders"
            && f.GetProperty("dimension").GetString() == "totaal" && f.GetProperty("measure").GetString() == "toegang");
        var low = toegang.GetProperty("ciLow").GetDouble();

        using var admin = fixture.AdminClient();
        var target = new
        {
            audience = "ouders", measure = "toegang", dimension = "totaal", value = low.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture),
            targetYear = "2025", policyTitle = "Beleidsplan jeugd", policyLink = "https://example.org/plan"
        };
        // Twice in a row and three times at once: one target.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/municipalities/{slug}/targets", target)).StatusCode);
        var together = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => admin.PutAsJsonAsync($"/api/municipalities/{slug}/targets", target)));
        Assert.All(together, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        var wrong = await admin.PutAsJsonAsync($"/api/municipalities/{slug}/targets", target with { value = "120" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("percentage", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("/api/municipalities/bestaat-niet/targets", target)).StatusCode);

        // A gap year before the first survey, explained; a year with a survey cannot be called a gap.
        var reason = new StringContent("{\"reason\":\"Overstap naar nieuwe aanbieders.\"}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsync($"/api/municipalities/{slug}/years/2024/reason", reason)).StatusCode);
        var onSurveyYear = new StringContent("{\"reason\":\"x\"}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsync($"/api/municipalities/{slug}/years/2025/reason", onSurveyYear)).StatusCode);

        var stored = JsonDocument.Parse(await admin.GetStringAsync($"/api/municipalities/{slug}/yardstick")).RootElement;
        Assert.Single(stored.GetProperty("targets").EnumerateArray());
        // Nothing public changed: the published version still has no target.
        Assert.Empty(JsonDocument.Parse(await admin.GetStringAsync($"/raad/{slug}/{year}/data.json")).RootElement.GetProperty("targets").EnumerateArray());

        var correction = await publication.PublishAsync(wave, "Streefwaarde toegevoegd", "test", CancellationToken.None);
        Assert.True(correction.Succeeded, correction.Problem?.Detail);
        var v2 = JsonDocument.Parse(await admin.GetStringAsync($"/raad/{slug}/{year}/data.json")).RootElement;
        Assert.Equal(2, v2.GetProperty("version").GetInt32());
        var published = Assert.Single(v2.GetProperty("targets").EnumerateArray());
        Assert.Equal("gehaald", published.GetProperty("verdict").GetString()); // lower bound == target
        var years = v2.GetProperty("years").EnumerateArray().ToList();
        Assert.Contains(years, y => y.GetProperty("year").GetInt32() == 2024 && y.GetProperty("reason").GetString() == "Overstap naar nieuwe aanbieders.");
        Assert.Contains(years, y => y.GetProperty("year").GetInt32() == 2025 && y.GetProperty("status").GetString() == "gepubliceerd");

        var csv = Encoding.UTF8.GetString(await admin.GetByteArrayAsync($"/raad/{slug}/{year}/data.csv"));
        var header = csv.TrimStart('\uFEFF').Split("\r\n")[0];
        Assert.EndsWith("streefwaarde;streefjaar;oordeel;koers;beleidsstuk;beleidsstuk_link;rapportjaar;stand;verschenen_op;op_tijd;reden_geen_onderzoek;teljaar;bron;bronjaar;populatie;vergelijkbaarheid;verschil;nieuw_dit_jaar", header); // issue 16 appended the last column
        Assert.Contains(";streefwaarde;toegang;", csv);
        Assert.Contains(";rapportjaar;", csv);

        var html = await admin.GetStringAsync($"/raad/{slug}/{year}");
        Assert.Contains("Halen we onze doelen?", html);
        Assert.Contains("data-verdict=\"gehaald\"", html);
        var index = await admin.GetStringAsync("/raad");
        Assert.Contains("2024: geen onderzoek gedaan. Reden van de gemeente: Overstap naar nieuwe aanbieders.", index);
        var page = await admin.GetStringAsync($"/raad/{slug}");
        Assert.Contains("Overstap naar nieuwe aanbieders.", page);
        Assert.Contains("Overstap naar nieuwe aanbieders.", Encoding.UTF8.GetString(await admin.GetByteArrayAsync($"/raad/{slug}/jaren.csv")));
        var deadlines = JsonDocument.Parse(await admin.GetStringAsync("/api/report-deadlines")).RootElement;
        Assert.Contains(deadlines.GetProperty("gaps").EnumerateArray(), g => g.GetProperty("municipality").GetString() == municipality && g.GetProperty("year").GetInt32() == 2024);

        // Deleting the target leaves the published versions as they are.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/municipalities/{slug}/targets/ouders/toegang/totaal/totaal/2025")).StatusCode);
        Assert.Empty(JsonDocument.Parse(await admin.GetStringAsync($"/api/municipalities/{slug}/yardstick")).RootElement.GetProperty("targets").EnumerateArray());
        Assert.Single(JsonDocument.Parse(await admin.GetStringAsync($"/raad/{slug}/{year}/data.json")).RootElement.GetProperty("targets").EnumerateArray());
    }
}
