using System.Text;
using Azure.Data.Tables;
using Ervaring.Core.Reports;

namespace Ervaring.Storage.Aggregates;

/// <summary>
/// The computed aggregate tables of a wave in the <c>aggregates</c> table (partition = wave id), one entity per
/// table: <c>report|{status}|estimates|{n}</c> per audience × scope × breakdown, <c>…|distributions|{n}</c> per audience
/// × scope, and <c>…|meta</c> with response, representativeness, trends and collapses. Each entity keeps its rows as
/// JSON split over properties of at most 30,000 characters (a string property holds 64 KiB), so no table ever
/// meets the entity or property limits. Status is "tussenstand" (interim, during fielding) or "concept" (after close).
/// </summary>
public sealed class ReportAggregateStore(StorageAccount account)
{
    private const int ChunkChars = 30_000;
    private const int MaxChunksPerEntity = 30;
    private TableClient Table => account.Table(StorageNames.Tables.Aggregates);

    private static string Prefix(string status) => $"report|{status}|";

    public async Task SaveAsync(WaveAggregate aggregate, CancellationToken cancellationToken = default)
    {
        await DeleteAsync(aggregate.WaveId, aggregate.Status, cancellationToken);
        var prefix = Prefix(aggregate.Status);
        var entities = new List<TableEntity>();
        var index = 0;
        foreach (var group in aggregate.Estimates.GroupBy(e => (e.Audience, e.Scope, e.Dimension)))
            foreach (var part in Split(StorageJson.Serialize(group.ToList())))
                entities.Add(Entity(aggregate.WaveId, $"{prefix}estimates|{index++:D5}", part));
        index = 0;
        foreach (var group in aggregate.Distributions.GroupBy(e => (e.Audience, e.Scope)))
            foreach (var part in Split(StorageJson.Serialize(group.ToList())))
                entities.Add(Entity(aggregate.WaveId, $"{prefix}distributions|{index++:D5}", part));
        var meta = aggregate with { Estimates = [], Distributions = [] };
        index = 0;
        foreach (var part in Split(StorageJson.Serialize(meta)))
            entities.Add(Entity(aggregate.WaveId, $"{prefix}meta|{index++:D5}", part));
        foreach (var entity in entities)
            await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<WaveAggregate?> ReadAsync(string waveId, string status, CancellationToken cancellationToken = default)
    {
        var prefix = Prefix(status);
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        var meta = new StringBuilder();
        var estimates = new List<EstimateRow>();
        var distributions = new List<DistributionRow>();
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == waveId && e.RowKey.CompareTo(prefix) >= 0 && e.RowKey.CompareTo(upper) < 0, cancellationToken: cancellationToken))
        {
            var json = Join(e);
            var kind = e.RowKey[prefix.Length..].Split('|')[0];
            if (kind == "meta") meta.Append(json);
            else if (kind == "estimates") estimates.AddRange(StorageJson.Deserialize<List<EstimateRow>>(json));
            else if (kind == "distributions") distributions.AddRange(StorageJson.Deserialize<List<DistributionRow>>(json));
        }
        if (meta.Length == 0) return null;
        return StorageJson.Deserialize<WaveAggregate>(meta.ToString()) with { Estimates = estimates, Distributions = distributions };
    }

    public async Task DeleteAsync(string waveId, string status, CancellationToken cancellationToken = default)
    {
        var prefix = Prefix(status);
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == waveId && e.RowKey.CompareTo(prefix) >= 0 && e.RowKey.CompareTo(upper) < 0, select: ["RowKey"], cancellationToken: cancellationToken))
            await Table.DeleteEntityAsync(waveId, e.RowKey, cancellationToken: cancellationToken);
    }

    /// <summary>JSON cut into entity-sized parts; rows are concatenated again in row-key order when read.</summary>
    private static IEnumerable<string[]> Split(string json)
    {
        var chunks = Enumerable.Range(0, (json.Length + ChunkChars - 1) / ChunkChars)
            .Select(i => json.Substring(i * ChunkChars, Math.Min(ChunkChars, json.Length - i * ChunkChars))).ToList();
        return chunks.Chunk(MaxChunksPerEntity);
    }

    private static TableEntity Entity(string waveId, string rowKey, string[] chunks)
    {
        var entity = new TableEntity(waveId, rowKey) { ["Chunks"] = chunks.Length };
        for (var i = 0; i < chunks.Length; i++) entity[$"Json{i:D2}"] = chunks[i];
        return entity;
    }

    private static string Join(TableEntity e)
    {
        var builder = new StringBuilder();
        var count = e.GetInt32("Chunks") ?? 0;
        for (var i = 0; i < count; i++) builder.Append(e.GetString($"Json{i:D2}"));
        return builder.ToString();
    }
}
