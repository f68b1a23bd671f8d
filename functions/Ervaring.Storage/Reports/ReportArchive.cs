using Azure;
using Azure.Storage.Blobs.Models;

namespace Ervaring.Storage.Reports;

/// <summary>A published version of a report: where it lives and what it is.</summary>
public sealed record ArchivedVersion(string Slug, int Year, int Version);

/// <summary>
/// Published reports in the <c>reports</c> container as immutable versions: <c>{slug}/{year}/v{n}/rapport.html</c>,
/// <c>data.csv</c>, <c>data.json</c> and <c>meta.json</c>. Every upload carries If-None-Match: *, so a blob that
/// exists is never overwritten; two publishers racing for the same version number cannot both win.
/// </summary>
public sealed class ReportArchive(StorageAccount account)
{
    public const string Html = "rapport.html";
    public const string Csv = "data.csv";
    public const string Json = "data.json";
    public const string Meta = "meta.json";

    public static string Name(string slug, int year, int version, string file) => $"{slug}/{year}/v{version}/{file}";

    /// <summary>Writes a new blob; false when it already exists (it is left untouched).</summary>
    public async Task<bool> TryCreateAsync(string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken = default)
    {
        var blob = account.Container(StorageNames.Containers.Reports).GetBlobClient(name);
        try
        {
            await blob.UploadAsync(new BinaryData(content), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await account.Container(StorageNames.Containers.Reports).GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Every published version (a version counts once its meta.json, written last, exists).</summary>
    public async Task<IReadOnlyList<ArchivedVersion>> ListAsync(string? slug = null, CancellationToken cancellationToken = default)
    {
        var versions = new List<ArchivedVersion>();
        var container = account.Container(StorageNames.Containers.Reports);
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, slug is null ? null : slug + "/", cancellationToken))
        {
            var parts = item.Name.Split('/');
            if (parts.Length != 4 || parts[3] != Meta || !int.TryParse(parts[1], out var year) || !parts[2].StartsWith('v') || !int.TryParse(parts[2][1..], out var version)) continue;
            versions.Add(new ArchivedVersion(parts[0], year, version));
        }
        return versions;
    }

    /// <summary>Version numbers used so far for one report, including unfinished ones (any blob under v{n}/).</summary>
    public async Task<int> HighestVersionAsync(string slug, int year, CancellationToken cancellationToken = default)
    {
        var highest = 0;
        var container = account.Container(StorageNames.Containers.Reports);
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{slug}/{year}/", cancellationToken))
        {
            var parts = item.Name.Split('/');
            if (parts.Length == 4 && parts[2].StartsWith('v') && int.TryParse(parts[2][1..], out var v)) highest = Math.Max(highest, v);
        }
        return highest;
    }
}
