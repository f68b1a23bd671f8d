using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Ervaring.Storage.Frames;

/// <summary>
/// Raw frame uploads in the <c>frames</c> container, one blob per wave and fingerprint. They hold client
/// references, so they are deleted after the retention period (nightly step, and a lifecycle rule in Azure).
/// </summary>
public sealed class FrameBlobStore(StorageAccount account)
{
    private BlobContainerClient Container => account.Container(StorageNames.Containers.Frames);

    public static string BlobName(string waveId, string fingerprint) => $"{waveId}/{fingerprint}.csv";

    public async Task SaveAsync(string blobName, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        // Same name = same bytes (the name holds the SHA-256), so overwriting is harmless and makes retries idempotent.
        await Container.GetBlobClient(blobName).UploadAsync(new BinaryData(content), overwrite: true, cancellationToken);
    }

    public async Task<byte[]?> ReadAsync(string blobName, CancellationToken cancellationToken = default)
    {
        var blob = Container.GetBlobClient(blobName);
        if (!await blob.ExistsAsync(cancellationToken)) return null;
        var content = await blob.DownloadContentAsync(cancellationToken);
        return content.Value.Content.ToArray();
    }

    public Task DeleteAsync(string blobName, CancellationToken cancellationToken = default) =>
        Container.GetBlobClient(blobName).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);

    /// <summary>Every raw upload of a wave (older uploads replaced by a newer frame included).</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string waveId, CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        await foreach (var item in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = waveId + "/" }, cancellationToken))
            names.Add(item.Name);
        return names;
    }
}
