using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ervaring.Integration.Tests.Load;
using Xunit.Abstractions;

namespace Ervaring.Integration.Tests.Concurrency;

/// <summary>
/// Issue 17, "Every officer action takes effect exactly once, whoever clicks twice": the wave's own steps —
/// create, frame import, draw, the auditor's re-draw, start of fielding, close — each sent eight times at once.
/// Storage after the burst must equal storage after one request on a twin wave, and every answer is the first
/// one's or a 409; none is a 5xx. Each test prints its counts for the record (docs/hardening-tests.md).
/// </summary>
[Collection(ConcurrencyCollection.Name)]
public sealed class WaveLifecycleConcurrencyTests(ConcurrencyFixture fixture, ITestOutputHelper output)
{
    private static void SameChange(StorageDelta single, StorageDelta burst)
    {
        var differences = single.DifferencesTo(burst);
        Assert.True(differences.Count == 0, "storage after the burst differs from storage after one request (one vs burst):\n" + string.Join("\n", differences.Take(40)));
    }

    [Fact]
    public async Task Creating_a_wave_eight_times_at_once_creates_one_and_a_second_for_the_same_year_is_refused()
    {
        using var officer = new Officer(fixture.App);
        var (twin, place) = (Officer.Place("Tweelingstad"), Officer.Place("Klikstad"));
        string? twinId = null;
        var single = await StorageDelta.OfAsync(officer.Storage, async () => twinId = await officer.CreateAsync(twin, 2030));
        IReadOnlyList<Answer> answers = [];
        var burst = await StorageDelta.OfAsync(officer.Storage, async () => answers = await Burst.SendAsync(officer.Client, Burst.Post("/api/waves", Officer.WaveBody(place, 2030, census: true))));

        var waves = (await officer.Client.GetFromJsonAsync<JsonElement>("/api/waves")).EnumerateArray()
            .Where(w => w.GetProperty("municipalities").EnumerateArray().Any(m => m.GetString() == place)).Select(w => w.GetProperty("id").GetString()!).ToList();
        output.WriteLine($"create wave ×{Burst.Size}: {Burst.Summary(answers)}; waves for the municipality and year: {waves.Count}");
        Assert.Single(waves);
        Burst.AssertTakesEffectOnce(answers);
        SameChange(single.Named(Officer.Names((twinId!, twin))), burst.Named(Officer.Names((waves[0], place))));

        // Later, a second wave for the same municipality and year is refused and the answer names the first.
        var again = await officer.Client.PostAsJsonAsync("/api/waves", Officer.WaveBody(place, 2030, census: false));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(waves[0], (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Importing_the_same_frame_eight_times_at_once_imports_it_once()
    {
        using var officer = new Officer(fixture.App);
        var (twin, place) = (Officer.Place("Tweelingkader"), Officer.Place("Kaderdorp"));
        var twinId = await officer.CreateAsync(twin);
        var waveId = await officer.CreateAsync(place);
        var names = Officer.Names((twinId, twin), (waveId, place));
        var single = await StorageDelta.OfAsync(officer.Storage, () => officer.ImportAsync(twinId, Officer.Frame(twin, 220, 2026)), names);
        IReadOnlyList<Answer> answers = [];
        var frame = Officer.Frame(place, 220, 2026);
        var burst = await StorageDelta.OfAsync(officer.Storage, async () =>
            answers = await Burst.SendAsync(officer.Client, Burst.PostCsv($"/api/waves/{waveId}/frame?dropInvalid=true", frame)), names);

        output.WriteLine($"frame import ×{Burst.Size}: {Burst.Summary(answers)}; wave events written: {burst.Count("created: table waveevents")} (one request: {single.Count("created: table waveevents")})");
        Burst.AssertTakesEffectOnce(answers);
        SameChange(single, burst);
    }

    [Fact]
    public async Task Drawing_a_census_of_220_families_eight_times_at_once_issues_each_invitation_once()
    {
        using var officer = new Officer(fixture.App);
        var (twin, place) = (Officer.Place("Tweelingtrek"), Officer.Place("Trekdorp"));
        var twinId = await officer.FramedAsync(twin, 220);
        var waveId = await officer.FramedAsync(place, 220);
        var names = Officer.Names((twinId, twin), (waveId, place));
        var single = await StorageDelta.OfAsync(officer.Storage, () => officer.DrawAsync(twinId), names);
        IReadOnlyList<Answer> answers = [];
        var burst = await StorageDelta.OfAsync(officer.Storage, async () =>
            answers = await Burst.SendAsync(officer.Client, Burst.Post($"/api/waves/{waveId}/sample", new { })), names);

        var sample = (await officer.WaveAsync(waveId)).GetProperty("sample");
        var exported = await officer.ExportAsync(waveId);
        var stored = await officer.InvitationCountAsync(waveId);
        output.WriteLine($"census draw of 220 ×{Burst.Size}: {Burst.Summary(answers)}; invitations stored {stored}, exported {exported.Count}, " +
                         $"recorded sample {sample.GetProperty("invitations").GetInt32()} (one request on the twin: {await officer.InvitationCountAsync(twinId)})");
        Assert.Equal(sample.GetProperty("invitations").GetInt32(), stored);
        Assert.Equal(stored, exported.Count);
        Assert.Equal(exported.Count, exported.Select(l => string.Join(';', l.Split(';')[..2])).Distinct().Count());
        var verify = await officer.Client.PostAsync($"/api/waves/{waveId}/sample/verify", null);
        Assert.True((await verify.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("matches").GetBoolean(), await verify.Content.ReadAsStringAsync());
        Burst.AssertTakesEffectOnce(answers);
        SameChange(single, burst);
    }

    [Fact]
    public async Task Two_draws_at_once_on_a_stratified_wave_leave_exactly_the_sample_the_auditor_redraws()
    {
        using var officer = new Officer(fixture.App);
        var place = Officer.Place("Stratumstad");
        var waveId = await officer.FramedAsync(place, 3000, census: false);
        var answers = await Burst.SendAsync(officer.Client, Burst.Post($"/api/waves/{waveId}/sample", new { }), size: 2);

        var sample = (await officer.WaveAsync(waveId)).GetProperty("sample");
        var stored = await officer.InvitationCountAsync(waveId);
        var exported = await officer.ExportAsync(waveId);
        var clients = exported.Select(l => l.Split(';')[0]).Distinct().Count();
        var verify = await (await officer.Client.PostAsync($"/api/waves/{waveId}/sample/verify", null)).Content.ReadFromJsonAsync<JsonElement>();
        output.WriteLine($"stratified draw ×2: {Burst.Summary(answers)}; recorded sample {sample.GetProperty("clients").GetInt32()} clients / {sample.GetProperty("invitations").GetInt32()} invitations; " +
                         $"stored {stored} invitations for {clients} clients; verify says matches={verify.GetProperty("matches").GetBoolean()}");
        Assert.True(verify.GetProperty("matches").GetBoolean(), verify.ToString());
        Assert.Equal(sample.GetProperty("invitations").GetInt32(), stored);
        Assert.Equal(sample.GetProperty("clients").GetInt32(), clients);
        Burst.AssertTakesEffectOnce(answers);
    }

    [Fact]
    public async Task The_auditors_redraw_eight_times_at_once_changes_nothing_and_answers_alike()
    {
        using var officer = new Officer(fixture.App);
        var place = Officer.Place("Controledorp");
        var waveId = await officer.SampledAsync(place, 300, census: false);
        IReadOnlyList<Answer> answers = [];
        var burst = await StorageDelta.OfAsync(officer.Storage, async () =>
            answers = await Burst.SendAsync(officer.Client, Burst.Post($"/api/waves/{waveId}/sample/verify")), Officer.Names((waveId, place)));
        output.WriteLine($"verify ×{Burst.Size}: {Burst.Summary(answers)}; storage changes: {burst.Items.Count}");
        Assert.All(answers, a => Assert.Equal(200, a.Status));
        Burst.AssertTakesEffectOnce(answers);
        Assert.Empty(burst.Items);
    }

    [Fact]
    public async Task Starting_fielding_eight_times_at_once_starts_it_once()
    {
        using var officer = new Officer(fixture.App);
        var (twin, place) = (Officer.Place("Tweelingveld"), Officer.Place("Velddorp"));
        var twinId = await officer.SampledAsync(twin, 150);
        var waveId = await officer.SampledAsync(place, 150);
        var names = Officer.Names((twinId, twin), (waveId, place));
        var single = await StorageDelta.OfAsync(officer.Storage, async () =>
            Assert.True((await officer.Client.PostAsync($"/api/waves/{twinId}/fielding", null)).IsSuccessStatusCode), names);
        IReadOnlyList<Answer> answers = [];
        var burst = await StorageDelta.OfAsync(officer.Storage, async () =>
            answers = await Burst.SendAsync(officer.Client, Burst.Post($"/api/waves/{waveId}/fielding")), names);
        output.WriteLine($"start fielding ×{Burst.Size}: {Burst.Summary(answers)}; wave events {burst.Count("created: table waveevents")} (one request: {single.Count("created: table waveevents")})");
        Burst.AssertTakesEffectOnce(answers);
        SameChange(single, burst);
    }

    [Fact]
    public async Task Closing_eight_times_at_once_closes_once_and_keeps_every_response()
    {
        using var officer = new Officer(fixture.App);
        var (twin, place) = (Officer.Place("Tweelingsluit"), Officer.Place("Sluitdorp"));
        var twinScenario = await officer.FieldingAsync(twin, 150);
        var scenario = await officer.FieldingAsync(place, 150);
        var twinAnswered = await officer.AnswerAsync(twinScenario, 0.5);
        var answered = await officer.AnswerAsync(scenario, 0.5);
        Assert.Equal(twinAnswered, answered);
        var names = Officer.Names((twinScenario.WaveId, twin), (scenario.WaveId, place));
        var single = await StorageDelta.OfAsync(officer.Storage, () => officer.CloseAsync(twinScenario.WaveId), names);
        IReadOnlyList<Answer> answers = [];
        var burst = await StorageDelta.OfAsync(officer.Storage, async () =>
            answers = await Burst.SendAsync(officer.Client, Burst.Post($"/api/waves/{scenario.WaveId}/close")), names);

        var responses = await officer.ResponseCountAsync(scenario.WaveId);
        output.WriteLine($"close ×{Burst.Size}: {Burst.Summary(answers)}; responses {responses} of {answered} submitted; invitations left {await officer.InvitationCountAsync(scenario.WaveId)}");
        Assert.Equal(answered, responses);
        Burst.AssertTakesEffectOnce(answers);
        SameChange(single, burst);
    }

    [Fact]
    public async Task Closing_while_families_are_still_submitting_loses_no_acknowledged_answer()
    {
        using var officer = new Officer(fixture.App);
        var scenario = await officer.FieldingAsync(Officer.Place("Laatkomerstad"), 300);
        var forms = await SubmissionRun.AnswersAsync(fixture.App, scenario, scenario.Invitations.Count);
        using var family = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = 16 })
        {
            BaseAddress = fixture.App.App.BaseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };
        var results = new ConcurrentBag<Submission>();
        var sent = 0;
        var closeAfter = forms.Count / 3;
        var closing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var submits = Parallel.ForEachAsync(forms, new ParallelOptions { MaxDegreeOfParallelism = 12 }, async (form, _) =>
        {
            if (Interlocked.Increment(ref sent) == closeAfter) closing.TrySetResult();
            results.Add(await SubmissionRun.SubmitAsync(family, form.Key, form.Value));
        });
        await closing.Task;
        var closes = await Burst.SendAsync(officer.Client, Burst.Post($"/api/waves/{scenario.WaveId}/close"), size: 2);
        await submits;
        // The nightly job finishes a close that gave up because answers kept coming in.
        if (!closes.Any(c => c.Succeeded)) await officer.CloseAsync(scenario.WaveId);

        var thanked = results.Count(r => r.ThankYou);
        var stored = await officer.ResponseCountAsync(scenario.WaveId);
        var progress = await officer.Client.GetFromJsonAsync<JsonElement>($"/api/waves/{scenario.WaveId}/progress");
        var counted = progress.GetProperty("completed").GetInt32();
        output.WriteLine($"close ×2 during {forms.Count} submissions: {Burst.Summary(closes)}; thank-you pages {thanked}, other answers " +
                         $"{string.Join(", ", results.Where(r => !r.ThankYou).GroupBy(r => (int)r.Status).Select(g => $"{g.Key}×{g.Count()}"))}; " +
                         $"responses stored {stored}, completed in the frozen counts {counted}");
        Assert.All(results, r => Assert.True((int)r.Status < 500, $"{(int)r.Status}: {Burst.Trim(r.Body)}"));
        Assert.All(closes, c => Assert.True(c.Status < 500, $"{c.Status}: {Burst.Trim(c.Body)}"));
        Assert.True(thanked > 0 && thanked < forms.Count, $"the close should land among the submissions ({thanked} of {forms.Count} thanked)");
        Assert.Equal(thanked, stored);
        Assert.Equal(thanked, counted);
    }
}
