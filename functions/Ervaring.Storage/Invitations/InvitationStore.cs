using Azure.Data.Tables;

namespace Ervaring.Storage.Invitations;

/// <summary>
/// Invitations (partition per wave) and the token index (partition = first two hex characters of the
/// keyed hash, row = the hash), so a token look-up is one point read and writes batch well.
/// </summary>
public sealed class InvitationStore(StorageAccount account)
{
    private const int BatchSize = 100;
    private const int Parallelism = 8;

    private TableClient Invitations => account.Table(StorageNames.Tables.Invitations);
    private TableClient Index => account.Table(StorageNames.Tables.TokenIndex);

    public static string IndexPartition(string hash) => hash[..2];

    /// <summary>Writes invitations and their index entries. Upserts, so a retry after a crash converges.</summary>
    public async Task SaveAsync(IReadOnlyList<InvitationRecord> invitations, CancellationToken cancellationToken = default)
    {
        var invitationBatches = invitations
            .GroupBy(i => i.WaveId)
            .SelectMany(g => g.Chunk(BatchSize).Select(chunk => (Table: Invitations, Entities: chunk.Select(ToEntity).ToList())));
        var indexBatches = invitations
            .SelectMany(i => new[] { IndexEntity(i.LinkHash, i, "link"), IndexEntity(i.CodeHash, i, "code") })
            .GroupBy(e => e.PartitionKey)
            .SelectMany(g => g.Chunk(BatchSize).Select(chunk => (Table: Index, Entities: chunk.ToList())));
        await RunBatches(invitationBatches.Concat(indexBatches), TableTransactionActionType.UpsertReplace, cancellationToken);
    }

    /// <summary>
    /// Deletes every invitation of a wave and its index entries (a re-draw, or the purge at close). An invitation
    /// that changed after it was read (a completion racing the close) is left in place and counted, so the
    /// caller can mix its response and try again: an acknowledged answer is never deleted.
    /// </summary>
    /// <returns>How many invitations were left because they changed meanwhile or still hold a response to mix.</returns>
    public async Task<int> DeleteWaveAsync(string waveId, CancellationToken cancellationToken = default)
    {
        var invitations = new List<TableEntity>();
        var holdingResponses = 0;
        await foreach (var entity in Invitations.QueryAsync<TableEntity>(e => e.PartitionKey == waveId,
                           select: ["PartitionKey", "RowKey", "LinkHash", "CodeHash", "MoveId"], cancellationToken: cancellationToken))
        {
            // An invitation still holding a completed response is never deleted: it must be mixed in first.
            if (!string.IsNullOrEmpty(entity.GetString("MoveId"))) holdingResponses++;
            else invitations.Add(entity);
        }

        // Index first: an invitation without index is unreachable (fine); an index entry without invitation is a dangling pointer.
        var indexBatches = invitations
            .SelectMany(i => new[] { i.GetString("LinkHash"), i.GetString("CodeHash") })
            .Where(h => !string.IsNullOrEmpty(h))
            .Select(h => new TableEntity(IndexPartition(h!), h!) { ETag = Azure.ETag.All })
            .GroupBy(e => e.PartitionKey)
            .SelectMany(g => g.Chunk(BatchSize).Select(chunk => (Table: Index, Entities: chunk.ToList())));
        await RunBatches(indexBatches, TableTransactionActionType.Delete, cancellationToken);
        var invitationBatches = invitations.Chunk(BatchSize).Select(chunk => (Table: Invitations, Entities: chunk.ToList()));
        return holdingResponses + await RunBatches(invitationBatches, TableTransactionActionType.Delete, cancellationToken);
    }

    /// <summary>Deletes these invitations and their index entries whatever their state (a draw that lost its claim takes back what it wrote).</summary>
    public async Task DeleteAsync(IReadOnlyList<InvitationRecord> invitations, CancellationToken cancellationToken = default)
    {
        var indexBatches = invitations
            .SelectMany(i => new[] { i.LinkHash, i.CodeHash })
            .Select(h => new TableEntity(IndexPartition(h), h) { ETag = Azure.ETag.All })
            .GroupBy(e => e.PartitionKey)
            .SelectMany(g => g.Chunk(BatchSize).Select(chunk => (Table: Index, Entities: chunk.ToList())));
        await RunBatches(indexBatches, TableTransactionActionType.Delete, cancellationToken);
        var invitationBatches = invitations.GroupBy(i => i.WaveId)
            .SelectMany(g => g.Chunk(BatchSize).Select(chunk => (Table: Invitations, Entities: chunk.Select(i => new TableEntity(i.WaveId, i.InvitationId) { ETag = Azure.ETag.All }).ToList())));
        await RunBatches(invitationBatches, TableTransactionActionType.Delete, cancellationToken);
    }

    public async IAsyncEnumerable<InvitationRecord> ListAsync(string waveId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entity in Invitations.QueryAsync<TableEntity>(e => e.PartitionKey == waveId, cancellationToken: cancellationToken))
            yield return FromEntity(entity);
    }

    /// <summary>Finds the invitation a keyed token hash points to, or null.</summary>
    public async Task<(string WaveId, string InvitationId)?> FindAsync(string hash, CancellationToken cancellationToken = default)
    {
        var response = await Index.GetEntityIfExistsAsync<TableEntity>(IndexPartition(hash), hash, cancellationToken: cancellationToken);
        if (!response.HasValue) return null;
        return (response.Value!.GetString("WaveId"), response.Value.GetString("InvitationId"));
    }

    /// <summary>Runs batches in parallel. Deletes honour each entity's ETag; returns how many were skipped because they changed.</summary>
    private static async Task<int> RunBatches(IEnumerable<(TableClient Table, List<TableEntity> Entities)> batches, TableTransactionActionType action, CancellationToken cancellationToken)
    {
        var changed = 0;
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (batch, ct) =>
        {
            var actions = batch.Entities.Select(e => new TableTransactionAction(action, e, action == TableTransactionActionType.Delete ? e.ETag : Azure.ETag.All));
            try
            {
                await batch.Table.SubmitTransactionAsync(actions, ct);
            }
            catch (TableTransactionFailedException ex) when (action == TableTransactionActionType.Delete && ex.Status is 404 or 412)
            {
                // Part of the batch is gone already (a retry) or changed meanwhile: go one by one.
                foreach (var entity in batch.Entities)
                {
                    try { await batch.Table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, entity.ETag, ct); }
                    catch (Azure.RequestFailedException one) when (one.Status == 412) { Interlocked.Increment(ref changed); }
                    catch (Azure.RequestFailedException one) when (one.Status == 404) { } // deleted by another run meanwhile: done
                }
            }
        });
        return changed;
    }

    private static TableEntity IndexEntity(string hash, InvitationRecord invitation, string kind) => new(IndexPartition(hash), hash)
    {
        ["WaveId"] = invitation.WaveId,
        ["InvitationId"] = invitation.InvitationId,
        ["Kind"] = kind,
    };

    internal static TableEntity ToEntity(InvitationRecord i)
    {
        var entity = Entity(i);
        if (i.DurationBand.Length > 0) entity["DurationBand"] = i.DurationBand; // only calibrating waves carry it
        if (i.AgeGroup is { } group) entity["AgeGroup"] = group; // older invitations have none
        return entity;
    }

    private static TableEntity Entity(InvitationRecord i) => new(i.WaveId, i.InvitationId)
    {
        ["ClientReference"] = i.ClientReference,
        ["Audience"] = i.Audience,
        ["Municipality"] = i.Municipality,
        ["CareType"] = i.CareType,
        ["AgeBand"] = i.AgeBand,
        ["Referrer"] = i.Referrer,
        ["StratumKey"] = i.StratumKey,
        ["LinkHash"] = i.LinkHash,
        ["CodeHash"] = i.CodeHash,
        ["Status"] = i.Status,
        ["CompletedOn"] = i.CompletedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    internal static InvitationRecord FromEntity(TableEntity e) => new()
    {
        WaveId = e.PartitionKey,
        InvitationId = e.RowKey,
        ClientReference = e.GetString("ClientReference"),
        Audience = e.GetString("Audience"),
        Municipality = e.GetString("Municipality"),
        CareType = e.GetString("CareType"),
        AgeBand = e.GetString("AgeBand"),
        AgeGroup = e.GetString("AgeGroup"),
        Referrer = e.GetString("Referrer"),
        DurationBand = e.GetString("DurationBand") ?? "",
        StratumKey = e.GetString("StratumKey"),
        LinkHash = e.GetString("LinkHash"),
        CodeHash = e.GetString("CodeHash"),
        Status = e.GetString("Status") ?? InvitationStatus.Invited,
        CompletedOn = DateOnly.TryParseExact(e.GetString("CompletedOn"), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
            ? day : null,
    };
}
