namespace Ervaring.Storage;

/// <summary>Creates every table and container the app uses. Idempotent; runs at start-up.</summary>
public static class StorageInitializer
{
    public static async Task EnsureCreatedAsync(StorageAccount account, CancellationToken cancellationToken = default)
    {
        // All at once: at a cold start this is one round trip's wait instead of one per table and container.
        await Task.WhenAll(
            StorageNames.Tables.All.Select(table => account.Table(table).CreateIfNotExistsAsync(cancellationToken))
                .Concat<Task>(StorageNames.Containers.All.Select(container => account.Container(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken))));
    }
}
