using Azure.Data.Tables;
using Ervaring.Core.Surveys;
using Ervaring.Functions.Fielding;
using Ervaring.Functions.Survey;
using Ervaring.Functions.Timers;
using Ervaring.Storage;
using Ervaring.Storage.Responses;
using Ervaring.Storage.Waves;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Fielding;

/// <summary>Exactly once, nothing linkable, and jobs that converge when run again — all against Azurite.</summary>
[Collection(AppCollection.Name)]
public sealed class FieldingPrivacyTests(AppFixture fixture)
{
    private T Service<T>() where T : notnull => fixture.App.Services.GetRequiredService<T>();

    private TableClient Table(string name) => new(fixture.Azurite.ConnectionString, name);

    [Fact]
    public async Task Fifty_concurrent_submits_of_one_token_store_exactly_one_response()
    {
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 60);
        var token = scenario.First("ouders").Token;
        var answers = await FieldingScenario.AnswersAsync(fixture, token, variant: 3);
        var session = Service<SurveySession>();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            var opened = await session.OpenAsync(token, null, CancellationToken.None);
            if (opened.State == LinkState.Completed) return SubmitOutcome.AlreadyCompleted;
            var items = opened.Context!.BaseDefinition.Items.Select(i => i.Id).ToList();
            return (await session.SubmitAsync(opened.Context, answers, items, ResponseModes.Web, CancellationToken.None)).Outcome;
        }));

        Assert.Equal(1, results.Count(r => r == SubmitOutcome.Completed));
        Assert.All(results, r => Assert.Contains(r, new[] { SubmitOutcome.Completed, SubmitOutcome.AlreadyCompleted }));
        Assert.Equal(LinkState.Completed, (await session.OpenAsync(token, null, CancellationToken.None)).State);

        await Service<WaveClosing>().CloseAsync(scenario.WaveId, "test", CancellationToken.None);
        var stored = await ResponsesAsync(scenario.WaveId);
        var response = Assert.Single(stored);
        Assert.Equal(answers["rapportcijfer"], response.Answers["rapportcijfer"]);
    }

    [Fact]
    public async Task After_mixing_no_response_links_to_an_invitation_and_order_does_not_follow_submission()
    {
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 120);
        var session = Service<SurveySession>();
        var submitted = scenario.Invitations.Where(i => i.Audience == "ouders").Take(40).ToList();
        for (var i = 0; i < submitted.Count; i++)
        {
            var opened = await session.OpenAsync(submitted[i].Token, null, CancellationToken.None);
            var answers = FieldingScenario.ValidAnswers(opened.Context!.BaseDefinition, i);
            answers["wat_kan_beter"] = [$"volgorde {i:D3}"];
            var result = await session.SubmitAsync(opened.Context, answers, opened.Context.BaseDefinition.Items.Select(x => x.Id).ToList(), ResponseModes.Web, CancellationToken.None);
            Assert.Equal(SubmitOutcome.Completed, result.Outcome);
        }

        var moved = await Service<ResponseMixing>().MixAsync(scenario.WaveId, force: false, CancellationToken.None);
        Assert.Equal(40, moved);

        var entities = new List<TableEntity>();
        await foreach (var e in Table(StorageNames.Tables.Responses).QueryAsync<TableEntity>(e => e.PartitionKey == scenario.WaveId)) entities.Add(e);
        Assert.Equal(40, entities.Count);
        var secrets = submitted.SelectMany(s => new[] { s.Client, s.Token, s.Code.Replace("-", "") }).ToList();
        foreach (var entity in entities)
        {
            var properties = (IDictionary<string, object>)entity;
            // No client reference, token or short code anywhere in the stored response.
            foreach (var value in properties.Values.OfType<string>())
                Assert.DoesNotContain(secrets, s => value.Contains(s, StringComparison.Ordinal));
            // No time of our own: the only time is the storage system's, which is the moment of mixing.
            Assert.DoesNotContain(properties, p => p.Value is DateTimeOffset or DateTime && p.Key is not "Timestamp");
            Assert.DoesNotContain(properties.Keys, k => k.Contains("Invitation", StringComparison.OrdinalIgnoreCase) || k.Contains("Client", StringComparison.OrdinalIgnoreCase));
        }
        // The storage order is not the submission order (rank correlation near zero; > 0.6 happens by chance ~1 in 5,000).
        var order = entities.Select(e => int.Parse(StorageJson.Deserialize<Dictionary<string, string[]>>(e.GetString("Answers"))["wat_kan_beter"][0][^3..])).ToList();
        Assert.True(Math.Abs(Spearman(order)) < 0.6, $"storage order follows submission order: {string.Join(",", order)}");
        // And the invitations no longer hold the responses.
        Assert.Empty(await Service<Ervaring.Storage.Invitations.Fieldwork>().PendingAsync(scenario.WaveId));
    }

    [Fact]
    public async Task Below_the_minimum_batch_nothing_is_moved_during_fielding()
    {
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 60);
        var token = scenario.First("ouders").Token;
        var session = Service<SurveySession>();
        var opened = await session.OpenAsync(token, null, CancellationToken.None);
        await session.SubmitAsync(opened.Context!, FieldingScenario.ValidAnswers(opened.Context!.BaseDefinition, 1), opened.Context.BaseDefinition.Items.Select(i => i.Id).ToList(), ResponseModes.Web, CancellationToken.None);

        Assert.Equal(0, await Service<ResponseMixing>().MixAsync(scenario.WaveId, force: false, CancellationToken.None));
        Assert.Empty(await ResponsesAsync(scenario.WaveId));
    }

    [Fact]
    public async Task After_close_no_link_or_draft_remains_and_counts_are_kept()
    {
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 80);
        var session = Service<SurveySession>();
        var (completer, drafter, refuser) = (scenario.Invitations[0], scenario.Invitations[1], scenario.Invitations[2]);

        var a = await session.OpenAsync(completer.Token, null, CancellationToken.None);
        await session.SubmitAsync(a.Context!, FieldingScenario.ValidAnswers(a.Context!.BaseDefinition, 2), a.Context.BaseDefinition.Items.Select(i => i.Id).ToList(), ResponseModes.Web, CancellationToken.None);
        var b = await session.OpenAsync(drafter.Token, null, CancellationToken.None);
        await session.SaveAsync(b.Context!, new Dictionary<string, IReadOnlyList<string>> { ["wat_ging_goed"] = ["een concept"] }, ["wat_ging_goed"], CancellationToken.None);
        var c = await session.OpenAsync(refuser.Token, null, CancellationToken.None);
        await session.RefuseAsync(c.Context!, CancellationToken.None);

        var closed = await Service<WaveClosing>().CloseAsync(scenario.WaveId, "test", CancellationToken.None);
        Assert.True(closed.Succeeded);
        Assert.NotNull(closed.Value!.PurgedOn);

        Assert.Empty(await EntitiesAsync(StorageNames.Tables.Invitations, scenario.WaveId));
        foreach (var inv in scenario.Invitations)
            Assert.Equal(LinkState.Unknown, (await session.OpenAsync(inv.Token, null, CancellationToken.None)).State);
        Assert.Single(await ResponsesAsync(scenario.WaveId));

        var progress = await Service<FieldworkProgress>().ReportAsync(scenario.WaveId, CancellationToken.None);
        Assert.Equal(scenario.Invitations.Count, progress.Value!.Invited);
        Assert.Equal(1, progress.Value.Completed);
        Assert.Equal(1, progress.Value.Refused);
        Assert.Equal(3, progress.Value.Opened);
    }

    [Fact]
    public async Task Mixing_interrupted_after_writing_gives_the_same_end_state_when_run_again()
    {
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 60);
        var session = Service<SurveySession>();
        foreach (var (inv, i) in scenario.Invitations.Take(3).Select((x, i) => (x, i)))
        {
            var opened = await session.OpenAsync(inv.Token, null, CancellationToken.None);
            await session.SubmitAsync(opened.Context!, FieldingScenario.ValidAnswers(opened.Context!.BaseDefinition, i), opened.Context.BaseDefinition.Items.Select(x => x.Id).ToList(), ResponseModes.Web, CancellationToken.None);
        }
        // The crash: responses written to the anonymous store, invitations not yet cleared.
        var pending = await Service<Ervaring.Storage.Invitations.Fieldwork>().PendingAsync(scenario.WaveId);
        await Service<ResponseStore>().WriteAsync(pending.Select(p => (p.MoveId, p.Response)).ToList());

        await Service<ResponseMixing>().MixAsync(scenario.WaveId, force: true, CancellationToken.None);
        await Service<ResponseMixing>().MixAsync(scenario.WaveId, force: true, CancellationToken.None);

        Assert.Equal(3, (await ResponsesAsync(scenario.WaveId)).Count);
        Assert.Empty(await Service<Ervaring.Storage.Invitations.Fieldwork>().PendingAsync(scenario.WaveId));
    }

    [Fact]
    public async Task A_close_interrupted_after_the_state_change_is_finished_by_the_nightly_run()
    {
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 60);
        var session = Service<SurveySession>();
        var opened = await session.OpenAsync(scenario.Invitations[0].Token, null, CancellationToken.None);
        await session.SubmitAsync(opened.Context!, FieldingScenario.ValidAnswers(opened.Context!.BaseDefinition, 0), opened.Context.BaseDefinition.Items.Select(x => x.Id).ToList(), ResponseModes.Web, CancellationToken.None);

        // The crash: the wave is closed, nothing else happened.
        var waves = Service<WaveStore>();
        var stored = (await waves.GetAsync(scenario.WaveId))!;
        await waves.UpdateAsync(stored, stored.Wave with { State = Core.Waves.WaveState.Closed, ClosedOn = DateOnly.FromDateTime(DateTime.UtcNow) }, "test", "crash");

        var runner = Service<TimerJobRunner>();
        var first = await runner.RunAsync(TimerFunctionNames.NightlyMaintenance, CancellationToken.None);
        Assert.True(first.Succeeded, string.Join("; ", first.Logs));
        var afterFirst = await SnapshotAsync(scenario.WaveId);
        var second = await runner.RunAsync(TimerFunctionNames.NightlyMaintenance, CancellationToken.None);
        Assert.True(second.Succeeded, string.Join("; ", second.Logs));
        Assert.Equal(afterFirst, await SnapshotAsync(scenario.WaveId));

        Assert.NotNull((await waves.GetAsync(scenario.WaveId))!.Wave.PurgedOn);
        Assert.Empty(await EntitiesAsync(StorageNames.Tables.Invitations, scenario.WaveId));
        Assert.Single(await ResponsesAsync(scenario.WaveId));
    }

    [Fact]
    public async Task Reminder_rounds_are_announced_once_and_list_only_non_responders()
    {
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 60);
        var waves = Service<WaveStore>();
        var stored = (await waves.GetAsync(scenario.WaveId))!;
        // Fielding started 10 days ago: round 1 (day 7) is due, round 2 (day 14) not yet.
        await waves.UpdateAsync(stored, stored.Wave with { FieldingStartedOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-10) }, "test", null);
        var session = Service<SurveySession>();
        var answered = scenario.Invitations[0];
        var opened = await session.OpenAsync(answered.Token, null, CancellationToken.None);
        await session.SubmitAsync(opened.Context!, FieldingScenario.ValidAnswers(opened.Context!.BaseDefinition, 0), opened.Context.BaseDefinition.Items.Select(x => x.Id).ToList(), ResponseModes.Web, CancellationToken.None);

        var reminders = Service<Reminders>();
        await reminders.RunAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        await reminders.RunAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Equal([1], (await waves.GetAsync(scenario.WaveId))!.Wave.RemindersAnnounced);

        using var client = fixture.AdminClient();
        var csv = await client.GetStringAsync($"/api/waves/{scenario.WaveId}/reminders.csv?round=1");
        var rows = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(scenario.Invitations.Count - 1, rows.Count);
        Assert.DoesNotContain(rows, r => r.Contains(answered.Token, StringComparison.Ordinal));
        var tooEarly = await client.GetAsync($"/api/waves/{scenario.WaveId}/reminders.csv?round=2");
        Assert.Equal(System.Net.HttpStatusCode.Conflict, tooEarly.StatusCode);
    }

    private async Task<List<AnonymousResponse>> ResponsesAsync(string waveId)
    {
        var list = new List<AnonymousResponse>();
        await foreach (var r in Service<ResponseStore>().ListAsync(waveId)) list.Add(r);
        return list;
    }

    private async Task<List<TableEntity>> EntitiesAsync(string table, string partition)
    {
        var list = new List<TableEntity>();
        await foreach (var e in Table(table).QueryAsync<TableEntity>(e => e.PartitionKey == partition)) list.Add(e);
        return list;
    }

    /// <summary>What a job's end state consists of, as comparable text (response rows, invitation rows, wave state).</summary>
    private async Task<string> SnapshotAsync(string waveId)
    {
        var responses = (await EntitiesAsync(StorageNames.Tables.Responses, waveId)).Select(e => e.RowKey).Order();
        var invitations = (await EntitiesAsync(StorageNames.Tables.Invitations, waveId)).Select(e => e.RowKey).Order();
        var wave = (await Service<WaveStore>().GetAsync(waveId))!.Wave;
        return $"{string.Join(",", responses)}|{string.Join(",", invitations)}|{wave.State}|{wave.PurgedOn}|{wave.FieldworkCountsFrozen}";
    }

    private static double Spearman(IReadOnlyList<int> values)
    {
        var n = values.Count;
        var ranks = values.Select((v, i) => (v, i)).OrderBy(x => x.v).Select((x, rank) => (x.i, rank)).OrderBy(x => x.i).Select(x => (double)x.rank).ToArray();
        var d2 = ranks.Select((r, i) => (r - i) * (r - i)).Sum();
        return 1 - 6 * d2 / (n * ((double)n * n - 1));
    }
}
