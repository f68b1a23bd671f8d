using Azure.Data.Tables;

namespace Ervaring.Storage.Exclusions;

/// <summary>
/// Who must not be sampled again: opt-outs (<c>optouts</c>) and clients invited recently (<c>contacthistory</c>).
/// Both hold only a keyed hash of the client reference (HMAC with the server pepper) and a month, never the
/// reference itself, so they can outlive the close of a wave without linking anything to a response.
/// </summary>
public sealed class ClientHistoryStore(StorageAccount account)
{
    private const string Partition = "client";
    private TableClient OptOuts => account.Table(StorageNames.Tables.OptOuts);
    private TableClient Contacts => account.Table(StorageNames.Tables.ContactHistory);

    public Task RecordOptOutAsync(string clientHash, string waveId, DateOnly on, CancellationToken cancellationToken = default) =>
        OptOuts.UpsertEntityAsync(new TableEntity(Partition, clientHash) { ["WaveId"] = waveId, ["Month"] = Month(on) }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Records that these clients were invited (at the start of fielding). Idempotent.</summary>
    public async Task RecordContactsAsync(IEnumerable<string> clientHashes, string waveId, DateOnly on, CancellationToken cancellationToken = default)
    {
        var entities = clientHashes.Distinct().Select(h => new TableEntity(Partition, h) { ["WaveId"] = waveId, ["Month"] = Month(on) });
        foreach (var chunk in entities.Chunk(100))
            await Contacts.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
    }

    public async Task<IReadOnlySet<string>> OptOutHashesAsync(CancellationToken cancellationToken = default)
    {
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in OptOuts.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, select: ["RowKey"], cancellationToken: cancellationToken))
            hashes.Add(e.RowKey);
        return hashes;
    }

    /// <summary>Clients invited by another wave in the 12 months before <paramref name="before"/>.</summary>
    public async Task<IReadOnlySet<string>> RecentlyContactedHashesAsync(DateOnly before, string exceptWaveId, CancellationToken cancellationToken = default)
    {
        var from = Month(before.AddMonths(-12));
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in Contacts.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, select: ["RowKey", "WaveId", "Month"], cancellationToken: cancellationToken))
        {
            var month = e.GetString("Month");
            if (e.GetString("WaveId") != exceptWaveId && string.CompareOrdinal(month, from) > 0 && string.CompareOrdinal(month, Month(before)) <= 0)
                hashes.Add(e.RowKey);
        }
        return hashes;
    }

    /// <summary>Forgets contacts older than 13 months: they no longer exclude anyone.</summary>
    public async Task<int> PurgeOldContactsAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        var limit = Month(today.AddMonths(-13));
        var old = new List<TableEntity>();
        await foreach (var e in Contacts.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, select: ["PartitionKey", "RowKey", "Month"], cancellationToken: cancellationToken))
            if (string.CompareOrdinal(e.GetString("Month"), limit) < 0) old.Add(e);
        foreach (var chunk in old.Chunk(100))
        {
            try
            {
                await Contacts.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, Azure.ETag.All)), cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                // An overlapping run forgot some of them first: forget the rest one by one.
                foreach (var entity in chunk)
                {
                    try { await Contacts.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, Azure.ETag.All, cancellationToken); }
                    catch (Azure.RequestFailedException one) when (one.Status == 404) { }
                }
            }
        }
        return old.Count;
    }

    private static string Month(DateOnly date) => date.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
