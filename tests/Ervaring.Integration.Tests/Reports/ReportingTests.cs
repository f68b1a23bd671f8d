using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ervaring.Core.Reports;
using Ervaring.Core.Statistics;
using Ervaring.Core.Surveys;
using Ervaring.Functions.Sampling;
using Ervaring.Functions.Survey;
using Ervaring.Storage;
using Ervaring.Storage.Invitations;
using Ervaring.Storage.Responses;
using Ervaring.Storage.Waves;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Reports;

/// <summary>
/// A census wave answered through the real survey session, closed, aggregated, published twice. The expected
/// figures are computed here from the stored responses with the statistics engine directly, and the public
/// output is checked against what was seeded: no small figure, no open answer, no client reference.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ReportingTests(AppFixture fixture)
{
    private const int K = 10;

    private sealed record Seeded(string WaveId, string Municipality, IReadOnlyList<string> Clients, string OpenMarker);

    private async Task<Seeded> SeedAsync()
    {
        var municipality = "Rapportstad" + Guid.NewGuid().ToString("N")[..6];
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 400, municipality: municipality);
        var session = fixture.App.Services.GetRequiredService<SurveySession>();
        var invitations = new List<InvitationRecord>();
        await foreach (var i in fixture.App.Services.GetRequiredService<InvitationStore>().ListAsync(scenario.WaveId)) invitations.Add(i);
        var careOf = invitations.ToDictionary(i => i.ClientReference + "|" + i.Audience, i => i.CareType);
        var marker = "GEHEIM" + Guid.NewGuid().ToString("N")[..10];
        var random = new Random(7);
        var n = 0;
        foreach (var (client, audience, token, _) in scenario.Invitations)
        {
            // Everyone in jeugdreclassering answers (a deliberately small stratum); the rest about half.
            var care = careOf[client + "|" + audience];
            if (care != "jeugdreclassering" && random.NextDouble() > 0.5) continue;
            var opened = await session.OpenAsync(token, null, CancellationToken.None);
            var answers = Ervaring.Core.Demo.SyntheticRespondents.Answers(opened.Context!.BaseDefinition, care, 0, random);
            foreach (var open in opened.Context.BaseDefinition.Items.Where(i => i.Type == ItemType.Open))
                answers[open.Id] = [$"{marker} mijn kind {client} bel 0612345678"];
            var result = await session.SubmitAsync(opened.Context, answers, opened.Context.BaseDefinition.Items.Select(i => i.Id).ToList(), ResponseModes.Web, CancellationToken.None);
            Assert.Equal(SubmitOutcome.Completed, result.Outcome);
            n++;
        }
        Assert.True(n > 100);
        using var admin = fixture.AdminClient();
        var close = await admin.PostAsync($"/api/waves/{scenario.WaveId}/close", null);
        Assert.True(close.IsSuccessStatusCode, await close.Content.ReadAsStringAsync());
        return new Seeded(scenario.WaveId, municipality, scenario.Invitations.Select(i => i.Client).Distinct().ToList(), marker);
    }

    [Fact]
    public async Task Aggregation_matches_the_statistics_engine_fed_directly_and_publication_is_versioned_and_safe()
    {
        var seeded = await SeedAsync();
        using var admin = fixture.AdminClient();
        var built = await admin.PostAsync($"/api/waves/{seeded.WaveId}/report", null);
        Assert.True(built.IsSuccessStatusCode, await built.Content.ReadAsStringAsync());

        // --- independent computation: stored responses → SurveyScoring → StratifiedEstimator ---
        var services = fixture.App.Services;
        var wave = (await services.GetRequiredService<WaveStore>().GetAsync(seeded.WaveId))!.Wave;
        var audit = (await services.GetRequiredService<BlobDocuments>().ReadJsonAsync<SampleAuditRecord>(StorageNames.Containers.Audit, wave.Sample!.AuditBlob))!;
        var definition = (await services.GetRequiredService<WaveDefinitions>().GetAsync(seeded.WaveId, "ouders", CancellationToken.None))!;
        string[] bands = ["0-3", "4-11", "12-17", "18-23"];
        StratumKey KeyOf(string samplingKey)
        {
            var p = samplingKey.Split(" | ");
            return new StratumKey(p[0], p[1], Array.IndexOf(bands, p[2]));
        }
        // Parents are invited for children under 18: bands 0-3, 4-11 and 12-17.
        var population = audit.Strata.Where(s => s.Key.Split(" | ")[2] != "18-23").ToDictionary(s => KeyOf(s.Key), s => (long)s.PopulationSize);
        var toegang = new ItemAccumulator();
        var mark = new ItemAccumulator();
        await foreach (var r in services.GetRequiredService<ResponseStore>().ListAsync(seeded.WaveId))
        {
            if (r.Audience != "ouders") continue;
            if (SurveyScoring.IndicatorScore(definition, "toegang", r.Answers) is { } t) toegang.Add(KeyOf(r.StratumKey), t);
            if (SurveyScoring.IndicatorScore(definition, "rapportcijfer", r.Answers) is { } m) mark.Add(KeyOf(r.StratumKey), m);
        }
        var estimator = new StratifiedEstimator(population);
        var expectedToegang = estimator.Estimate(toegang, EstimateKind.Mean);
        var expectedMark = estimator.Estimate(mark, EstimateKind.Mean);
        var expectedByCare = estimator.EstimateByStratumPart(toegang, EstimateKind.Mean, s => s.CareType);

        var results = await admin.GetFromJsonAsync<JsonElement>($"/api/waves/{seeded.WaveId}/results");
        var rows = results.GetProperty("rows").EnumerateArray().ToList();
        JsonElement Row(string dimension, string value, string measure) => rows.Single(r =>
            r.GetProperty("audience").GetString() == "ouders" && r.GetProperty("dimension").GetString() == dimension &&
            r.GetProperty("value").GetString() == value && r.GetProperty("measureType").GetString() == MeasureTypes.Indicator && r.GetProperty("measure").GetString() == measure);
        void Same(Estimate expected, JsonElement actual)
        {
            Assert.Equal(expected.Respondents, actual.GetProperty("n").GetInt64());
            Assert.Equal(expected.Value, actual.GetProperty("estimate").GetDouble(), 9);
            Assert.Equal(expected.Interval.Low, actual.GetProperty("ciLow").GetDouble(), 9);
            Assert.Equal(expected.Interval.High, actual.GetProperty("ciHigh").GetDouble(), 9);
        }
        Same(expectedToegang, Row(Dimensions.Total, Dimensions.TotalValue, "toegang"));
        Same(expectedMark, Row(Dimensions.Total, Dimensions.TotalValue, "rapportcijfer"));
        foreach (var (care, expected) in expectedByCare) Same(expected, Row(Dimensions.CareType, care, "toegang"));
        var small = Row(Dimensions.CareType, "jeugdreclassering", "toegang");
        Assert.True(small.GetProperty("n").GetInt64() < K, "the seeded jeugdreclassering group should be small");
        Assert.True(small.GetProperty("suppressed").GetBoolean());

        // --- publish twice: two versions, the first unchanged byte for byte ---
        var first = await admin.PostAsync($"/api/waves/{seeded.WaveId}/publish", null);
        Assert.True(first.IsSuccessStatusCode, await first.Content.ReadAsStringAsync());
        var slug = Ervaring.Functions.Reports.Slugs.Of(seeded.Municipality);
        using var anonymous = fixture.App.CreateClient();
        var v1Html = await anonymous.GetByteArrayAsync($"/raad/{slug}/{wave.Settings.Year}");
        var v1Csv = await anonymous.GetByteArrayAsync($"/raad/{slug}/{wave.Settings.Year}/data.csv");
        Assert.Equal(v1Html, await anonymous.GetByteArrayAsync($"/raad/{slug}/{wave.Settings.Year}/v/1"));

        // A correction must change something (issue 17): the municipality adds its interpretation of access.
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/waves/{seeded.WaveId}/publish", new { correction = "Een tikfout in de inleiding is verbeterd." })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/waves/{seeded.WaveId}/interpretations", new
        {
            scope = seeded.Municipality, audience = "ouders", measure = "toegang", dimension = "totaal", text = "Wachttijden blijven een zorg.",
        })).StatusCode);
        var second = await admin.PostAsJsonAsync($"/api/waves/{seeded.WaveId}/publish", new { correction = "Een tikfout in de inleiding is verbeterd." });
        Assert.True(second.IsSuccessStatusCode, await second.Content.ReadAsStringAsync());
        Assert.Equal(v1Html, await anonymous.GetByteArrayAsync($"/raad/{slug}/{wave.Settings.Year}/v/1"));
        Assert.Equal(v1Csv, await anonymous.GetByteArrayAsync($"/raad/{slug}/{wave.Settings.Year}/v/1/data.csv"));
        var latest = Encoding.UTF8.GetString(await anonymous.GetByteArrayAsync($"/raad/{slug}/{wave.Settings.Year}"));
        Assert.Contains("Een tikfout in de inleiding is verbeterd.", latest);
        Assert.Contains($"/raad/{slug}/{wave.Settings.Year}/v/1", latest);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/raad/{slug}/{wave.Settings.Year}/v/3")).StatusCode);
        Assert.Contains(seeded.Municipality, await anonymous.GetStringAsync("/raad"));
        Assert.Equal("Published", (await admin.GetFromJsonAsync<JsonElement>($"/api/waves/{seeded.WaveId}")).GetProperty("state").GetString(), ignoreCase: true);

        // --- nothing public shows a small figure, an open answer or a client reference ---
        var csv = Encoding.UTF8.GetString(await anonymous.GetByteArrayAsync($"/raad/{slug}/{wave.Settings.Year}/data.csv"));
        var json = Encoding.UTF8.GetString(await anonymous.GetByteArrayAsync($"/raad/{slug}/{wave.Settings.Year}/data.json"));
        Assert.StartsWith("\uFEFF", csv);
        foreach (var text in new[] { latest, csv, json, Encoding.UTF8.GetString(v1Html) })
        {
            Assert.DoesNotContain(seeded.OpenMarker, text);
            Assert.DoesNotContain("0612345678", text);
            foreach (var client in seeded.Clients) Assert.DoesNotContain(client, text);
        }
        var figures = JsonDocument.Parse(json).RootElement.GetProperty("figures").EnumerateArray().ToList();
        Assert.NotEmpty(figures);
        foreach (var f in figures)
        {
            var n = f.GetProperty("respondents");
            if (n.ValueKind == JsonValueKind.Null)
            {
                Assert.Equal(JsonValueKind.Null, f.GetProperty("value").ValueKind);
                Assert.False(string.IsNullOrEmpty(f.GetProperty("suppressionReason").GetString()));
            }
            else Assert.True(n.GetInt64() >= K, $"published figure with {n.GetInt64()} respondents");
        }
        // Every cell below k in the officer's tables is hidden in the public CSV, JSON and HTML alike.
        var csvLines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(';')).ToList();
        PlainLabelsOnly(latest, csvLines, figures);
        foreach (var row in rows.Where(r => r.GetProperty("n").GetInt64() < K && r.GetProperty("scope").GetString() == seeded.Municipality))
        {
            var (audience, dimension, value, type, measure) = (row.GetProperty("audience").GetString(), row.GetProperty("dimension").GetString(),
                row.GetProperty("value").GetString(), row.GetProperty("measureType").GetString(), row.GetProperty("measure").GetString());
            var line = csvLines.Single(c => c[3] == audience && c[4] == dimension && c[16] == value && c[6] == type && c[7] == measure);
            Assert.Equal(("", "", "ja"), (line[10], line[11], line[14]));
            Assert.Contains(figures, f => f.GetProperty("audience").GetString() == audience && f.GetProperty("dimension").GetString() == dimension
                && f.GetProperty("domainValue").GetString() == value && f.GetProperty("measure").GetString() == measure && f.GetProperty("respondents").ValueKind == JsonValueKind.Null);
            if (type == MeasureTypes.Indicator && dimension != Dimensions.Total)
                Assert.Contains($"<td class=\"hidden-cell\" data-measure=\"{measure}\" data-value=\"{value}\">", latest);
        }
    }

    /// <summary>
    /// Issue 15, point 6: the report and open data show care types and referrers in full Dutch ("gecertificeerde
    /// instelling (GI)"), never an internal code such as "gi"; the CSV keeps the code only in its last column, waardecode.
    /// </summary>
    private static void PlainLabelsOnly(string html, List<string[]> csvLines, List<JsonElement> figures)
    {
        var codes = PlainLabels.CareTypeCodes.Concat(PlainLabels.ReferrerCodes)
            .Where(c => PlainLabels.Of(Dimensions.CareType, c) != c && PlainLabels.Of(Dimensions.Referrer, c) != c).ToList();
        var grouped = csvLines.Where(c => c[4] is Dimensions.CareType or Dimensions.Referrer).ToList();
        Assert.Contains(grouped, c => c[16] == "gi");
        Assert.Contains(grouped, c => c[16] == "wijkteam");
        foreach (var row in grouped)
        {
            Assert.Equal(PlainLabels.Of(row[4], row[16]), row[5]);
            Assert.DoesNotContain(row[5], codes);
            Assert.Contains($"<th scope=\"row\">{System.Net.WebUtility.HtmlEncode(row[5])}</th>", html);
        }
        Assert.Contains("<th scope=\"row\">gecertificeerde instelling (GI)</th>", html);
        Assert.Contains("<th scope=\"row\">wijkteam of CJG</th>", html);
        foreach (var code in codes) Assert.DoesNotContain($">{code}<", html);
        foreach (var f in figures.Where(f => f.GetProperty("dimension").GetString() is Dimensions.CareType or Dimensions.Referrer))
            Assert.Equal(PlainLabels.Of(f.GetProperty("dimension").GetString()!, f.GetProperty("domainValue").GetString()!), f.GetProperty("domainLabel").GetString());
    }

    [Fact]
    public async Task Publishing_needs_a_closed_wave_and_the_beheerder_role()
    {
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 60);
        using var admin = fixture.AdminClient();
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/waves/{scenario.WaveId}/publish", null)).StatusCode);
        using var researcher = fixture.App.CreateClient();
        researcher.DefaultRequestHeaders.Add("X-Api-Key", AppFixture.ResearcherKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await researcher.PostAsync($"/api/waves/{scenario.WaveId}/publish", null)).StatusCode);
        using var anonymous = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/waves/{scenario.WaveId}/results")).StatusCode);
        // During fielding the officer's interim is computed and marked as such.
        var interim = await admin.PostAsync($"/api/waves/{scenario.WaveId}/report", null);
        Assert.True(interim.IsSuccessStatusCode, await interim.Content.ReadAsStringAsync());
        Assert.Equal(AggregateStatus.Interim, (await interim.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }
}
