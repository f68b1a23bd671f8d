using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Ervaring.Core.Surveys;
using Ervaring.Functions.Survey;
using Ervaring.Storage;
using Ervaring.Storage.Invitations;
using Ervaring.Storage.Responses;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Reports;

/// <summary>
/// The policy loop over the API: quotes need explicit approval and a cell of at least k, a paraphrase replaces
/// the answer everywhere, officers' text is encoded, and a year later the actions come back with their status.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PolicyLoopTests(AppFixture fixture)
{
    private const int K = 10;

    /// <summary>A closed census wave whose every open answer carries a unique marker, so any leak of an original answer can be found.</summary>
    private async Task<(string WaveId, string Municipality, string Marker)> ClosedWaveAsync()
    {
        var municipality = "Lusstad" + Guid.NewGuid().ToString("N")[..6];
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 400, municipality: municipality);
        var session = fixture.App.Services.GetRequiredService<SurveySession>();
        var invitations = new List<InvitationRecord>();
        await foreach (var i in fixture.App.Services.GetRequiredService<InvitationStore>().ListAsync(scenario.WaveId)) invitations.Add(i);
        var careOf = invitations.ToDictionary(i => i.ClientReference + "|" + i.Audience, i => i.CareType);
        var marker = "ORIGINEEL" + Guid.NewGuid().ToString("N")[..8];
        var random = new Random(11);
        var n = 0;
        foreach (var (client, audience, token, _) in scenario.Invitations)
        {
            var care = careOf[client + "|" + audience];
            if (care != "jeugdreclassering" && random.NextDouble() > 0.5) continue; // jeugdreclassering: a small cell, all answer
            var opened = await session.OpenAsync(token, null, CancellationToken.None);
            var answers = Ervaring.Core.Demo.SyntheticRespondents.Answers(opened.Context!.BaseDefinition, care, 0, random);
            foreach (var open in opened.Context.BaseDefinition.Items.Where(i => i.Type == ItemType.Open))
                answers[open.Id] = [$"{marker}-{n}x de hulpverlener van {care} was fijn, mail mij op ouder{n}@voorbeeld.nl"];
            await session.SubmitAsync(opened.Context, answers, opened.Context.BaseDefinition.Items.Select(i => i.Id).ToList(), ResponseModes.Web, CancellationToken.None);
            n++;
        }
        using var admin = fixture.AdminClient();
        Assert.True((await admin.PostAsync($"/api/waves/{scenario.WaveId}/close", null)).IsSuccessStatusCode);
        return (scenario.WaveId, municipality, marker);
    }

    private static async Task<List<JsonElement>> OpenAnswersAsync(HttpClient client, string waveId)
    {
        var all = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var body = await client.GetFromJsonAsync<JsonElement>($"/api/waves/{waveId}/open-answers?page={page}");
            all.AddRange(body.GetProperty("answers").EnumerateArray());
            if (page >= body.GetProperty("pages").GetInt32()) return all;
        }
    }

    [Fact]
    public async Task Quotes_need_approval_and_a_cell_of_k_and_a_paraphrase_never_exposes_the_original()
    {
        var (waveId, municipality, marker) = await ClosedWaveAsync();
        using var admin = fixture.AdminClient();
        using var researcher = fixture.App.CreateClient();
        researcher.DefaultRequestHeaders.Add("X-Api-Key", AppFixture.ResearcherKey);

        // The onderzoeker reads the open answers: masked, 50 per page, never cached.
        var first = await researcher.GetAsync($"/api/waves/{waveId}/open-answers");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("no-store", first.Headers.CacheControl?.ToString());
        var answers = await OpenAnswersAsync(researcher, waveId);
        Assert.All(answers, a => Assert.DoesNotContain("@voorbeeld.nl", a.GetProperty("text").GetString()));
        Assert.True(answers.Count > 50);
        var small = answers.First(a => !a.GetProperty("quotable").GetBoolean());
        Assert.True(small.GetProperty("cellSize").GetInt32() < K);
        var big = answers.Where(a => a.GetProperty("quotable").GetBoolean()).Take(3).ToList();
        Assert.Equal(3, big.Count);
        Assert.Equal(HttpStatusCode.Forbidden, (await researcher.PostAsJsonAsync($"/api/waves/{waveId}/quotes", new { })).StatusCode);

        object Quote(JsonElement a, bool approved, string? paraphrase = null) => new
        {
            responseKey = a.GetProperty("responseKey").GetString(), itemId = a.GetProperty("itemId").GetString(), theme = "kwaliteit", paraphrase, approved,
        };
        // 1. No approval: refused with a Dutch message at the field, nothing stored.
        var unapproved = await admin.PostAsJsonAsync($"/api/waves/{waveId}/quotes", Quote(big[0], approved: false));
        Assert.Equal(HttpStatusCode.BadRequest, unapproved.StatusCode);
        Assert.Contains("Bevestig", (await unapproved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("approved")[0].GetString());
        // 2. A cell below k: refused even when approved.
        var fromSmall = await admin.PostAsJsonAsync($"/api/waves/{waveId}/quotes", Quote(small, approved: true));
        Assert.Equal(HttpStatusCode.BadRequest, fromSmall.StatusCode);
        Assert.Contains("minder dan 10", (await fromSmall.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("responseKey")[0].GetString());
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>($"/api/waves/{waveId}/quotes")).EnumerateArray());
        // 3. Approved, paraphrased: only the paraphrase is stored.
        const string paraphrase = "Een ouder vertelt dat de hulpverlener echt luisterde.";
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/waves/{waveId}/quotes", Quote(big[1], true, paraphrase))).StatusCode);
        // 4. Approved as written (masked).
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/waves/{waveId}/quotes", Quote(big[2], true))).StatusCode);
        var stored = (await admin.GetFromJsonAsync<JsonElement>($"/api/waves/{waveId}/quotes")).EnumerateArray().ToList();
        Assert.Equal(2, stored.Count);
        var paraphrasedOriginal = big[1].GetProperty("text").GetString()!;
        var paraphrasedMarker = paraphrasedOriginal.Split(' ')[0];
        var verbatimMarker = big[2].GetProperty("text").GetString()!.Split(' ')[0];
        // The quotes table holds only the final text, theme and cell: no response key, no original.
        var table = fixture.App.Services.GetRequiredService<StorageAccount>().Table(StorageNames.Tables.Quotes);
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == waveId))
        {
            Assert.Equal(new[] { "Approved", "Cell", "ChosenAt", "Paraphrased", "Scope", "Text", "Theme", "Audience" }.Order(), e.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).Order());
            Assert.DoesNotContain(paraphrasedMarker, e.GetString("Text"));
            Assert.DoesNotContain(big[1].GetProperty("responseKey").GetString()!, string.Join("|", e.Select(p => p.Value)));
        }

        // Officers' text: HTML typed into a duiding stays text.
        var interpretation = await admin.PutAsJsonAsync($"/api/waves/{waveId}/interpretations", new
        {
            scope = municipality, audience = "ouders", measure = "toegang", dimension = "totaal",
            text = "Toegang blijft een zorg.\n\n- <script>alert('x')</script> wachttijden\n- <b>meer</b> uitleg",
        });
        Assert.Equal(HttpStatusCode.NoContent, interpretation.StatusCode);
        var badAction = await admin.PostAsJsonAsync($"/api/waves/{waveId}/actions", new { measures = new[] { "toegang" }, what = "", who = "college", due = "morgen" });
        var badErrors = (await badAction.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(HttpStatusCode.BadRequest, badAction.StatusCode);
        Assert.StartsWith("Beschrijf", badErrors.GetProperty("what")[0].GetString());
        Assert.StartsWith("Vul in wanneer", badErrors.GetProperty("due")[0].GetString());

        Assert.True((await admin.PostAsync($"/api/waves/{waveId}/publish", null)).IsSuccessStatusCode);
        var slug = Ervaring.Functions.Reports.Slugs.Of(municipality);
        using var anonymous = fixture.App.CreateClient();
        var year = (await fixture.App.Services.GetRequiredService<Ervaring.Storage.Waves.WaveStore>().GetAsync(waveId))!.Wave.Settings.Year;
        var html = await anonymous.GetStringAsync($"/raad/{slug}/{year}");
        var csv = Encoding.UTF8.GetString(await anonymous.GetByteArrayAsync($"/raad/{slug}/{year}/data.csv"));
        var json = Encoding.UTF8.GetString(await anonymous.GetByteArrayAsync($"/raad/{slug}/{year}/data.json"));
        Assert.Contains(paraphrase, html);
        Assert.Contains(paraphrase, json);
        Assert.Contains(verbatimMarker, html); // the approved verbatim quote is published…
        foreach (var text in new[] { html, csv, json })
        {
            Assert.DoesNotContain(paraphrasedMarker, text); // …the paraphrased original never is,
            Assert.DoesNotContain(big[0].GetProperty("text").GetString()!.Split(' ')[0], text); // nor the unapproved one,
            Assert.DoesNotContain(small.GetProperty("text").GetString()!.Split(' ')[0], text); // nor one from a small cell,
            Assert.DoesNotContain("@voorbeeld.nl", text);
            Assert.DoesNotContain("<script>alert", text);
        }
        Assert.Contains("&lt;script&gt;alert(", html);
        Assert.Contains("Duiding door de gemeente", html);
        Assert.Contains("gekozen door de gemeente", html);
    }

    [Fact]
    public async Task The_dashboard_marks_the_interim_and_lets_the_onderzoeker_read_but_not_write()
    {
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 80);
        using var admin = fixture.AdminClient();
        Assert.True((await admin.PostAsync($"/api/waves/{scenario.WaveId}/report", null)).IsSuccessStatusCode);
        using var researcher = fixture.App.CreateClient(followRedirects: false);
        researcher.DefaultRequestHeaders.Add("X-Api-Key", AppFixture.ResearcherKey);

        var dashboard = await researcher.GetAsync($"/beheer/metingen/{scenario.WaveId}/rapportage");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("no-store", dashboard.Headers.CacheControl?.ToString());
        var html = await dashboard.Content.ReadAsStringAsync();
        Assert.Contains("Tussenstand — niet publiceren", html);
        Assert.Contains("Respons per gemeente en doelgroep", html);
        Assert.DoesNotContain("Rapport publiceren", html);
        Assert.DoesNotContain("/rapportage/concept", html);
        Assert.Equal(HttpStatusCode.OK, (await researcher.GetAsync($"/beheer/metingen/{scenario.WaveId}/open-antwoorden")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await researcher.GetAsync($"/beheer/metingen/{scenario.WaveId}/duiding")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await researcher.GetAsync($"/beheer/metingen/{scenario.WaveId}/rapportage/voorbeeld")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await researcher.GetAsync($"/api/waves/{scenario.WaveId}/notes")).StatusCode);
        // No words for the report while the wave is in the field.
        var early = await admin.PostAsJsonAsync($"/api/waves/{scenario.WaveId}/actions", new { measures = new[] { "toegang" }, what = "x", who = "y", due = "2027-01-01" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
    }
}
