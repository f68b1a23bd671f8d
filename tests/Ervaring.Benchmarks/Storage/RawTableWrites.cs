using System.Diagnostics;
using Azure.Data.Tables;
using Ervaring.Benchmarks.Http;

namespace Ervaring.Benchmarks.Storage;

/// <summary>
/// The ceiling: how fast this Azurite takes entities shaped like a stored response (same properties, answers
/// JSON of the same size) in entity-group transactions of 100, one batch after the other on one connection.
/// </summary>
public static class RawTableWrites
{
    public sealed record Outcome(int Entities, TimeSpan Elapsed, int EntityBytes)
    {
        public double PerSecond => Entities / Elapsed.TotalSeconds;
    }

    public static async Task<Outcome> RunAsync(string connectionString, int entities)
    {
        var table = new TableClient(connectionString, "rawbench" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateIfNotExistsAsync();
        var definition = LiveApp.Definitions()["ouders"];
        var answers = System.Text.Json.JsonSerializer.Serialize(LiveApp.ValidAnswers(definition, 3));
        var partition = Guid.NewGuid().ToString("N");
        TableEntity Entity(int i) => new(partition, Convert.ToHexStringLower(BitConverter.GetBytes((long)i * 2654435761L)) + i.ToString("D8"))
        {
            ["Audience"] = "ouders", ["DefinitionId"] = definition.Id, ["DefinitionVersion"] = definition.Version,
            ["Municipality"] = "Bankstad", ["CareType"] = "ambulant", ["AgeBand"] = "12-17", ["Referrer"] = "huisarts",
            ["StratumKey"] = "Bankstad | ambulant | 12-17", ["Mode"] = "web", ["Answers"] = answers,
        };
        // Warm up the connection and the table.
        await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity(-1))]);
        var started = Stopwatch.GetTimestamp();
        for (var batch = 0; batch * 100 < entities; batch++)
        {
            var actions = Enumerable.Range(batch * 100, Math.Min(100, entities - batch * 100))
                .Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity(i))).ToList();
            await table.SubmitTransactionAsync(actions);
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        await table.DeleteAsync();
        return new Outcome(entities, elapsed, answers.Length + 200);
    }
}
