using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ervaring.Core.Reports;
using Ervaring.Core.Statistics;
using Ervaring.Core.Statistics.Design;
using Ervaring.Core.Surveys;
using Ervaring.Functions.Sampling;
using Ervaring.Functions.Survey;
using Ervaring.Storage;
using Ervaring.Storage.Invitations;
using Ervaring.Storage.Responses;
using Ervaring.Storage.Waves;
using Microsoft.Extensions.DependencyInjection;
using static Ervaring.Testing.SamplingApi;

namespace Ervaring.Integration.Tests.Reports;

/// <summary>
/// Issue 18: a wave that chooses calibration, from its creation through frame, draw, answers, close, report draft and
/// publication, against Azurite. The expected figures are computed here with the Core design object from the stored
/// responses and margins counted from the frame this test wrote (not from what the app kept), so both the capture at
/// sampling and the raked report are checked. A post-stratified wave keeps its report as it was.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CalibratedWaveTests(AppFixture fixture)
{
    private static readonly string[] Referrers = ["huisarts", "wijkteam", "jeugdarts"];
    private static readonly string[] AgeBandLabels = ["0-3", "4-11", "12-17", "18-23"];

    private sealed record Client(string Reference, int Age, string CareType, string Referrer, DateOnly Start);

    /// <summary>A register of one municipality, ages 5–16, three referrers and starts spread over five years.</summary>
    private static List<Client> Register(string prefix, DateOnly reference, int count)
    {
        var random = new Random(18);
        return Enumerable.Range(0, count).Select(i => new Client($"{prefix}-{i:D5}", 5 + random.Next(12), random.Next(3) == 0 ? "verblijf" : "ambulant",
            Referrers[random.Next(Referrers.Length)], reference.AddDays(-1 - random.Next(5 * 365)))).ToList();
    }

    private static byte[] Csv(string place, DateOnly reference, IEnumerable<Client> clients) => Encoding.UTF8.GetBytes(
        "clientreferentie;geboortejaar;gemeente;zorgvorm;verwijzer;aanbieder;startdatum;einddatum\n" + string.Join("\n", clients.Select(c =>
            $"{c.Reference};{reference.Year - c.Age};{place};{c.CareType};{c.Referrer};A1;{c.Start:yyyy-MM-dd};")));

    /// <summary>Whole years in care at the reference date, in the wave's default bands 0-1, 1-2, 2plus (written out here on purpose).</summary>
    private static string Band(DateOnly start, DateOnly reference)
    {
        var years = reference.Year - start.Year - (reference < start.AddYears(reference.Year - start.Year) ? 1 : 0);
        return years < 1 ? "0-1" : years < 2 ? "1-2" : "2plus";
    }

    private async Task<(string WaveId, List<Client> Clients)> FieldedAsync(object settings, string place, DateOnly reference)
    {
        using var admin = fixture.AdminClient();
        var waveId = await CreateWaveAsync(admin, settings);
        // References of their own: a client surveyed by another test's wave would be left out as "recently surveyed".
        var clients = Register("K" + place[^6..], reference, 420);
        var frame = await PostCsvAsync(admin, $"/api/waves/{waveId}/frame", Csv(place, reference, clients));
        Assert.True(frame.IsSuccessStatusCode, await frame.Content.ReadAsStringAsync());
        var draw = await admin.PostAsJsonAsync($"/api/waves/{waveId}/sample", new { });
        Assert.True(draw.IsSuccessStatusCode, await draw.Content.ReadAsStringAsync());
        Assert.True((await admin.PostAsync($"/api/waves/{waveId}/fielding", null)).IsSuccessStatusCode);
        return (waveId, clients);
    }

    private static object Settings(string place, DateOnly today, bool calibrate) => new
    {
        municipalities = new[] { place },
        year = today.Year,
        fieldStart = today.AddDays(-1).ToString("yyyy-MM-dd"),
        fieldEnd = today.AddDays(30).ToString("yyyy-MM-dd"),
        census = true,
        weighting = calibrate ? "kalibratie" : "poststratificatie",
    };

    /// <summary>Answers through the real survey session; response and answers both depend on the referrer.</summary>
    private async Task AnswerAndCloseAsync(string waveId)
    {
        var services = fixture.App.Services;
        var session = services.GetRequiredService<SurveySession>();
        var invitations = new List<InvitationRecord>();
        await foreach (var i in services.GetRequiredService<InvitationStore>().ListAsync(waveId)) invitations.Add(i);
        var random = new Random(7);
        foreach (var invitation in invitations.OrderBy(i => i.ClientReference, StringComparer.Ordinal).ThenBy(i => i.Audience, StringComparer.Ordinal))
        {
            var propensity = invitation.Referrer switch { "huisarts" => 0.75, "wijkteam" => 0.5, _ => 0.3 };
            if (random.NextDouble() > propensity) continue;
            var token = await TokenAsync(waveId, invitation);
            var opened = await session.OpenAsync(token, null, CancellationToken.None);
            var answers = Ervaring.Core.Demo.SyntheticRespondents.Answers(opened.Context!.BaseDefinition, invitation.CareType, invitation.Referrer == "huisarts" ? 2 : 0, random);
            var result = await session.SubmitAsync(opened.Context, answers, opened.Context.BaseDefinition.Items.Select(i => i.Id).ToList(), ResponseModes.Web, CancellationToken.None);
            Assert.Equal(SubmitOutcome.Completed, result.Outcome);
        }
        using var admin = fixture.AdminClient();
        var close = await admin.PostAsync($"/api/waves/{waveId}/close", null);
        Assert.True(close.IsSuccessStatusCode, await close.Content.ReadAsStringAsync());
        var built = await admin.PostAsync($"/api/waves/{waveId}/report", null);
        Assert.True(built.IsSuccessStatusCode, await built.Content.ReadAsStringAsync());
    }

    private readonly Dictionary<string, Dictionary<string, string>> _links = new(StringComparer.Ordinal);

    /// <summary>The invitation's link token, from the mail-merge export as the municipality would receive it.</summary>
    private async Task<string> TokenAsync(string waveId, InvitationRecord invitation)
    {
        if (!_links.TryGetValue(waveId, out var links))
        {
            using var admin = fixture.AdminClient();
            var csv = Encoding.UTF8.GetString(await admin.GetByteArrayAsync($"/api/waves/{waveId}/invitations.csv"));
            _links[waveId] = links = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(';'))
                .ToDictionary(f => f[0] + "|" + f[1], f => f[3].Split("/s/?t=")[1], StringComparer.Ordinal);
        }
        return links[invitation.ClientReference + "|" + invitation.Audience];
    }

    [Fact]
    public async Task A_calibrated_wave_reports_the_raked_estimates_of_the_Core_design_from_the_frames_own_counts()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (place, reference) = (UniquePlace("Kalibratiestad"), today.AddDays(-1));
        var (waveId, clients) = await FieldedAsync(Settings(place, today, calibrate: true), place, reference);
        var services = fixture.App.Services;

        // The invitations carry the band, the audit record the frame's counts and nothing of a person.
        var invitations = new List<InvitationRecord>();
        await foreach (var i in services.GetRequiredService<InvitationStore>().ListAsync(waveId)) invitations.Add(i);
        var bandOf = clients.ToDictionary(c => c.Reference, c => Band(c.Start, reference));
        Assert.All(invitations, i => Assert.Equal(bandOf[i.ClientReference], i.DurationBand));
        var wave = (await services.GetRequiredService<WaveStore>().GetAsync(waveId))!.Wave;
        var auditJson = Encoding.UTF8.GetString((await services.GetRequiredService<BlobDocuments>().ReadBytesAsync(StorageNames.Containers.Audit, wave.Sample!.AuditBlob))!);
        Assert.Contains("\"calibrationCounts\"", auditJson);
        Assert.DoesNotContain(clients[0].Reference, auditJson);

        await AnswerAndCloseAsync(waveId);

        // --- independent computation: stored responses, margins counted from the frame written above ---
        var audit = (await services.GetRequiredService<BlobDocuments>().ReadJsonAsync<SampleAuditRecord>(StorageNames.Containers.Audit, wave.Sample.AuditBlob))!;
        var definition = (await services.GetRequiredService<WaveDefinitions>().GetAsync(waveId, "ouders", CancellationToken.None))!;
        StratumKey KeyOf(string samplingKey)
        {
            var p = samplingKey.Split(" | ");
            return new StratumKey(p[0], p[1], Array.IndexOf(AgeBandLabels, p[2]));
        }
        var population = audit.Strata.ToDictionary(s => KeyOf(s.Key), s => (long)s.PopulationSize); // every client is under 18: all count for parents
        var margins = new Dictionary<(string, string, string), long>();
        foreach (var c in clients)
        {
            foreach (var key in new[] { (place, "verwijzer", c.Referrer), (place, "duur", bandOf[c.Reference]) })
                margins[key] = margins.GetValueOrDefault(key) + 1;
        }
        var calibration = new CalibrationMargins(["verwijzer", "duur"], margins);
        var toegang = new DesignCellAccumulator();
        var mark = new DesignCellAccumulator();
        var responses = 0;
        await foreach (var r in services.GetRequiredService<ResponseStore>().ListAsync(waveId))
        {
            Assert.Contains(r.DurationBand, new[] { "0-1", "1-2", "2plus" });
            if (r.Audience != "ouders") continue;
            responses++;
            var profile = CalibrationProfile.Of(("verwijzer", r.Referrer), ("duur", r.DurationBand));
            if (SurveyScoring.IndicatorScore(definition, "toegang", r.Answers) is { } t) toegang.Add(KeyOf(r.StratumKey), profile, t, r.Referrer);
            if (SurveyScoring.IndicatorScore(definition, "rapportcijfer", r.Answers) is { } m) mark.Add(KeyOf(r.StratumKey), profile, m, r.Referrer);
        }
        Assert.True(responses > 150, $"{responses} parents answered");
        var toegangDesign = SurveyDesign.For(toegang, population, calibration);
        var markDesign = SurveyDesign.For(mark, population, calibration);
        Assert.Equal(Weighting.Calibration, toegangDesign.Weighting);

        using var admin = fixture.AdminClient();
        var rows = (await admin.GetFromJsonAsync<JsonElement>($"/api/waves/{waveId}/results")).GetProperty("rows").EnumerateArray().ToList();
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
        var total = DesignEstimator.Estimate(toegangDesign, toegang, EstimateKind.Mean, Domain.Everyone)!;
        Same(total, Row(Dimensions.Total, Dimensions.TotalValue, "toegang"));
        Same(DesignEstimator.Estimate(markDesign, mark, EstimateKind.Mean, Domain.Everyone)!, Row(Dimensions.Total, Dimensions.TotalValue, "rapportcijfer"));
        foreach (var referrer in Referrers)
            Same(DesignEstimator.Estimate(toegangDesign, toegang, EstimateKind.Mean, Domain.Label(referrer))!, Row(Dimensions.Referrer, referrer, "toegang"));
        // Not the post-stratified figure: the response depended on the referrer, which raking corrects for.
        var postStratified = new StratifiedEstimator(population);
        var plain = new ItemAccumulator();
        foreach (var cell in toegang.Cells) plain.Add(cell.Stratum, cell.Moments, cell.Label);
        Assert.NotEqual(postStratified.Estimate(plain, EstimateKind.Mean).Value, total.Value, 6);

        // --- the published report names the weighting and why ---
        Assert.True((await admin.PostAsync($"/api/waves/{waveId}/publish", null)).IsSuccessStatusCode);
        using var anonymous = fixture.App.CreateClient();
        var html = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/raad/{Ervaring.Functions.Reports.Slugs.Of(place)}/{today.Year}"));
        Assert.Contains(WeightingSentence.For(Weighting.Calibration, new CalibrationVariables()), html);
        foreach (var c in clients.Take(50)) Assert.DoesNotContain(c.Reference, html);
    }

    [Fact]
    public async Task A_post_stratified_wave_keeps_no_counts_or_bands_and_its_report_is_as_before()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (place, reference) = (UniquePlace("Lagenstad"), today.AddDays(-1));
        var (waveId, _) = await FieldedAsync(new
        {
            municipalities = new[] { place },
            year = today.Year,
            fieldStart = today.AddDays(-1).ToString("yyyy-MM-dd"),
            fieldEnd = today.AddDays(30).ToString("yyyy-MM-dd"),
            census = true,
        }, place, reference);
        var services = fixture.App.Services;
        var wave = (await services.GetRequiredService<WaveStore>().GetAsync(waveId))!.Wave;
        Assert.Equal("poststratificatie", wave.Settings.Weighting);
        var auditJson = Encoding.UTF8.GetString((await services.GetRequiredService<BlobDocuments>().ReadBytesAsync(StorageNames.Containers.Audit, wave.Sample!.AuditBlob))!);
        Assert.DoesNotContain("calibrationCounts", auditJson);
        await foreach (var i in services.GetRequiredService<InvitationStore>().ListAsync(waveId)) Assert.Equal("", i.DurationBand);

        await AnswerAndCloseAsync(waveId);

        var audit = (await services.GetRequiredService<BlobDocuments>().ReadJsonAsync<SampleAuditRecord>(StorageNames.Containers.Audit, wave.Sample.AuditBlob))!;
        var definition = (await services.GetRequiredService<WaveDefinitions>().GetAsync(waveId, "ouders", CancellationToken.None))!;
        StratumKey KeyOf(string samplingKey)
        {
            var p = samplingKey.Split(" | ");
            return new StratumKey(p[0], p[1], Array.IndexOf(AgeBandLabels, p[2]));
        }
        var toegang = new ItemAccumulator();
        await foreach (var r in services.GetRequiredService<ResponseStore>().ListAsync(waveId))
        {
            Assert.Equal("", r.DurationBand);
            if (r.Audience == "ouders" && SurveyScoring.IndicatorScore(definition, "toegang", r.Answers) is { } t) toegang.Add(KeyOf(r.StratumKey), t);
        }
        var expected = new StratifiedEstimator(audit.Strata.ToDictionary(s => KeyOf(s.Key), s => (long)s.PopulationSize)).Estimate(toegang, EstimateKind.Mean);
        using var admin = fixture.AdminClient();
        var row = (await admin.GetFromJsonAsync<JsonElement>($"/api/waves/{waveId}/results")).GetProperty("rows").EnumerateArray().Single(r =>
            r.GetProperty("audience").GetString() == "ouders" && r.GetProperty("dimension").GetString() == Dimensions.Total
            && r.GetProperty("measureType").GetString() == MeasureTypes.Indicator && r.GetProperty("measure").GetString() == "toegang");
        Assert.Equal(expected.Value, row.GetProperty("estimate").GetDouble(), 12);
        Assert.Equal(expected.Interval.Low, row.GetProperty("ciLow").GetDouble(), 12);

        Assert.True((await admin.PostAsync($"/api/waves/{waveId}/publish", null)).IsSuccessStatusCode);
        using var anonymous = fixture.App.CreateClient();
        var html = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/raad/{Ervaring.Functions.Reports.Slugs.Of(place)}/{today.Year}"));
        Assert.Contains("(poststratificatie: gewicht N_h / aantal geldige antwoorden in de laag)", html);
        Assert.DoesNotContain("kalibratie", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_officer_chooses_calibration_on_the_new_wave_page_and_a_wrong_choice_is_refused_in_Dutch_at_its_field()
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = fixture.App.BaseAddress };
        Assert.Equal(HttpStatusCode.Redirect, (await AdminPageSignIn.SignInAsync(browser, AppFixture.AdminKey)).StatusCode);
        var form = await browser.GetStringAsync("/beheer/metingen/nieuw");
        Assert.Contains("name=\"weighting\" value=\"kalibratie\"", form);
        Assert.Contains("name=\"calibrateTo\" value=\"duur\"", form);
        var token = AdminPageSignIn.FormToken(form);
        var place = UniquePlace("Formkalibratie");
        List<KeyValuePair<string, string>> Fields(string weighting, string[] calibrateTo, string years) =>
        [
            new("municipalities", place), new("year", "2026"), new("fieldStart", "2026-03-01"), new("fieldEnd", "2026-04-15"), new("margin", "0,05"),
            new("expectedResponseRate", "0,30"), new("strata", "gemeente"), new("strata", "zorgvorm"), new("strata", "leeftijdsgroep"),
            new("suppressionThreshold", "10"), new("reminderDays", "7, 14"), new("weighting", weighting),
            .. calibrateTo.Select(v => new KeyValuePair<string, string>("calibrateTo", v)), new("durationBandYears", years), new("__RequestVerificationToken", token),
        ];

        var noVariable = await browser.PostAsync("/beheer/metingen/nieuw", new FormUrlEncodedContent(Fields("kalibratie", [], "1, 2")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noVariable.StatusCode);
        var page = WebUtility.HtmlDecode(await noVariable.Content.ReadAsStringAsync());
        Assert.Contains("Kies bij kalibratie minstens één variabele", page);
        Assert.Contains("id=\"calibrateTo-fout\"", page);
        Assert.Contains(place, page); // the form comes back as typed
        var badBands = await browser.PostAsync("/beheer/metingen/nieuw", new FormUrlEncodedContent(Fields("kalibratie", ["duur"], "2, 1")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badBands.StatusCode);
        Assert.Contains("De grenzen voor de duur van de zorg moeten oplopen", WebUtility.HtmlDecode(await badBands.Content.ReadAsStringAsync()));

        var made = await browser.PostAsync("/beheer/metingen/nieuw", new FormUrlEncodedContent(Fields("kalibratie", ["verwijzer", "duur"], "1, 3")));
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var waveId = made.Headers.Location!.OriginalString.Split('/')[^1].Split('?')[0];
        var settings = (await fixture.App.Services.GetRequiredService<WaveStore>().GetAsync(Uri.UnescapeDataString(waveId)))!.Wave.Settings;
        Assert.Equal("kalibratie", settings.Weighting);
        Assert.Equal(["verwijzer", "duur"], settings.CalibrateTo);
        Assert.Equal([1, 3], settings.DurationBandYears);
        var shown = WebUtility.HtmlDecode(await browser.GetStringAsync(made.Headers.Location));
        Assert.Contains("kalibratie naar verwijzer en duur (grenzen voor de duur: 1, 3 jaar)", shown);
    }

    [Fact]
    public async Task The_API_refuses_a_wrong_weighting_with_a_Dutch_message_per_field_and_stores_nothing()
    {
        using var admin = fixture.AdminClient();
        var place = UniquePlace("Apikalibratie");
        var response = await admin.PostAsJsonAsync("/api/waves", new
        {
            municipalities = new[] { place }, year = 2026, fieldStart = "2026-03-01", fieldEnd = "2026-04-15",
            weighting = "kalibratie", calibrateTo = new[] { "postcode" }, durationBandYears = new[] { 0 },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.Contains(errors.GetProperty("calibrateTo").EnumerateArray(), e => e.GetString()!.StartsWith("Onbekende variabele 'postcode' om naar te wegen", StringComparison.Ordinal));
        var waves = await admin.GetStringAsync("/api/waves");
        Assert.DoesNotContain(place, waves);
    }

    [Fact]
    public async Task Two_draws_of_a_calibrating_wave_at_once_give_one_sample_with_one_set_of_counts_and_bands()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (place, reference) = (UniquePlace("Dubbeltrek"), today.AddDays(-1));
        using var admin = fixture.AdminClient();
        var waveId = await CreateWaveAsync(admin, Settings(place, today, calibrate: true));
        var clients = Register("D" + place[^6..], reference, 200);
        Assert.True((await PostCsvAsync(admin, $"/api/waves/{waveId}/frame", Csv(place, reference, clients))).IsSuccessStatusCode);

        var draws = await Task.WhenAll(admin.PostAsJsonAsync($"/api/waves/{waveId}/sample", new { }), admin.PostAsJsonAsync($"/api/waves/{waveId}/sample", new { }));
        foreach (var draw in draws)
            Assert.True(draw.IsSuccessStatusCode || draw.StatusCode == HttpStatusCode.Conflict, $"{(int)draw.StatusCode}: {await draw.Content.ReadAsStringAsync()}");
        Assert.Contains(draws, d => d.IsSuccessStatusCode);

        var services = fixture.App.Services;
        var wave = (await services.GetRequiredService<WaveStore>().GetAsync(waveId))!.Wave;
        var invitations = new List<InvitationRecord>();
        await foreach (var i in services.GetRequiredService<InvitationStore>().ListAsync(waveId)) invitations.Add(i);
        Assert.Equal(wave.Sample!.Invitations, invitations.Count);
        Assert.Equal(invitations.Count, invitations.Select(i => (i.ClientReference, i.Audience)).Distinct().Count());
        Assert.All(invitations, i => Assert.Equal(Band(clients.Single(c => c.Reference == i.ClientReference).Start, reference), i.DurationBand));
        var audit = (await services.GetRequiredService<BlobDocuments>().ReadJsonAsync<SampleAuditRecord>(StorageNames.Containers.Audit, wave.Sample.AuditBlob))!;
        foreach (var variable in new[] { "verwijzer", "duur" })
            Assert.Equal(clients.Count, audit.CalibrationCounts!.Where(c => c.Variable == variable).Sum(c => c.Count));
    }
}
