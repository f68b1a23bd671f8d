using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Ervaring.Integration.Tests.Hostile;

/// <summary>
/// Everything in an Azurite account, read directly (not through the app): every table entity and every blob,
/// each with its ETag. Two snapshots that are equal mean nothing was created, changed or deleted in between.
/// </summary>
public sealed record StorageSnapshot(IReadOnlyDictionary<string, string> Items)
{
    public static async Task<StorageSnapshot> TakeAsync(string connectionString)
    {
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        var tables = new TableServiceClient(connectionString);
        await foreach (var table in tables.QueryAsync())
        {
            items[$"table {table.Name}"] = "exists";
            // The audit log records every admin attempt, refused ones included: that is its job, not stored junk.
            if (table.Name == Ervaring.Storage.StorageNames.Tables.AuditLog) continue;
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
                items[$"table {table.Name} / {entity.PartitionKey} / {entity.RowKey}"] = entity.ETag.ToString();
        }
        var blobs = new BlobServiceClient(connectionString);
        await foreach (var container in blobs.GetBlobContainersAsync())
        {
            items[$"container {container.Name}"] = "exists";
            await foreach (var blob in blobs.GetBlobContainerClient(container.Name).GetBlobsAsync())
                items[$"blob {container.Name} / {blob.Name}"] = blob.Properties.ETag?.ToString() ?? "?";
        }
        return new StorageSnapshot(items);
    }

    public int Count(string prefix) => Items.Keys.Count(k => k.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>Human-readable differences: created, changed and deleted items.</summary>
    public IReadOnlyList<string> DifferencesTo(StorageSnapshot after)
    {
        var differences = new List<string>();
        foreach (var (key, etag) in after.Items)
        {
            if (!Items.TryGetValue(key, out var before)) differences.Add($"created: {key}");
            else if (before != etag) differences.Add($"changed: {key}");
        }
        foreach (var key in Items.Keys)
            if (!after.Items.ContainsKey(key)) differences.Add($"deleted: {key}");
        return differences;
    }
}
