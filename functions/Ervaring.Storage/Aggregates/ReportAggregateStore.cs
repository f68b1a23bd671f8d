using System.Text;
using Azure;
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
        foreach (var entity in Entities(aggregate))
            await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Whether storage holds exactly this aggregate, entity for entity (so writing it again would change nothing).</summary>
    public async Task<bool> IsStoredAsync(WaveAggregate aggregate, CancellationToken cancellationToken = default)
    {
        var wanted = Entities(aggregate).ToDictionary(e => e.RowKey, Join, StringComparer.Ordinal);
        var prefix = Prefix(aggregate.Status);
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        var found = 0;
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == aggregate.WaveId && e.RowKey.CompareTo(prefix) >= 0 && e.RowKey.CompareTo(upper) < 0, cancellationToken: cancellationToken))
        {
            if (!wanted.TryGetValue(e.RowKey, out var json) || json != Join(e)) return false;
            found++;
        }
        return found == wanted.Count;
    }

    private static List<TableEntity> Entities(WaveAggregate aggregate)
    {
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
        return entities;
    }

    /// <summary>
    /// Takes the wave's computation lock for one status ("report|…" is computed by one run at a time), or returns
    /// null with the time the holder took it. A lock older than <paramref name="staleAfter"/> belongs to a run that
    /// crashed and is taken over. The lock is a row of its own (<c>lock|report|{status}</c>), outside the report's rows.
    /// </summary>
    public async Task<(ETag? Lock, DateTimeOffset? HeldSince)> TryLockAsync(string waveId, string status, DateTimeOffset now, TimeSpan staleAfter, CancellationToken cancellationToken = default)
    {
        var key = $"lock|report|{status}";
        try
        {
            var added = await Table.AddEntityAsync(new TableEntity(waveId, key) { ["Since"] = now }, cancellationToken);
            return (added.Headers.ETag, null);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var held = await Table.GetEntityIfExistsAsync<TableEntity>(waveId, key, cancellationToken: cancellationToken);
            if (!held.HasValue) return (null, now); // released just now: the caller may simply ask again
            var since = held.Value!.GetDateTimeOffset("Since") ?? now;
            if (now - since <= staleAfter) return (null, since);
            try
            {
                var taken = await Table.UpdateEntityAsync(new TableEntity(waveId, key) { ["Since"] = now }, held.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return (taken.Headers.ETag, null);
            }
            catch (RequestFailedException lost) when (lost.Status is 404 or 412)
            {
                return (null, now);
            }
        }
    }

    /// <summary>Gives the lock back (only if it is still this run's).</summary>
    public async Task UnlockAsync(string waveId, string status, ETag lockETag, CancellationToken cancellationToken = default)
    {
        try { await Table.DeleteEntityAsync(waveId, $"lock|report|{status}", lockETag, cancellationToken); }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412) { }
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
        {
            try { await Table.DeleteEntityAsync(waveId, e.RowKey, cancellationToken: cancellationToken); }
            catch (RequestFailedException ex) when (ex.Status == 404) { } // deleted by an overlapping run: done
        }
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
