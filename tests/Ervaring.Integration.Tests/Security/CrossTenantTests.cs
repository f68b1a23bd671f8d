using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Ervaring.Core.Demo;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Integration.Tests.Hostile;
using Ervaring.Storage;
using Xunit.Abstractions;
using static Ervaring.Integration.Tests.Security.CrossTenantFixture;

namespace Ervaring.Integration.Tests.Security;

/// <summary>
/// Issue 15, point 3: Voorbeeldstad's officer tries every admin endpoint and admin page, with every method and a body
/// that would work for the wave's own officer, on Havendorp's waves and on the region wave Voorbeeldstad is only part
/// of. Every answer must be exactly what a wave that does not exist gets (404, the same Dutch body but for the id), no
/// body may carry a foreign wave's name or municipality, and storage must be unchanged. The list of requests comes
/// from the function catalogue, so a new endpoint is tried without anyone adding it here; with the central check taken
/// away from one endpoint this test fails (docs/hardening-tests.md).
/// </summary>
public sealed partial class CrossTenantTests(CrossTenantFixture fixture, ITestOutputHelper output) : IClassFixture<CrossTenantFixture>
{
    private const string Missing = "2026-bestaat-niet-k3f9x2";

    private static IEnumerable<HttpFunction> OneWaveFunctions =>
        HttpFunctionCatalog.Instance.Http.Values.Where(f => f.IsAboutOneWave).OrderBy(f => f.Name, StringComparer.Ordinal);

    [Fact]
    public async Task An_officer_of_one_municipality_gets_nothing_of_another_municipalitys_waves_nor_of_a_region_wave_it_is_only_part_of()
    {
        using var api = fixture.Api(KeyA);
        var (browser, formToken) = await fixture.SignedInAsync(KeyA);
        using var _ = browser;
        var foreign = new[] { fixture.ForeignFielding, fixture.ForeignClosed, fixture.RegionWave };
        var functions = OneWaveFunctions.ToList();
        Assert.True(functions.Count >= 40, $"only {functions.Count} functions about one wave");

        var before = await StorageSnapshot.TakeAsync(fixture.App.Azurite.ConnectionString);
        var failures = new List<string>();
        var requests = 0;
        foreach (var function in functions)
            foreach (var method in function.Methods)
            {
                // What a wave that does not exist gets: the answer every foreign wave must get too.
                var (missingStatus, missingBody) = await SendAsync(function, method, Missing, api, browser, formToken);
                foreach (var waveId in foreign)
                {
                    var (status, body) = await SendAsync(function, method, waveId, api, browser, formToken);
                    requests++;
                    var what = $"{function.Name} {method} on {waveId}";
                    if (status is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden))
                        failures.Add($"{what}: {(int)status}, not 404 or 403: {Excerpt(body)}");
                    else if (Normalise(body, waveId) != Normalise(missingBody, Missing) || status != missingStatus)
                        failures.Add($"{what}: {(int)status} differs from a wave that does not exist ({(int)missingStatus}):\n{Excerpt(Normalise(body, waveId))}\nvs\n{Excerpt(Normalise(missingBody, Missing))}");
                    foreach (var secret in new[] { fixture.Names[waveId], B, Region, "Het duurde lang" })
                        if (body.Contains(secret, StringComparison.Ordinal)) failures.Add($"{what}: the body holds '{secret}'");
                }
            }
        var changes = before.DifferencesTo(await StorageSnapshot.TakeAsync(fixture.App.Azurite.ConnectionString));
        output.WriteLine($"{requests} requests on foreign waves over {functions.Count} functions; {failures.Count} failures; {changes.Count} storage changes");
        Assert.True(failures.Count == 0 && changes.Count == 0,
            $"{failures.Count} requests got more than a wave that does not exist:\n{string.Join("\n", failures.Take(30))}\n{changes.Count} storage changes:\n{string.Join("\n", changes.Take(30))}");
        Assert.True(requests >= 120, $"only {requests} requests");
    }

    [Fact]
    public async Task Every_refusal_is_in_the_audit_log_with_who_what_and_which_wave_and_nothing_else()
    {
        using var api = fixture.Api(KeyA);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/waves/{fixture.ForeignClosed}/open-answers")).StatusCode);
        var table = new TableClient(fixture.App.Azurite.ConnectionString, StorageNames.Tables.AuditLog);
        var refusals = await table.QueryAsync<TableEntity>(e => e.PartitionKey == DateTime.UtcNow.ToString("yyyy-MM"))
            .Where(e => e.GetString("Refusal") == "buiten gemeenten" && e.GetString("WaveId") == fixture.ForeignClosed && e.GetString("Route") == "/api/waves/{id}/open-answers")
            .ToListAsync();
        var refusal = Assert.Single(refusals, e => e.GetString("Actor") == NameA);
        Assert.Equal(404, refusal.GetInt32("Status"));
        Assert.Equal("GET", refusal.GetString("Method"));
        Assert.Equal(["Actor", "Method", "PartitionKey", "Refusal", "Role", "Route", "RowKey", "Status", "Timestamp", "WaveId", "odata.etag"],
            refusal.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_officer_acts_on_its_own_municipalitys_wave_and_the_coordinator_on_every_wave()
    {
        using var own = fixture.Api(KeyA);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/api/waves/{fixture.OwnWave}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/api/waves/{fixture.OwnWave}/progress")).StatusCode);
        var (browser, _) = await fixture.SignedInAsync(KeyA);
        using (browser)
        {
            var page = await browser.GetAsync($"/beheer/metingen/{fixture.OwnWave}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains(fixture.Names[fixture.OwnWave], WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
        }
        using var havendorp = fixture.Api(KeyB);
        Assert.Equal(HttpStatusCode.OK, (await havendorp.GetAsync($"/api/waves/{fixture.ForeignClosed}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await havendorp.GetAsync($"/api/waves/{fixture.RegionWave}")).StatusCode);
        using var coordinator = fixture.Api(AppFixture.AdminKey);
        foreach (var wave in new[] { fixture.OwnWave, fixture.ForeignClosed, fixture.RegionWave, fixture.BeekdalWave })
            Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/waves/{wave}")).StatusCode);
    }

    [Fact]
    public async Task Lists_show_an_officer_only_the_waves_of_its_own_municipalities()
    {
        using var own = fixture.Api(KeyA);
        var list = await own.GetStringAsync("/api/waves");
        var deadlines = await own.GetStringAsync("/api/report-deadlines");
        var (browser, _) = await fixture.SignedInAsync(KeyA);
        string overview, help, helpStep, template;
        using (browser)
        {
            overview = WebUtility.HtmlDecode(await browser.GetStringAsync("/beheer"));
            // Help and the template register file (issue 20) hold no wave data at all: nothing of anyone's waves.
            help = WebUtility.HtmlDecode(await browser.GetStringAsync("/beheer/hulp"));
            helpStep = WebUtility.HtmlDecode(await browser.GetStringAsync("/beheer/hulp/veldwerk"));
            template = await browser.GetStringAsync("/beheer/sjablonen/kader.csv");
        }
        foreach (var (what, text) in new[] { ("GET /beheer/hulp", help), ("GET /beheer/hulp/veldwerk", helpStep), ("GET /beheer/sjablonen/kader.csv", template) })
            foreach (var wave in fixture.Names.Keys)
                Assert.False(text.Contains(wave, StringComparison.Ordinal) || text.Contains(A, StringComparison.Ordinal) || text.Contains(B, StringComparison.Ordinal), $"{what} shows wave data");
        foreach (var (what, text) in new[] { ("GET /api/waves", list), ("GET /api/report-deadlines", deadlines), ("GET /beheer", overview) })
        {
            Assert.Contains(fixture.OwnWave, text);
            foreach (var other in new[] { fixture.ForeignFielding, fixture.ForeignClosed, fixture.RegionWave, fixture.BeekdalWave })
                Assert.False(text.Contains(other, StringComparison.Ordinal), $"{what} shows {other}");
            foreach (var name in new[] { B, C, Region, "Eén aanmeldpunt in Havendorp" })
                Assert.False(text.Contains(name, StringComparison.Ordinal), $"{what} shows '{name}'");
        }
        using var coordinator = fixture.Api(AppFixture.AdminKey);
        var all = await coordinator.GetStringAsync("/api/waves");
        foreach (var wave in fixture.Names.Keys) Assert.Contains(wave, all);
        var allDeadlines = await coordinator.GetStringAsync("/api/report-deadlines");
        foreach (var wave in fixture.Names.Keys) Assert.Contains(wave, allDeadlines);
    }

    [Fact]
    public async Task An_officer_creates_waves_only_for_its_own_municipalities()
    {
        using var own = fixture.Api(KeyA);
        var (browser, token) = await fixture.SignedInAsync(KeyA);
        var before = await StorageSnapshot.TakeAsync(fixture.App.Azurite.ConnectionString);
        foreach (var municipalities in new[] { new[] { B }, [A, B], [C] })
        {
            var refused = await own.PostAsJsonAsync("/api/waves", WaveBody(municipalities, Year + 1));
            var body = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{string.Join("+", municipalities)}: {(int)refused.StatusCode} {body}");
            Assert.Contains("U mag alleen metingen aanmaken voor de gemeenten waarvoor u bent aangewezen (Voorbeeldstad)", body);
        }
        using (browser)
        {
            var page = await browser.PostAsync("/beheer/metingen/nieuw", new FormUrlEncodedContent(NewWaveForm(B, Year + 1, token)));
            Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        }
        Assert.Empty(before.DifferencesTo(await StorageSnapshot.TakeAsync(fixture.App.Azurite.ConnectionString)));

        // Its own municipality, a year that has no wave yet: made, and in its list. The year of the region wave is
        // taken for Voorbeeldstad: the refusal says so without naming the region wave (not the officer's to see).
        var made = await own.PostAsJsonAsync("/api/waves", WaveBody([A], Year + 1));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var id = JsonDocument.Parse(await made.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        Assert.Contains(id, await own.GetStringAsync("/api/waves"));
        var taken = await own.PostAsJsonAsync("/api/waves", WaveBody([A], Year - 2));
        var takenBody = await taken.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.DoesNotContain(fixture.RegionWave, takenBody);
        Assert.DoesNotContain(Region, takenBody);
    }

    [Fact]
    public async Task An_Entra_officer_sees_the_municipalities_of_its_groups_and_a_coordinator_group_sees_all()
    {
        const string vbGroup = "0b7c9a52-1111-4c3e-9d0a-5f0e1a2b3c4d", rcGroup = "9f8e7d6c-2222-4b5a-8c9d-0e1f2a3b4c5d";
        await using var hosted = await AppInstance.StartAsync(fixture.App.Azurite.ConnectionString, new Dictionary<string, string?>
        {
            [Ervaring.Functions.Hosting.FunctionsHost.UnderHostKey] = "true",
            [Ervaring.Functions.Hosting.FunctionsHost.PlatformAuthenticationKey] = "True",
            ["Ervaring:Municipalities:vb:Name"] = A,
            ["Ervaring:Municipalities:vb:EntraGroups"] = $"00000000-0000-0000-0000-000000000001, {vbGroup.ToUpperInvariant()}",
            ["Ervaring:Municipalities:hd:Name"] = B,
            ["Ervaring:Region:CoordinatorGroups"] = rcGroup,
        });
        async Task<(string List, HttpStatusCode Own, HttpStatusCode Foreign)> AsAsync(params string[] groups)
        {
            using var client = hosted.CreateClient(followRedirects: false);
            var claims = string.Join(",", groups.Select(g => $$"""{"typ":"groups","val":"{{g}}"}""").Prepend("""{"typ":"roles","val":"beheerder"}""")
                .Prepend("""{"typ":"name","val":"officier@voorbeeldstad.example"}"""));
            client.DefaultRequestHeaders.Add(Ervaring.Functions.Security.PlatformPrincipalHandler.Header,
                Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""{"auth_typ":"aad","role_typ":"roles","claims":[{{claims}}]}""")));
            return (await client.GetStringAsync("/api/waves"),
                (await client.GetAsync($"/api/waves/{fixture.OwnWave}")).StatusCode, (await client.GetAsync($"/api/waves/{fixture.ForeignClosed}")).StatusCode);
        }

        var officer = await AsAsync(vbGroup, "12345678-aaaa-bbbb-cccc-000000000000");
        Assert.Contains(fixture.OwnWave, officer.List);
        Assert.DoesNotContain(fixture.ForeignClosed, officer.List);
        Assert.DoesNotContain(fixture.RegionWave, officer.List);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (officer.Own, officer.Foreign));

        var coordinator = await AsAsync(rcGroup);
        foreach (var wave in fixture.Names.Keys) Assert.Contains(wave, coordinator.List);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (coordinator.Own, coordinator.Foreign));

        var unmapped = await AsAsync("12345678-aaaa-bbbb-cccc-000000000000");
        Assert.Equal("[]", unmapped.List);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (unmapped.Own, unmapped.Foreign));
    }

    [Fact]
    public async Task A_sign_in_cookie_acts_with_its_keys_municipalities_as_configured_now_not_as_at_sign_in()
    {
        // Signed in as Voorbeeldstad's officer; then the app starts again with that key moved to Havendorp (same
        // secrets, same key ring, so the cookie and its session are still good).
        var cookies = new CookieContainer();
        using (var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = fixture.App.App.BaseAddress })
            Assert.Equal(HttpStatusCode.Redirect, (await AdminPageSignIn.SignInAsync(browser, KeyA)).StatusCode);
        await using var moved = await AppInstance.StartAsync(fixture.App.Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Ervaring:ApiKeys:voorbeeldstad:Key"] = KeyA, ["Ervaring:ApiKeys:voorbeeldstad:Role"] = "beheerder",
            ["Ervaring:ApiKeys:voorbeeldstad:Name"] = NameA, ["Ervaring:ApiKeys:voorbeeldstad:Municipalities"] = B,
        });
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = moved.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/beheer/metingen/{fixture.ForeignClosed}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/beheer/metingen/{fixture.OwnWave}")).StatusCode);
    }

    // ---- the requests ---------------------------------------------------------------------------------------------

    private async Task<(HttpStatusCode, string)> SendAsync(HttpFunction function, string method, string waveId, HttpClient api, HttpClient browser, string formToken)
    {
        var path = "/" + RouteValue().Replace(function.Route, m => m.Groups[1].Value switch
        {
            "id" => waveId,
            "actionId" => fixture.ForeignActionId,
            "quoteId" => fixture.ForeignQuoteId,
            _ => "x",
        }) + Query(function.Name);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (function.IsApi) request.Content = ApiBody(function.Name);
        else if (method == "POST") request.Content = FormBody(function.Name, formToken);
        using var response = await (function.IsApi ? api : browser).SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Query(string function) => function switch
    {
        "FieldingReminders" => "?round=1",
        "NotesOpenAnswers" => "?page=1",
        "PagesQuoteNew" => "?antwoord=x&vraag=y",
        "PagesWaveReminders" => "?ronde=1",
        _ => "",
    };

    /// <summary>A body the wave's own officer could send with success: so a missing check would show as a change.</summary>
    private HttpContent? ApiBody(string function) => function switch
    {
        "SamplingFrameImport" or "SamplingVerify" => Csv(SyntheticRegister.Csv(50, [B], Year, 3, referencePrefix: "XT")),
        "SamplingDraw" => Json(new { }),
        "ReportsPublish" => Json(new { correction = (string?)null }),
        "NotesInterpretationsSave" => Json(new { scope = B, audience = "ouders", measure = "toegang", dimension = Ervaring.Core.Reports.Dimensions.Total, text = "Ouders in Havendorp vinden de weg." }),
        "NotesActionsCreate" => Json(new { what = "Een wijkteam erbij", who = "Het college", due = $"{Year + 1}-03-01", measures = new[] { "toegang" } }),
        "NotesFollowUpSave" => Json(new { status = "loopt", note = "Met vier aanbieders zijn afspraken gemaakt." }),
        "NotesQuotesChoose" => Json(new { responseKey = fixture.ForeignQuotable.ResponseKey, itemId = fixture.ForeignQuotable.ItemId, theme = "toegang", approved = true }),
        _ => null,
    };

    private HttpContent FormBody(string function, string token)
    {
        List<(string, string)> fields = function switch
        {
            "PagesReportingPublish" => [("correction", ""), ("gezien", "")],
            "PagesNotesPost" => [("scope", B), ("audience", "ouders"), ("measure", "toegang"), ("dimension", Ervaring.Core.Reports.Dimensions.Total), ("duiding-text", "Ouders vinden de weg.")],
            "PagesActionsPost" => [("actie-what", "Een wijkteam erbij"), ("actie-who", "Het college"), ("actie-due", $"{Year + 1}-03-01"), ("measures", "toegang"), ("sleutel", Guid.NewGuid().ToString("N"))],
            "PagesActionEditPost" => [("actie-what", "Een wijkteam erbij"), ("actie-who", "Het college"), ("actie-due", $"{Year + 1}-03-01"), ("measures", "toegang")],
            "PagesActionStatus" => [("status", "loopt"), ($"opvolging-{fixture.ForeignActionId}-note", "Met vier aanbieders zijn afspraken gemaakt.")],
            "PagesQuotePost" => [("responseKey", fixture.ForeignQuotable.ResponseKey), ("itemId", fixture.ForeignQuotable.ItemId), ("theme", "toegang"), ("approved", "true")],
            _ => [],
        };
        fields.Add(("__RequestVerificationToken", token));
        if (function != "PagesWaveFrame") return new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in fields) multipart.Add(new StringContent(value), name);
        multipart.Add(Csv(SyntheticRegister.Csv(50, [B], Year, 3, referencePrefix: "XT")), "bestand", "kader.csv");
        return multipart;
    }

    private static HttpContent Json(object body) => CrossTenantFixture.Json(body);

    private static HttpContent Csv(byte[] csv)
    {
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        return content;
    }

    private static object WaveBody(string[] municipalities, int year) => new
    {
        municipalities,
        region = municipalities.Length > 1 ? Region : null,
        year,
        fieldStart = $"{year}-03-01",
        fieldEnd = $"{year}-04-15",
    };

    private static List<KeyValuePair<string, string>> NewWaveForm(string municipality, int year, string token) =>
    [
        new("municipalities", municipality), new("year", year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("fieldStart", $"{year}-03-01"), new("fieldEnd", $"{year}-04-15"), new("margin", "0,05"), new("expectedResponseRate", "0,30"),
        new("strata", "gemeente"), new("strata", "zorgvorm"), new("strata", "leeftijdsgroep"), new("suppressionThreshold", "10"),
        new("reminderDays", "7, 14"), new("__RequestVerificationToken", token),
    ];

    /// <summary>The body with the wave id as a placeholder, and what differs per request anyway (form tokens, trace ids).</summary>
    private static string Normalise(string body, string waveId) =>
        TraceId().Replace(FormTokenValue().Replace(body.Replace(waveId, "{meting}", StringComparison.Ordinal), "value=\"…\""), "\"traceId\":\"…\"");

    private static string Excerpt(string body) => body.Length > 600 ? body[..600] + "…" : body;

    [GeneratedRegex(@"\{([a-zA-Z]+)(?::[a-z]+)?\}")]
    private static partial Regex RouteValue();

    [GeneratedRegex("(?<=name=\"__RequestVerificationToken\"[^>]*?)value=\"[^\"]*\"")]
    private static partial Regex FormTokenValue();

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();
}
