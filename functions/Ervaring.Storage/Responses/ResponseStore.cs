using Azure.Data.Tables;

namespace Ervaring.Storage.Responses;

/// <summary>The anonymous response store. Written only by the mixing step, in shuffled batches.</summary>
public sealed class ResponseStore(StorageAccount account)
{
    private TableClient Table => account.Table(StorageNames.Tables.Responses);

    /// <summary>
    /// Upserts responses under their given row keys (idempotent: a re-run after a crash writes the same rows),
    /// in batches of up to 100 so a whole batch shares one storage timestamp.
    /// </summary>
    public async Task WriteAsync(IReadOnlyList<(string RowKey, AnonymousResponse Response)> responses, CancellationToken cancellationToken = default)
    {
        foreach (var wave in responses.GroupBy(r => r.Response.WaveId))
            foreach (var chunk in wave.Chunk(100))
                await Table.SubmitTransactionAsync(
                    chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(r.RowKey, r.Response))), cancellationToken);
    }

    public async IAsyncEnumerable<AnonymousResponse> ListAsync(string waveId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entity in Table.QueryAsync<TableEntity>(e => e.PartitionKey == waveId, cancellationToken: cancellationToken))
            yield return FromEntity(entity);
    }

    /// <summary>With their random row keys, so an officer can point at one answer (to quote it) without anything else identifying it.</summary>
    public async IAsyncEnumerable<(string RowKey, AnonymousResponse Response)> ListKeyedAsync(string waveId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entity in Table.QueryAsync<TableEntity>(e => e.PartitionKey == waveId, cancellationToken: cancellationToken))
            yield return (entity.RowKey, FromEntity(entity));
    }

    /// <summary>One response by its random row key (sent back by an officer choosing a quote); null when there is none.</summary>
    public async Task<AnonymousResponse?> GetAsync(string waveId, string rowKey, CancellationToken cancellationToken = default)
    {
        if (!StorageKeys.IsValidKey(waveId) || !StorageKeys.IsValidKey(rowKey)) return null;
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(waveId, rowKey, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity ? FromEntity(entity) : null;
    }

    private static TableEntity ToEntity(string rowKey, AnonymousResponse r)
    {
        var entity = Entity(rowKey, r);
        if (r.DurationBand.Length > 0) entity["DurationBand"] = r.DurationBand; // only calibrating waves carry it
        return entity;
    }

    private static TableEntity Entity(string rowKey, AnonymousResponse r) => new(r.WaveId, rowKey)
    {
        ["Audience"] = r.Audience,
        ["DefinitionId"] = r.DefinitionId,
        ["DefinitionVersion"] = r.DefinitionVersion,
        ["Municipality"] = r.Municipality,
        ["CareType"] = r.CareType,
        ["AgeBand"] = r.AgeBand,
        ["Referrer"] = r.Referrer,
        ["StratumKey"] = r.StratumKey,
        ["Mode"] = r.Mode,
        ["Language"] = r.Language,
        ["Answers"] = StorageJson.Serialize(r.Answers),
    };

    private static AnonymousResponse FromEntity(TableEntity e) => new()
    {
        WaveId = e.PartitionKey,
        Audience = e.GetString("Audience"),
        DefinitionId = e.GetString("DefinitionId"),
        DefinitionVersion = e.GetInt32("DefinitionVersion") ?? 0,
        Municipality = e.GetString("Municipality"),
        CareType = e.GetString("CareType"),
        AgeBand = e.GetString("AgeBand"),
        Referrer = e.GetString("Referrer"),
        DurationBand = e.GetString("DurationBand") ?? "",
        StratumKey = e.GetString("StratumKey"),
        Mode = e.GetString("Mode"),
        Language = e.GetString("Language") ?? "nl", // responses stored before languages were counted are Dutch
        Answers = StorageJson.Deserialize<Dictionary<string, IReadOnlyList<string>>>(e.GetString("Answers")),
    };
}
