using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ervaring.Functions.Fielding;
using Ervaring.Storage.Waves;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Ervaring.Integration.Tests.Concurrency;

/// <summary>
/// Issue 17 for the report's words and the reminder rounds: interpretations, improvement actions (also the
/// "Actie bewaren" double post), follow-ups and quotes, each eight times at once; reminder rounds announced once.
/// </summary>
[Collection(ConcurrencyCollection.Name)]
public sealed class CouncilNotesConcurrencyTests(ConcurrencyFixture fixture, ITestOutputHelper output)
{
    private static void SameChange(StorageDelta single, StorageDelta burst)
    {
        var differences = single.DifferencesTo(burst);
        Assert.True(differences.Count == 0, "storage after the burst differs from storage after one request (one vs burst):\n" + string.Join("\n", differences.Take(40)));
    }

    private static object Action(string place, string what) => new { scope = place, measures = new[] { "toegang" }, what, who = "het college", due = "2027-03-01" };

    [Fact]
    public async Task Interpretations_actions_and_follow_ups_sent_eight_times_at_once_are_stored_once()
    {
        using var officer = new Officer(fixture.App);
        var (twin, place) = (Officer.Place("Tweelingduiding"), Officer.Place("Duidingdorp"));
        var twinId = await officer.ClosedAsync(twin);
        var waveId = await officer.ClosedAsync(place);
        var names = Officer.Names((twinId, twin), (waveId, place));
        object Interpretation(string scope) => new { scope, audience = "ouders", measure = "kwaliteit", dimension = "totaal", text = "Ouders zijn tevreden over de hulp." };

        // 1. Interpretation (PUT).
        var single = await StorageDelta.OfAsync(officer.Storage, async () =>
            Assert.Equal(HttpStatusCode.NoContent, (await officer.Client.PutAsJsonAsync($"/api/waves/{twinId}/interpretations", Interpretation(twin))).StatusCode), names);
        IReadOnlyList<Answer> answers = [];
        var burst = await StorageDelta.OfAsync(officer.Storage, async () =>
            answers = await Burst.SendAsync(officer.Client, Burst.Put($"/api/waves/{waveId}/interpretations", Interpretation(place))), names);
        output.WriteLine($"interpretation ×{Burst.Size}: {Burst.Summary(answers)}");
        Burst.AssertTakesEffectOnce(answers);
        SameChange(single, burst);

        // 2. "Actie bewaren" posted twice (and six more times) at once: one action.
        single = await StorageDelta.OfAsync(officer.Storage, async () =>
            Assert.True((await officer.Client.PostAsJsonAsync($"/api/waves/{twinId}/actions", Action(twin, "Wachttijden halveren"))).IsSuccessStatusCode), names);
        burst = await StorageDelta.OfAsync(officer.Storage, async () =>
            answers = await Burst.SendAsync(officer.Client, Burst.Post($"/api/waves/{waveId}/actions", Action(place, "Wachttijden halveren"))), names);
        var actions = (await officer.Client.GetFromJsonAsync<JsonElement>($"/api/waves/{waveId}/notes")).GetProperty("actions").GetArrayLength();
        output.WriteLine($"action ×{Burst.Size} (same content, no id): {Burst.Summary(answers)}; actions stored {actions}");
        Assert.Equal(1, actions);
        Burst.AssertTakesEffectOnce(answers);
        SameChange(single, burst);

        // 3. The same with an id the client chose, and with an idempotency key: still one each, same answer.
        var withId = await Burst.SendAsync(officer.Client, Burst.Post($"/api/waves/{waveId}/actions", new
        {
            id = "eigenid01", scope = place, measures = new[] { "effect" }, what = "Meer hulp dichtbij", who = "wijkteams", due = "2027-06-01",
        }));
        var withKey = await Burst.SendAsync(officer.Client, Burst.Post($"/api/waves/{waveId}/actions", new
        {
            idempotencyKey = "klik-7f3a", scope = place, measures = new[] { "kwaliteit" }, what = "Vaste contactpersoon", who = "aanbieders", due = "2027-09-01",
        }));
        actions = (await officer.Client.GetFromJsonAsync<JsonElement>($"/api/waves/{waveId}/notes")).GetProperty("actions").GetArrayLength();
        output.WriteLine($"action ×{Burst.Size} with the client's id: {Burst.Summary(withId)}; with an idempotency key: {Burst.Summary(withKey)}; actions stored {actions}");
        Assert.Equal(3, actions);
        Burst.AssertTakesEffectOnce(withId);
        Burst.AssertTakesEffectOnce(withKey);

        // 4. Deleting an action eight times at once: gone once, every answer the same.
        var deletes = await Burst.SendAsync(officer.Client, Burst.Delete($"/api/waves/{waveId}/actions/eigenid01"));
        output.WriteLine($"delete action ×{Burst.Size}: {Burst.Summary(deletes)}");
        Burst.AssertTakesEffectOnce(deletes);

        // 5. Follow-up of a published report's action, eight times at once.
        await officer.PublishAsync(twinId);
        await officer.PublishAsync(waveId);
        var twinAction = (await officer.Client.GetFromJsonAsync<JsonElement>($"/api/waves/{twinId}/notes")).GetProperty("actions")[0].GetProperty("id").GetString();
        var action = (await officer.Client.GetFromJsonAsync<JsonElement>($"/api/waves/{waveId}/notes")).GetProperty("actions").EnumerateArray()
            .First(a => a.GetProperty("what").GetString() == "Wachttijden halveren").GetProperty("id").GetString();
        var followUp = new { status = "loopt", note = "De eerste teams werken met de nieuwe intake." };
        single = await StorageDelta.OfAsync(officer.Storage, async () =>
            Assert.Equal(HttpStatusCode.NoContent, (await officer.Client.PutAsJsonAsync($"/api/waves/{twinId}/actions/{twinAction}/follow-up", followUp)).StatusCode),
            [.. names, (twinAction!, "{actie}")]);
        burst = await StorageDelta.OfAsync(officer.Storage, async () =>
            answers = await Burst.SendAsync(officer.Client, Burst.Put($"/api/waves/{waveId}/actions/{action}/follow-up", followUp)), [.. names, (action!, "{actie}")]);
        output.WriteLine($"follow-up ×{Burst.Size}: {Burst.Summary(answers)}");
        Burst.AssertTakesEffectOnce(answers);
        SameChange(single, burst);
    }

    [Fact]
    public async Task A_quote_chosen_or_withdrawn_eight_times_at_once_is_chosen_or_withdrawn_once()
    {
        using var officer = new Officer(fixture.App);
        var place = Officer.Place("Citaatdorp");
        var waveId = await officer.ClosedAsync(place, clients: 240);
        var open = (await officer.Client.GetFromJsonAsync<JsonElement>($"/api/waves/{waveId}/open-answers")).GetProperty("answers").EnumerateArray()
            .First(a => a.GetProperty("quotable").GetBoolean());
        var quote = new { responseKey = open.GetProperty("responseKey").GetString(), itemId = open.GetProperty("itemId").GetString(), theme = "kwaliteit", approved = true };

        var answers = await Burst.SendAsync(officer.Client, Burst.Post($"/api/waves/{waveId}/quotes", quote));
        var quotes = (await officer.Client.GetFromJsonAsync<JsonElement>($"/api/waves/{waveId}/quotes")).EnumerateArray().ToList();
        output.WriteLine($"choose quote ×{Burst.Size}: {Burst.Summary(answers)}; quotes stored {quotes.Count}");
        Assert.Single(quotes);
        Burst.AssertTakesEffectOnce(answers);

        var withdrawals = await Burst.SendAsync(officer.Client, Burst.Delete($"/api/waves/{waveId}/quotes/{quotes[0].GetProperty("id").GetString()}"));
        output.WriteLine($"withdraw quote ×{Burst.Size}: {Burst.Summary(withdrawals)}");
        Burst.AssertTakesEffectOnce(withdrawals);
        Assert.Empty((await officer.Client.GetFromJsonAsync<JsonElement>($"/api/waves/{waveId}/quotes")).EnumerateArray());
    }

    [Fact]
    public async Task Two_nightly_runs_at_once_announce_each_reminder_round_once()
    {
        using var officer = new Officer(fixture.App);
        var scenario = await officer.FieldingAsync(Officer.Place("Herinneringdorp"), 60);
        var reminders = fixture.App.App.Services.GetRequiredService<Reminders>();
        // Three weeks later both rounds (day 7 and 14) are due; two runs of the nightly step overlap.
        var later = DateTimeOffset.UtcNow.AddDays(21);
        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            try { return await reminders.RunAsync(later, CancellationToken.None); }
            catch (Exception ex) { return "mislukt: " + ex.GetType().Name; }
        })));
        var events = (await fixture.App.App.Services.GetRequiredService<WaveStore>().EventsAsync(scenario.WaveId)).Where(e => e.What.StartsWith("herinneringsronde", StringComparison.Ordinal)).ToList();
        var wave = (await fixture.App.App.Services.GetRequiredService<WaveStore>().GetAsync(scenario.WaveId))!.Wave;
        output.WriteLine($"reminder step ×2: {string.Join(" | ", runs)}; round events {events.Count}; rounds recorded [{string.Join(",", wave.RemindersAnnounced)}]");
        Assert.DoesNotContain(runs, r => r.StartsWith("mislukt", StringComparison.Ordinal));
        Assert.Equal(2, events.Count);
        Assert.Equal(new[] { 1, 2 }, wave.RemindersAnnounced.Order().ToArray());
    }
}
