using System.Diagnostics;
using Ervaring.Benchmarks.Http;
using Ervaring.Benchmarks.Measure;
using Ervaring.Functions.Fielding;
using Ervaring.Storage.Invitations;
using Ervaring.Storage.Responses;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Benchmarks.Storage;

/// <summary>
/// The nightly mixing step (<see cref="ResponseMixing.MixAsync"/>, forced as at close) over N completed responses
/// on Azurite. The responses are completed through the same <see cref="Fieldwork.CompleteAsync"/> the survey's
/// submit uses (in parallel, to keep set-up short); only the mixing call is timed.
/// </summary>
public static class MixingBenchmark
{
    public sealed record Outcome(int Responses, Measured Measured, TimeSpan Setup, int Moved)
    {
        public double PerSecond => Moved / Measured.Elapsed.TotalSeconds;
    }

    public static async Task<Outcome> RunAsync(LiveApp live, int responses)
    {
        var setup = Stopwatch.StartNew();
        var (waveId, invitations) = await live.FieldingWaveAsync(responses, "M" + Guid.NewGuid().ToString("N")[..6]);
        var fieldwork = live.App.Services.GetRequiredService<Fieldwork>();
        var definitions = LiveApp.Definitions();
        var ids = new List<string>();
        await foreach (var id in InvitationIdsAsync(live, waveId)) ids.Add(id);
        var chosen = ids.Take(responses).ToList();
        await Parallel.ForEachAsync(chosen.Select((id, i) => (id, i)), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (x, ct) =>
        {
            var open = await fieldwork.GetAsync(waveId, x.id, ct) ?? throw new InvalidOperationException("invitation vanished");
            var inv = open.Invitation;
            var response = new AnonymousResponse
            {
                WaveId = waveId, Audience = inv.Audience, DefinitionId = definitions[inv.Audience].Id, DefinitionVersion = definitions[inv.Audience].Version,
                Municipality = inv.Municipality, CareType = inv.CareType, AgeBand = inv.AgeBand, Referrer = inv.Referrer, StratumKey = inv.StratumKey,
                Mode = "web", Answers = LiveApp.ValidAnswers(definitions[inv.Audience], x.i),
            };
            if (await fieldwork.CompleteAsync(open, response, DateOnly.FromDateTime(DateTime.UtcNow), ct) != FieldworkResult.Done) throw new InvalidOperationException("complete failed");
        });
        setup.Stop();

        var mixing = live.App.Services.GetRequiredService<ResponseMixing>();
        var moved = 0;
        var measured = await PeakMemory.OnceAsync(async () => moved = await mixing.MixAsync(waveId, force: true, CancellationToken.None));
        // Counted straight from the table, not through the app.
        var stored = await new Azure.Data.Tables.TableClient(live.Azurite.ConnectionString, Ervaring.Storage.StorageNames.Tables.Responses)
            .QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == waveId, select: ["RowKey"]).CountAsync();
        if (moved != chosen.Count || stored != chosen.Count)
            throw new InvalidOperationException($"Mixing moved {moved} and stored {stored}, expected {chosen.Count}.");
        return new Outcome(chosen.Count, measured, setup.Elapsed, moved);
    }

    private static async IAsyncEnumerable<string> InvitationIdsAsync(LiveApp live, string waveId)
    {
        var account = live.App.Services.GetRequiredService<Ervaring.Storage.StorageAccount>();
        var table = account.Table(Ervaring.Storage.StorageNames.Tables.Invitations);
        await foreach (var e in table.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == waveId, select: ["RowKey"]))
            yield return e.RowKey;
    }
}
