using Azure;
using Azure.Storage.Blobs.Models;

namespace Ervaring.Storage;

/// <summary>JSON documents and files in blob containers (audit records, definition snapshots, exports).</summary>
public sealed class BlobDocuments(StorageAccount account)
{
    public async Task SaveJsonAsync<T>(string container, string name, T value, bool overwrite = true, CancellationToken cancellationToken = default)
    {
        var blob = account.Container(container).GetBlobClient(name);
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" } };
        if (!overwrite) options.Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All };
        await blob.UploadAsync(BinaryData.FromString(StorageJson.Serialize(value)), options, cancellationToken);
    }

    public async Task<T?> ReadJsonAsync<T>(string container, string name, CancellationToken cancellationToken = default) where T : class
    {
        var blob = account.Container(container).GetBlobClient(name);
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            return StorageJson.Deserialize<T>(content.Value.Content.ToString());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task SaveBytesAsync(string container, string name, ReadOnlyMemory<byte> bytes, string contentType, bool overwrite = true, CancellationToken cancellationToken = default)
    {
        var blob = account.Container(container).GetBlobClient(name);
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } };
        if (!overwrite) options.Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All };
        await blob.UploadAsync(new BinaryData(bytes), options, cancellationToken);
    }

    public async Task<byte[]?> ReadBytesAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await account.Container(container).GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string container, string name, CancellationToken cancellationToken = default) =>
        (await account.Container(container).GetBlobClient(name).ExistsAsync(cancellationToken)).Value;
}
