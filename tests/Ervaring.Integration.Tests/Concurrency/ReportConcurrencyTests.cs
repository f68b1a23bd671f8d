using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ervaring.Functions.Reports;
using Xunit.Abstractions;

namespace Ervaring.Integration.Tests.Concurrency;

/// <summary>
/// Issue 17 for the report: building the draft, publishing and correcting, each eight times at once. Publishing
/// eight times yields one version; a correction that changes nothing, or has no sentence, is refused.
/// </summary>
[Collection(ConcurrencyCollection.Name)]
public sealed class ReportConcurrencyTests(ConcurrencyFixture fixture, ITestOutputHelper output)
{
    private static void SameChange(StorageDelta single, StorageDelta burst)
    {
        var differences = single.DifferencesTo(burst);
        Assert.True(differences.Count == 0, "storage after the burst differs from storage after one request (one vs burst):\n" + string.Join("\n", differences.Take(40)));
    }

    [Fact]
    public async Task Building_the_report_draft_eight_times_at_once_stores_one_draft()
    {
        using var officer = new Officer(fixture.App);
        var (twin, place) = (Officer.Place("Tweelingconcept"), Officer.Place("Conceptdorp"));
        var twinId = await officer.ClosedAsync(twin);
        var waveId = await officer.ClosedAsync(place);
        var names = Officer.Names((twinId, twin), (waveId, place));
        var single = await StorageDelta.OfAsync(officer.Storage, async () =>
            Assert.True((await officer.Client.PostAsync($"/api/waves/{twinId}/report", null)).IsSuccessStatusCode), names);
        IReadOnlyList<Answer> answers = [];
        var burst = await StorageDelta.OfAsync(officer.Storage, async () =>
            answers = await Burst.SendAsync(officer.Client, Burst.Post($"/api/waves/{waveId}/report")), names);
        output.WriteLine($"report draft ×{Burst.Size}: {Burst.Summary(answers)}; aggregate rows created {burst.Count("created: table aggregates")} (one request: {single.Count("created: table aggregates")})");
        Burst.AssertTakesEffectOnce(answers);
        SameChange(single, burst);

        // Asked again later with nothing changed: the same draft, the same answer.
        var again = await officer.Client.PostAsync($"/api/waves/{waveId}/report", null);
        Assert.Equal(answers.First(a => a.Succeeded).Body, await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Publishing_eight_times_at_once_yields_one_version()
    {
        using var officer = new Officer(fixture.App);
        var (twin, place) = (Officer.Place("Tweelingrapport"), Officer.Place("Publicatiedorp"));
        var twinId = await officer.ClosedAsync(twin);
        var waveId = await officer.ClosedAsync(place);
        var names = Officer.Names((twinId, twin), (waveId, place));
        var single = await StorageDelta.OfAsync(officer.Storage, () => officer.PublishAsync(twinId), names);
        IReadOnlyList<Answer> answers = [];
        var burst = await StorageDelta.OfAsync(officer.Storage, async () =>
            answers = await Burst.SendAsync(officer.Client, Burst.Post($"/api/waves/{waveId}/publish")), names);

        var versions = burst.Count("created: blob reports / {slug}/") / 4;
        output.WriteLine($"publish ×{Burst.Size}: {Burst.Summary(answers)}; versions written {versions} ({burst.Count("created: blob reports")} blobs; one request: {single.Count("created: blob reports")})");
        Assert.Equal(1, versions);
        Burst.AssertTakesEffectOnce(answers);
        SameChange(single, burst);
    }

    [Fact]
    public async Task A_correction_sent_eight_times_at_once_yields_one_new_version_and_an_empty_or_unchanged_one_is_refused()
    {
        using var officer = new Officer(fixture.App);
        var place = Officer.Place("Correctiedorp");
        var waveId = await officer.ClosedAsync(place);
        await officer.PublishAsync(waveId);

        // Without a sentence saying what changed: refused. With one, but nothing changed: refused.
        var unsaid = await officer.Client.PostAsJsonAsync($"/api/waves/{waveId}/publish", new { correction = "  " });
        var unchanged = await officer.Client.PostAsJsonAsync($"/api/waves/{waveId}/publish", new { correction = "Een tikfout is verbeterd." });
        var repeated = await officer.Client.PostAsync($"/api/waves/{waveId}/publish", null);
        output.WriteLine($"correction without sentence: {(int)unsaid.StatusCode}; correction that changes nothing: {(int)unchanged.StatusCode}; publish again without correction: {(int)repeated.StatusCode}");
        Assert.Equal(HttpStatusCode.BadRequest, unsaid.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, repeated.StatusCode);

        // Something really changes (the municipality's interpretation); the correction, sent eight times, is one version.
        var interpretation = await officer.Client.PutAsJsonAsync($"/api/waves/{waveId}/interpretations", new
        {
            scope = place, audience = "ouders", measure = "toegang", dimension = "totaal", text = "De wachttijden zijn de grootste zorg.",
        });
        Assert.Equal(HttpStatusCode.NoContent, interpretation.StatusCode);
        IReadOnlyList<Answer> answers = [];
        var burst = await StorageDelta.OfAsync(officer.Storage, async () =>
            answers = await Burst.SendAsync(officer.Client, Burst.Post($"/api/waves/{waveId}/publish", new { correction = "De duiding bij toegang is toegevoegd." })),
            Officer.Names((waveId, place)));
        var versions = burst.Count("created: blob reports / {slug}/") / 4;
        output.WriteLine($"correction ×{Burst.Size}: {Burst.Summary(answers)}; new versions {versions}");
        Assert.Equal(1, versions);
        Burst.AssertTakesEffectOnce(answers);
        Assert.Equal(2, answers.First(a => a.Succeeded).Json.GetProperty("versions")[0].GetProperty("version").GetInt32());
    }
}
