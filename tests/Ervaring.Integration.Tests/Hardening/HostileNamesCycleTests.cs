using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ervaring.Functions.Survey;

namespace Ervaring.Integration.Tests.Hardening;

/// <summary>
/// Storage keys never carry raw user text: a census wave whose municipality and region names hold every character
/// Azure Table keys refuse (/ \ # ?), the key separator |, Greek and Chinese letters and a name of the longest allowed
/// length goes through the whole cycle over HTTP — create, frame, draw, fielding, answers, close, report, notes,
/// publish. Close must purge; every report gets its own address. What validation refuses (control characters,
/// a 1 KB name) is refused with a Dutch 4xx naming the field.
/// </summary>
public sealed class HostileNamesCycleTests : IAsyncLifetime
{
    private readonly AppFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();
    public Task DisposeAsync() => _fixture.DisposeAsync();

    private static readonly string LongName = string.Concat(Enumerable.Repeat("Ω/#?\\|x", 20))[..100];

    public static readonly string[] Municipalities =
        ["Bergen/L", "Oost\\West", "Hekje#1", "Vraag?teken", "Pijp|Stad", "Αθήνα", "东京", "Москва", LongName];

    private const string Region = "Regio /\\#?| Ωμέγα 东";

    [Fact]
    public async Task A_census_wave_with_names_storage_keys_refuse_goes_through_the_whole_cycle()
    {
        using var admin = _fixture.AdminClient();
        var year = DateTime.UtcNow.Year;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        // --- what validation refuses, it refuses in Dutch, at the field ---
        foreach (var (bad, words) in new[] { ("Gemeente\u0007Bel", "besturingstekens"), ("Tab\tStad", "besturingstekens"), (new string('Ж', 1024), "hoogstens 100 tekens") })
        {
            var refused = await admin.PostAsJsonAsync("/api/waves", WaveBody(bad, year));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await JsonAsync(refused);
            Assert.Contains(words, problem.GetProperty("errors").GetProperty("municipalities[0]")[0].GetString());
        }
        var longRegion = await admin.PostAsJsonAsync("/api/waves", WaveBody("Een", year, region: new string('#', 1024), municipalities: ["Een", "Twee"]));
        Assert.Equal(HttpStatusCode.BadRequest, longRegion.StatusCode);
        Assert.Contains("regionaam is te lang", (await JsonAsync(longRegion)).GetProperty("errors").GetProperty("region")[0].GetString());

        // --- create, frame, draw ---
        var waveId = await CreateWaveAsync(admin, new
        {
            region = Region,
            municipalities = Municipalities,
            year,
            fieldStart = today.AddDays(-1).ToString("yyyy-MM-dd"),
            fieldEnd = today.AddDays(30).ToString("yyyy-MM-dd"),
            census = true,
        });
        var frame = await PostCsvAsync(admin, $"/api/waves/{waveId}/frame", Frame(year));
        Assert.True(frame.IsSuccessStatusCode, await frame.Content.ReadAsStringAsync());
        var draw = await admin.PostAsJsonAsync($"/api/waves/{waveId}/sample", new { });
        Assert.True(draw.IsSuccessStatusCode, await draw.Content.ReadAsStringAsync());

        var export = CsvCells.Parse(Encoding.UTF8.GetString(await admin.GetByteArrayAsync($"/api/waves/{waveId}/invitations.csv")), ';');
        Assert.Equal(["clientreferentie", "doelgroep", "gemeente", "link", "code", "privacyverklaring", "qrbestand"], export[0]);
        var invitations = export.Skip(1).Select(r => (Client: r[0], Audience: r[1], Municipality: r[2], Token: r[3].Split("/s/?t=")[1])).ToList();
        Assert.Equal(Municipalities.Order(StringComparer.Ordinal), invitations.Select(i => i.Municipality).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(invitations, i => i.Client == "K/1-" + 0);
        Assert.Contains(invitations, i => i.Client.Length > 1000);
        var qr = await admin.GetAsync($"/api/waves/{waveId}/invitations/qr.zip");
        Assert.Equal(HttpStatusCode.OK, qr.StatusCode);
        // One QR file per invitation: "Z/9" and "Z#9" must not share a file name (the letter would get the other link).
        using (var zip = new System.IO.Compression.ZipArchive(await qr.Content.ReadAsStreamAsync()))
        {
            Assert.Equal(invitations.Count, zip.Entries.Count);
            Assert.Equal(invitations.Count, zip.Entries.Select(e => e.FullName.ToLowerInvariant()).Distinct().Count());
            Assert.All(zip.Entries, e => Assert.True(e.FullName.Length <= 100 && !e.FullName.Any(c => c is '/' or '\\' or ':' or '#' or '?'), e.FullName));
            // The export's qrbestand column names exactly these files (the letter template's mail merge relies on it).
            Assert.Equal(zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal), export.Skip(1).Select(r => r[6]).Order(StringComparer.Ordinal));
        }

        // --- fielding: one family per municipality answers over HTTP ---
        var fielding = await admin.PostAsync($"/api/waves/{waveId}/fielding", null);
        Assert.True(fielding.IsSuccessStatusCode, await fielding.Content.ReadAsStringAsync());
        var answering = invitations.Where(i => i.Audience == "ouders").GroupBy(i => i.Municipality).Select(g => g.First()).ToList();
        Assert.Equal(Municipalities.Length, answering.Count);
        using (var family = _fixture.App.CreateClient())
        {
            foreach (var (i, n) in answering.Select((i, n) => (i, n)))
            {
                var answers = await FieldingScenario.AnswersAsync(_fixture, i.Token, variant: n);
                var posted = await family.PostAsync(SurveyLinks.For(i.Token), Form(answers));
                Assert.Contains("<h1>Bedankt!</h1>", await posted.Content.ReadAsStringAsync());
            }
        }

        // --- close: must succeed and purge ---
        var close = await admin.PostAsync($"/api/waves/{waveId}/close", null);
        Assert.True(close.IsSuccessStatusCode, $"{(int)close.StatusCode} {await close.Content.ReadAsStringAsync()}");
        var wave = await admin.GetFromJsonAsync<JsonElement>($"/api/waves/{waveId}");
        Assert.Equal(JsonValueKind.String, wave.GetProperty("purgedOn").ValueKind);

        // The frozen fieldwork counts give every name back exactly as it was written.
        var progress = await admin.GetFromJsonAsync<JsonElement>($"/api/waves/{waveId}/progress");
        Assert.Equal(answering.Count, progress.GetProperty("completed").GetInt32());
        Assert.Equal(invitations.Count, progress.GetProperty("invited").GetInt32());
        Assert.Equal(Municipalities.Order(StringComparer.Ordinal),
            progress.GetProperty("strata").EnumerateArray().Select(s => s.GetProperty("municipality").GetString()!).Distinct().Order(StringComparer.Ordinal));

        // --- report draft and results ---
        var report = await admin.PostAsync($"/api/waves/{waveId}/report", null);
        Assert.True(report.IsSuccessStatusCode, await report.Content.ReadAsStringAsync());
        var results = await admin.GetAsync($"/api/waves/{waveId}/results");
        Assert.True(results.IsSuccessStatusCode, await results.Content.ReadAsStringAsync());

        // --- the report's words, keyed by scope (municipality or region name) ---
        foreach (var scope in Municipalities.Append(Region))
        {
            var put = await admin.PutAsJsonAsync($"/api/waves/{waveId}/interpretations", new { scope, audience = "ouders", measure = "toegang", text = $"Duiding voor {scope}." });
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }
        var action = await admin.PostAsJsonAsync($"/api/waves/{waveId}/actions", new { scope = "东京", measures = new[] { "toegang" }, what = "Wachttijden korter", who = "college", due = $"{year + 1}-03-01" });
        Assert.True(action.IsSuccessStatusCode, await action.Content.ReadAsStringAsync());
        var notes = await admin.GetFromJsonAsync<JsonElement>($"/api/waves/{waveId}/notes");
        var interpreted = notes.GetProperty("interpretations").EnumerateArray().ToDictionary(n => n.GetProperty("scope").GetString()!, n => n.GetProperty("text").GetString());
        Assert.Equal(Municipalities.Length + 1, interpreted.Count);
        foreach (var scope in Municipalities.Append(Region)) Assert.Equal($"Duiding voor {scope}.", interpreted[scope]);

        // --- publish: one report per municipality and one for the region, each at its own address ---
        var publish = await admin.PostAsync($"/api/waves/{waveId}/publish", null);
        Assert.True(publish.IsSuccessStatusCode, $"{(int)publish.StatusCode} {await publish.Content.ReadAsStringAsync()}");
        var versions = (await JsonAsync(publish)).GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(Municipalities.Length + 1, versions.Count);
        Assert.Equal(versions.Count, versions.Select(v => v.GetProperty("slug").GetString()).Distinct().Count());
        using var anonymous = _fixture.App.CreateClient();
        foreach (var v in versions)
        {
            var url = v.GetProperty("url").GetString()!;
            var page = await anonymous.GetAsync(url);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{url}: {(int)page.StatusCode}");
            var csv = await anonymous.GetAsync(url + "/data.csv");
            Assert.True(csv.StatusCode == HttpStatusCode.OK, $"{url}/data.csv: {(int)csv.StatusCode}");
            var scope = v.GetProperty("scope").GetString()!;
            Assert.Contains(scope, WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
        }
        Assert.Equal("published", (await admin.GetFromJsonAsync<JsonElement>($"/api/waves/{waveId}")).GetProperty("state").GetString(), ignoreCase: true);
    }

    /// <summary>
    /// Five clients per municipality (ages 8 and 14: parents, and both for the teenager), with client references and
    /// provider codes full of separators, key-breaking characters, a control character and 1 KB of text.
    /// </summary>
    private static byte[] Frame(int year)
    {
        var lines = new List<string> { "clientreferentie;geboortejaar;gemeente;zorgvorm;verwijzer;aanbieder;startdatum;einddatum" };
        string[] references = ["K/1-", "K\\2-", "K#3-", "K?4-", "Κλήση東"];
        string[] cares = ["ambulant", "verblijf", "jeugdbescherming", "pgb", "ambulant"];
        string[] providers = ["AB/01", "AB\\02", "AB#03", "AB?04", "AB\u000105"];
        var row = 0;
        foreach (var municipality in Municipalities)
        {
            for (var i = 0; i < references.Length; i++, row++)
            {
                var reference = row == 7 ? new string('R', 1024) + row : references[i] + row;
                var provider = row == 3 ? new string('P', 1024) : providers[i];
                var born = year - (i % 2 == 0 ? 8 : 14);
                lines.Add(string.Join(';', Quote(reference), born, Quote(municipality), cares[i], i == 1 ? "gi" : "huisarts", Quote(provider), $"{year - 1}-02-01", ""));
            }
        }
        foreach (var twin in new[] { "Z/9", "Z#9" })
            lines.Add(string.Join(';', Quote(twin), year - 8, Quote(Municipalities[0]), "ambulant", "huisarts", "AB01", $"{year - 1}-02-01", ""));
        return Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";

    private static FormUrlEncodedContent Form(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> answers) =>
        new(answers.SelectMany(a => a.Value.Select(v => new KeyValuePair<string, string>(a.Key, v))).Append(new("actie", "verzenden")));
}
