namespace Ervaring.Storage;

/// <summary>Creates every table and container the app uses. Idempotent; runs at start-up.</summary>
public static class StorageInitializer
{
    public static async Task EnsureCreatedAsync(StorageAccount account, CancellationToken cancellationToken = default)
    {
        foreach (var table in StorageNames.Tables.All)
            await account.Table(table).CreateIfNotExistsAsync(cancellationToken);
        foreach (var container in StorageNames.Containers.All)
            await account.Container(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}
